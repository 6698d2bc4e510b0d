/**
 * A sandbox to type commands into: the offline world of the demo (moto, the Amplify stand-in, a temp HOME
 * with two AWS profiles and the plugin registered) plus a project with envs dev and prod in two accounts and
 * a hosting app for prod. It prints the lines to paste into another shell and stays up until Ctrl-C
 * (SIGINT) or SIGTERM, then stops the servers and removes the temp HOME.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addHostingApp,
  AMPLIFY_BIN_DIR,
  BOUNDARY_POLICY,
  DEV_ACCOUNT,
  INIT_DEV,
  INIT_PROD,
  PROD_ACCOUNT,
  PROJECT,
  SSR_POLICY,
  startOfflineWorld,
  teardown,
  type OfflineWorld,
} from './offline-world';

const APP = 'd1sandbox';

// What a shell needs to be the sandbox's Amplify user; everything else of the user's shell stays as it is.
const EXPORTED = [
  'HOME',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_AMPLIFY',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
  'AMPLIFY_CLI_ENABLE_USAGE_DATA',
  'CLI_DEV_INTERNAL_DISABLE_AMPLIFY_APP_CREATION',
] as const;

// Credentials or a profile already in the user's shell would win over the sandbox's profiles.
const UNSET = ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION'];

const shellQuote = (value: string): string =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/** The lines that make another shell the sandbox's Amplify user, in its project. */
const shellLines = (world: OfflineWorld, project: string): string[] => [
  `unset ${UNSET.join(' ')}`,
  ...EXPORTED.map((name) => `export ${name}=${shellQuote(world.sandbox.env[name] ?? '')}`),
  `export PATH=${shellQuote(AMPLIFY_BIN_DIR)}:"$PATH"`,
  `cd ${shellQuote(project)}`,
];

const run = async (world: OfflineWorld, project: string, what: string, args: string[]): Promise<void> => {
  process.stdout.write(`  ${what}\n`);
  const result = await world.sandbox.amplify(args, { cwd: project });
  if (result.code !== 0)
    throw new Error(`\`amplify ${args.join(' ')}\` exited ${String(result.code)}:\n${result.output}`);
};

const main = async (): Promise<void> => {
  const cleanup = teardown();
  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
    await cleanup.run();
    process.stdout.write('Sandbox stopped: servers closed, temp folder removed.\n');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, (received) => void stop(received));

  try {
    process.stdout.write('Starting moto and the Amplify stand-in on 127.0.0.1, and an Amplify user in a temp HOME…\n');
    const world = await startOfflineWorld(cleanup);
    const project = join(world.sandbox.home, PROJECT);
    await mkdir(project);
    process.stdout.write(`Making project "${PROJECT}" (${project}):\n`);
    await run(world, project, 'amplify init: env dev, profile default, boundary AmplifyBoundary', [...INIT_DEV]);
    await run(world, project, 'amplify init --envName prod: profile prod (boundary inherited, retargeted)', [
      ...INIT_PROD,
    ]);
    await addHostingApp(world, project, APP, [
      { branch: 'dev', env: 'dev', account: DEV_ACCOUNT },
      { branch: 'main', env: 'prod', account: PROD_ACCOUNT },
    ]);

    const lines = [
      '',
      'Sandbox ready:',
      `  moto (IAM, STS, CloudFormation, S3)  ${world.moto.url}`,
      `  Amplify stand-in                     ${world.fake.url}`,
      `  AWS profiles: default → account ${DEV_ACCOUNT} (env dev), prod → account ${PROD_ACCOUNT} (env prod, current)`,
      `  policies ${BOUNDARY_POLICY} and ${SSR_POLICY} in both accounts`,
      `  Amplify Hosting app ${APP}: branch dev deployed from env dev, branch main from env prod`,
      '',
      'Paste these lines into another shell:',
      '',
      ...shellLines(world, project),
      '',
      'Then try: amplify boundary show · amplify boundary verify --all-envs · amplify compute-role attach --help',
      'Press Ctrl-C here to stop the servers and remove the temp folder.',
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } catch (error) {
    if (stopping) return;
    process.stderr.write(`Sandbox failed: ${error instanceof Error ? error.message : String(error)}\n`);
    await cleanup.run();
    process.exit(1);
  }
  // The servers are unref'd so tests can end without them; this timer keeps the sandbox up until a signal.
  setInterval(() => undefined, 1 << 30);
};

void main();
