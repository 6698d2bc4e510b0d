import { cp, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PLUGIN_ROOT, run } from './support/amplify-cli';

// What a fresh clone holds for packing: the sources, the build scripts, the docs and the manifests, no lib/
// (dependencies are linked, as `npm ci` would have installed them).
const CLONE_ENTRIES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'amplify-plugin.json',
  'README.md',
  'CHANGELOG.md',
  'docs',
  'scripts',
  'src',
  'commands',
];

let clone: string;

beforeAll(async () => {
  clone = await mkdtemp(join(tmpdir(), 'iam-guard-clone-'));
  for (const entry of CLONE_ENTRIES) await cp(join(PLUGIN_ROOT, entry), join(clone, entry), { recursive: true });
  await symlink(join(PLUGIN_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
});

afterAll(() => rm(clone, { recursive: true, force: true }));

describe('npm pack in a clone that was never built', () => {
  it('builds first and ships the built plugin', async () => {
    expect(await readdir(clone)).not.toContain('lib');
    const packed = await run('npm', ['pack', '--json', '--pack-destination', clone], clone, process.env, 120_000);
    expect(packed.code).toBe(0);
    const [tarball] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const files = tarball?.files.map((file) => file.path) ?? [];
    expect(files).toEqual(
      expect.arrayContaining([
        'amplify-plugin.json',
        'README.md',
        'lib/src/index.js',
        'lib/commands/boundary/set.js',
        'lib/commands/compute-role/attach.js',
        'lib/vendor/aws-sdk.js',
        'docs/commands.md',
      ]),
    );
    expect(await readdir(clone)).toContain(tarball?.filename);
  });
});
