import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { PLUGIN_ROOT, createSandbox, initProject, run, type RunResult, type Sandbox } from './support/amplify-cli';
import { createPolicies, DEV_BOUNDARY } from './support/bounded-project';

const motoUrl = process.env.MOTO_URL as string;

let fake: AmplifyFake;
let sandbox: Sandbox;
let prefix: string;
const cleanup: string[] = [];

const succeeded = (what: string, result: RunResult): RunResult => {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.output}`);
  return result;
};

/**
 * npm as a build runs it: the sandbox's fresh HOME, whose ~/.npmrc names the global prefix, and the machine's own
 * package cache (a fresh HOME would otherwise download every dependency again). The `npm_*` variables npm hands
 * to the test run (its own userconfig and global prefix among them) are left out: they would point the install at
 * the machine's global folder.
 */
const npm = async (args: string[], cwd: string): Promise<RunResult> => {
  const cache = (await run('npm', ['config', 'get', 'cache'], cwd, process.env, 60_000)).stdout.trim();
  const env = Object.fromEntries(Object.entries(sandbox.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return run(
    'npm',
    args,
    cwd,
    { ...env, npm_config_cache: cache, npm_config_audit: 'false', npm_config_fund: 'false' },
    300_000,
  );
};

beforeAll(async () => {
  await resetMoto(motoUrl);
  await createPolicies(motoUrl, DEFAULT_CREDENTIALS, [{ name: 'AmplifyBoundary' }]);
  fake = await startAmplifyFake();
  // A user who never added the plugin from a checkout: it comes only from the global install below.
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url, false);
}, 120_000);
afterAll(async () => {
  await fake.stop();
  for (const folder of cleanup) await rm(folder, { recursive: true, force: true });
});

describe('installed the way a build installs it: npm pack, a global install into a prefix, amplify plugin scan', () => {
  it('is found by `amplify plugin scan`, and its commands and events run from there, with nothing of the checkout on the way', async () => {
    // Whatever the package's own build produces (prepack scripts included), the packed tarball is what users get.
    const packDir = await mkdtemp(join(tmpdir(), 'iam-guard-pack-'));
    cleanup.push(packDir);
    const packed = succeeded('npm pack', await npm(['pack', '--json', '--pack-destination', packDir], PLUGIN_ROOT));
    const [{ filename }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string }>;
    prefix = join(packDir, 'prefix');
    await writeFile(join(sandbox.home, '.npmrc'), `prefix=${prefix}\n`);
    succeeded(
      'npm install -g',
      await npm(['install', '--global', '--prefix', prefix, join(packDir, filename)], sandbox.home),
    );

    const scan = await sandbox.amplify(['plugin', 'scan']);
    expect(scan.code).toBe(0);
    const plugins = JSON.parse(await readFile(join(sandbox.home, '.amplify/plugins.json'), 'utf8')) as {
      plugins: Record<string, Array<{ packageName: string; packageLocation: string }>>;
    };
    expect(plugins.plugins.boundary).toEqual([
      expect.objectContaining({
        packageName: 'amplify-iam-guard',
        packageLocation: join(prefix, 'lib/node_modules/amplify-iam-guard'),
      }),
    ]);

    const help = await sandbox.amplify(['boundary', 'help']);
    expect(help.stdout).toContain('amplify boundary check [--env <env>] [--json]');
    const project = await initProject(sandbox, {
      name: 'globalinstall',
      env: 'dev',
      profile: 'default',
      extraArgs: ['--permissions-boundary', DEV_BOUNDARY],
    });
    const show = await sandbox.amplify(['boundary', 'show', '--json'], { cwd: project });
    expect(JSON.parse(show.stdout)).toMatchObject({
      environments: [{ env: 'dev', boundary: DEV_BOUNDARY, source: 'team-provider-info', valid: true }],
    });
  });
});
