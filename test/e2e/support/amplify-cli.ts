import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StaticCredentials } from '../../../src/aws/ports';

const packageRoot = (from: string): string => {
  for (let folder = from; dirname(folder) !== folder; folder = dirname(folder)) {
    if (existsSync(join(folder, 'amplify-plugin.json'))) return folder;
  }
  throw new Error(`No amplify-plugin.json above ${from}`);
};

/** The plugin package under test (built to lib/ by `npm test` before this tier); found from source or compiled code. */
export const PLUGIN_ROOT = packageRoot(__dirname);

/** The Amplify CLI installed by scripts/install-amplify-cli.sh. */
export const AMPLIFY_BIN = join(PLUGIN_ROOT, 'test/e2e/.cli/node_modules/.bin/amplify');

/** What one CLI run printed and how it ended. */
export type RunResult = { code: number | null; stdout: string; stderr: string; output: string };

/** An isolated Amplify user: a temp HOME with AWS profiles, the plugin registered, endpoints on moto. */
export type Sandbox = {
  home: string;
  env: NodeJS.ProcessEnv;
  amplify(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult>;
};

/** The `--frontend` payload of a plain JavaScript project. */
export const INIT_FRONTEND = JSON.stringify({
  frontend: 'javascript',
  framework: 'none',
  config: { SourceDir: 'src', DistributionDir: 'dist', BuildCommand: 'npm run build', StartCommand: 'npm start' },
});

/** The `--providers` payload of a project-level profile. */
export const providersFor = (profile: string): string =>
  JSON.stringify({ awscloudformation: { configLevel: 'project', useProfile: true, profileName: profile } });

// Nothing of the developer's or CI's own AWS or Amplify setup may leak into a run.
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('AWS_') && !key.startsWith('AMPLIFY_')),
  );

/** Runs one command with stdin closed (so nothing can wait for an answer) and a time limit. */
export const run = (
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<RunResult> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
    child.stderr.on('data', (chunk: Buffer) => ((stderr += chunk.toString()), (output += chunk.toString())));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, output });
    });
  });

/**
 * Creates a sandbox whose AWS profiles act in moto accounts, and registers the plugin in its CLI from this checkout
 * (unless `register` is false: a test that installs the plugin another way).
 */
export const createSandbox = async (
  motoUrl: string,
  profiles: Record<string, StaticCredentials>,
  amplifyUrl?: string,
  register = true,
): Promise<Sandbox> => {
  const home = await mkdtemp(join(tmpdir(), 'iam-guard-e2e-'));
  await mkdir(join(home, '.aws'));
  const sections = Object.entries(profiles);
  await writeFile(
    join(home, '.aws', 'credentials'),
    sections
      .map(
        ([name, keys]) =>
          `[${name}]\naws_access_key_id = ${keys.accessKeyId}\naws_secret_access_key = ${keys.secretAccessKey}\n`,
      )
      .join('\n'),
  );
  await writeFile(
    join(home, '.aws', 'config'),
    sections
      .map(([name]) => `[${name === 'default' ? 'default' : `profile ${name}`}]\nregion = us-east-1\n`)
      .join('\n'),
  );
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    HOME: home,
    AWS_ENDPOINT_URL: motoUrl,
    ...(amplifyUrl ? { AWS_ENDPOINT_URL_AMPLIFY: amplifyUrl } : {}),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AMPLIFY_CLI_ENABLE_USAGE_DATA: 'false',
    CLI_DEV_INTERNAL_DISABLE_AMPLIFY_APP_CREATION: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  const sandbox: Sandbox = {
    home,
    env,
    amplify: (args, options = {}) =>
      run(AMPLIFY_BIN, args, options.cwd ?? home, { ...env, ...options.env }, options.timeoutMs ?? 120_000),
  };
  if (!register) return sandbox;
  const added = await sandbox.amplify(['plugin', 'add', PLUGIN_ROOT]);
  if (added.code !== 0) throw new Error(`amplify plugin add failed:\n${added.output}`);
  return sandbox;
};

/** What a new project is called, its first env, the profile that env deploys with, and more init flags. */
export type NewProject = { name: string; env: string; profile: string; extraArgs?: string[] };

/** The arguments of a non-interactive `amplify init` of a new project. */
export const initArgs = (options: NewProject): string[] => [
  'init',
  '--yes',
  '--amplify',
  JSON.stringify({ projectName: options.name, envName: options.env, defaultEditor: 'code' }),
  '--providers',
  providersFor(options.profile),
  '--frontend',
  INIT_FRONTEND,
  ...(options.extraArgs ?? []),
];

/** `amplify init --yes` of a new project in a new folder, with the given env and profile. */
export const initProject = async (sandbox: Sandbox, options: NewProject): Promise<string> => {
  const project = join(sandbox.home, options.name);
  await mkdir(project);
  const result = await sandbox.amplify(initArgs(options), { cwd: project });
  if (result.code !== 0) throw new Error(`amplify init failed:\n${result.output}`);
  return project;
};
