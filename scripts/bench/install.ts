import { execFile } from 'node:child_process';
import { lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

/** One cold global install of the packed plugin. */
export type InstallMeasure = { ms: number; bytes: number; packages: number };

const exec = promisify(execFile);

/** Bytes on disk under a folder, as `du` counts them (allocated blocks, links not followed). */
const diskUsage = async (path: string): Promise<number> => {
  const stat = await lstat(path);
  if (!stat.isDirectory()) return stat.blocks * 512;
  const entries = await readdir(path);
  const sizes = await Promise.all(entries.map((entry) => diskUsage(join(path, entry))));
  return sizes.reduce((sum, size) => sum + size, stat.blocks * 512);
};

/** Packs the plugin as `npm publish` would (lib/ must be built), once per run; returns the tarball. */
export const packPlugin = async (root: string): Promise<string> => {
  const folder = await mkdtemp(join(tmpdir(), 'iam-guard-pack-'));
  const { stdout } = await exec('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', folder], {
    cwd: root,
  });
  return join(folder, stdout.trim().split('\n').pop() ?? '');
};

/**
 * `npm i -g` of the tarball into an empty prefix with an empty npm cache, so that every package comes from the
 * registry as on a new machine or an Amplify Hosting build: its time, its size on disk, and how many packages
 * npm added.
 */
export const measureInstall = async (tarball: string): Promise<InstallMeasure> => {
  const folder = await mkdtemp(join(tmpdir(), 'iam-guard-install-'));
  try {
    const start = performance.now();
    const { stdout } = await exec('npm', [
      'install',
      '--global',
      '--prefix',
      join(folder, 'prefix'),
      '--cache',
      join(folder, 'cache'),
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      tarball,
    ]);
    const ms = performance.now() - start;
    const packages = Number(/added (\d+) package/.exec(stdout)?.[1] ?? NaN);
    return { ms, bytes: await diskUsage(join(folder, 'prefix')), packages };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};
