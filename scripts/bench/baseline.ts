import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AMPLIFY_BIN, PLUGIN_ROOT, run, type Sandbox } from '../../test/e2e/support/amplify-cli';

/**
 * The plugin as it was at a git ref, built under .sandbox and registered in a second Amplify home with the
 * same AWS profiles, so that the old and the new code are timed side by side in one run (the machine's load
 * then weighs on both alike).
 */
export const baselineSandbox = async (ref: string, sandbox: Sandbox): Promise<Sandbox> => {
  const root = join(PLUGIN_ROOT, '.sandbox/bench-baseline');
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  execFileSync('sh', ['-c', `git archive "$1" | tar -x -C "$2"`, 'sh', ref, root], { cwd: PLUGIN_ROOT });
  // Dependencies resolve from the checkout's node_modules, one folder up the tree.
  execFileSync(process.execPath, [join(PLUGIN_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
  });
  const home = await mkdtemp(join(tmpdir(), 'iam-guard-bench-baseline-'));
  await cp(join(sandbox.home, '.aws'), join(home, '.aws'), { recursive: true });
  const env = { ...sandbox.env, HOME: home };
  const baseline: Sandbox = {
    home,
    env,
    amplify: (args, options = {}) =>
      run(AMPLIFY_BIN, args, options.cwd ?? home, { ...env, ...options.env }, options.timeoutMs ?? 120_000),
  };
  const added = await baseline.amplify(['plugin', 'add', root]);
  if (added.code !== 0) throw new Error(`amplify plugin add ${root} failed:\n${added.output}`);
  return baseline;
};
