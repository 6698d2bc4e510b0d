/**
 * The demo: the plugin inside the real Amplify CLI against moto (IAM, STS, CloudFormation, S3) and the
 * project's Amplify control-plane stand-in, all on loopback, so it needs no AWS account. Every command and its
 * real output is printed, failures that are part of the story are labelled as expected, and the servers are
 * stopped at the end.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CreatePolicyVersionCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StaticCredentials } from '../src/aws/ports';
import { type RunResult } from '../test/e2e/support/amplify-cli';
import { startIamSimulator } from '../test/fakes/iam-simulator';
import { DEFAULT_CREDENTIALS } from '../test/support/accounts';
import { addFunctionAndTable } from '../test/support/root-stack';
import {
  addHostedBranch,
  addHostingApp,
  BOUNDARY_POLICY,
  DEV_ACCOUNT,
  INIT_DEV,
  INIT_PROD,
  policyArn,
  PROD_ACCOUNT,
  PROJECT,
  SSR_POLICY,
  startOfflineWorld,
  teardown,
  type OfflineWorld,
  type Teardown,
} from './offline-world';

const APP = 'd2demoapp';

// Dev's boundary once governance isolates it: everything is allowed but prod's account and prod's buckets.
const DEV_BOUNDARY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    {
      Effect: 'Deny',
      Action: '*',
      Resource: [`arn:aws:*:*:${PROD_ACCOUNT}:*`, `arn:aws:s3:::amplify-${PROJECT}-prod-*`],
    },
  ],
});

// Bold titles only at a terminal: piped into a file or a pager, the output stays plain text.
const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);

const banner = (text: string): void => {
  process.stdout.write(`\n${bold(`━━ ${text}`)}\n`);
};

/** A line of the story between commands, written like a shell comment. */
const note = (...lines: string[]): void => {
  for (const line of lines) process.stdout.write(`# ${line}\n`);
};

// eslint-disable-next-line no-control-regex -- matching escape codes is the point
const ESCAPE_CODES = /\x1b\[[0-9;?]*[A-Za-z]/g;

const quote = (arg: string): string => (/[\s{"'*]/.test(arg) || arg === '' ? `'${arg}'` : arg);

/** How a step must end: success, or a failure the story expects, with the reason it fails. */
type Expect = { ok: true } | { ok: false; because: string };

const SUCCEEDS: Expect = { ok: true };
const fails = (because: string): Expect => ({ ok: false, because });

/** What every chapter gets: the world, the project folder, and the teardown list for what a chapter starts. */
type Demo = { world: OfflineWorld; project: string; cleanup: Teardown };

const step = async (
  demo: Demo,
  args: string[],
  expect: Expect = SUCCEEDS,
  env: NodeJS.ProcessEnv = {},
): Promise<RunResult> => {
  const result = await demo.world.sandbox.amplify(args, { cwd: demo.project, env });
  process.stdout.write(`$ amplify ${args.map(quote).join(' ')}\n`);
  // The CLI clears its prompt lines with escape codes even when piped; they are noise in a transcript.
  process.stdout.write(result.output.replace(ESCAPE_CODES, '').replace(/\n{3,}/g, '\n\n'));
  const ended = expect.ok ? result.code === 0 : result.code !== 0;
  const label = expect.ok ? '' : ` — expected: ${expect.because}`;
  process.stdout.write(`(exit code ${String(result.code)}${label})\n`);
  if (!ended) {
    const wanted = expect.ok ? '0' : 'non-zero';
    throw new Error(`\`amplify ${args.join(' ')}\` exited ${String(result.code)}, expected ${wanted}`);
  }
  return result;
};

/** One part of the story: a title and the commands it runs. */
type Chapter = { title: string; run: (demo: Demo) => Promise<void> };

/** The story, in order. A new chapter is one more entry at the end of this list. */
const CHAPTERS: Chapter[] = [
  {
    title: '1. A new project whose env "dev" gets a checked permissions boundary',
    run: async (demo) => {
      await mkdir(demo.project);
      await step(demo, [...INIT_DEV]);
      await step(demo, ['boundary', 'show']);
      note('A policy of the other account is refused before anything is written:');
      await step(
        demo,
        ['boundary', 'set', '--permissions-boundary', policyArn(PROD_ACCOUNT, BOUNDARY_POLICY), '--yes'],
        fails(`the policy belongs to account ${PROD_ACCOUNT}, env "dev" is in account ${DEV_ACCOUNT}`),
      );
    },
  },
  {
    title: '2. A second env in another account, non-interactively: the same policy, in that account',
    run: async (demo) => {
      await step(demo, [...INIT_PROD]);
      await step(demo, ['boundary', 'resolve', '--profile', 'prod']);
    },
  },
  {
    title: '3. Push, then the proof that every role carries its boundary',
    run: async (demo) => {
      await step(demo, ['push', '--yes']);
      await step(demo, ['boundary', 'verify', '--all-envs']);
    },
  },
  {
    title: '4. An SSR hosting branch with access keys in its variables gets a compute role instead',
    run: async (demo) => {
      await addHostingApp(demo.world, demo.project, APP, [
        {
          branch: 'main',
          env: 'prod',
          account: PROD_ACCOUNT,
          variables: {
            APP_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
            APP_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          },
        },
      ]);
      note(`Amplify Hosting app ${APP}, branch main deployed from env "prod", holds access keys in its variables.`);
      await step(demo, ['compute-role', 'audit'], fails('audit exits non-zero while it finds keys (a CI gate)'));
      note(
        'Kinds: access-key-id = the value has the shape of an access key id (AKIA…/ASIA…);',
        'credential-name = the name says it holds a credential (it ends in ACCESS_KEY_ID, SECRET_ACCESS_KEY,',
        'SECRET_KEY or SESSION_TOKEN: Amplify Hosting refuses names starting with AWS, so keys get renamed);',
        'secret-beside-key = a 40-character secret-shaped value next to such a key. Values are masked.',
      );
      await step(demo, [
        'compute-role',
        'attach',
        '--policy-arns',
        policyArn(PROD_ACCOUNT, SSR_POLICY),
        '--redeploy',
        '--yes',
      ]);
      await step(demo, ['compute-role', 'show']);
      // Amplify Hosting would now build and deploy the branch; the stand-in only marks the release job done.
      for (const job of demo.world.fake.jobs(APP, 'main')) job.status = 'SUCCEED';
      note(
        'The release job that --redeploy started has finished (here the Amplify stand-in marks it SUCCEED).',
        'The running app now uses the role, so the same command reports "in effect" instead of "pending":',
      );
      await step(demo, ['compute-role', 'show']);
      note('With the role in effect, the keys can go:');
      await step(demo, ['compute-role', 'audit', '--fix']);
      await step(demo, ['boundary', 'verify']);
    },
  },
  {
    title: '5. What the boundary does: dev cannot reach prod, and prod reaching dev is caught',
    run: async (demo) => {
      const { world } = demo;
      const cloudformation = (credentials: StaticCredentials) =>
        new CloudFormationClient({ region: 'us-east-1', endpoint: world.moto.url, credentials });
      await addFunctionAndTable(cloudformation(DEFAULT_CREDENTIALS), demo.project, PROJECT, 'dev');
      await addFunctionAndTable(cloudformation(world.prod), demo.project, PROJECT, 'prod');
      await addHostedBranch(world, demo.project, APP, { branch: 'dev', env: 'dev', account: DEV_ACCOUNT });
      // The account's governance tightens dev's boundary; prod's stays open, so prod's roles can reach dev.
      await new IAMClient({ region: 'us-east-1', endpoint: world.moto.url, credentials: DEFAULT_CREDENTIALS }).send(
        new CreatePolicyVersionCommand({
          PolicyArn: policyArn(DEV_ACCOUNT, BOUNDARY_POLICY),
          PolicyDocument: DEV_BOUNDARY,
          SetAsDefault: true,
        }),
      );
      note(
        'Each env now has a table Todo-<env> and a function role allowed dynamodb:* on every table;',
        `env "dev" is deployed from a branch dev of app ${APP} too.`,
        `A new version of ${BOUNDARY_POLICY} in account ${DEV_ACCOUNT} denies everything in account ${PROD_ACCOUNT}`,
        `and prod's buckets; ${BOUNDARY_POLICY} in account ${PROD_ACCOUNT} still allows everything.`,
        "verify proved every role carries its boundary; simulate asks IAM's policy simulator what it lets them do.",
        'moto has no policy simulator: a small stand-in in front of it answers SimulatePrincipalPolicy.',
      );
      const simulator = await startIamSimulator(world.moto.url);
      demo.cleanup.add(() => simulator.stop());
      const viaSimulator = { AWS_ENDPOINT_URL: simulator.url };
      await step(demo, ['boundary', 'simulate', '--env', 'dev', '--against', 'prod'], SUCCEEDS, viaSimulator);
      note("The Amplify docs' own check, as one request per role instead of a deployed function:");
      const prodTable = `arn:aws:dynamodb:us-east-1:${PROD_ACCOUNT}:table/Todo-prod`;
      const scan = ['--action', 'dynamodb:Scan', '--resource', prodTable];
      await step(demo, ['boundary', 'simulate', '--env', 'dev', ...scan], SUCCEEDS, viaSimulator);
      await step(
        demo,
        ['boundary', 'simulate', '--env', 'prod', '--against', 'dev'],
        fails("a leak: prod's open boundary lets its roles act on dev's resources"),
        viaSimulator,
      );
      note(`Nothing was changed: adding the suggested Deny to prod's boundary is for whoever governs ${PROD_ACCOUNT}.`);
    },
  },
];

const main = async (): Promise<void> => {
  const started = Date.now();
  const cleanup = teardown();
  try {
    banner('Starting moto (IAM, STS, CloudFormation, S3) and the Amplify control-plane stand-in on 127.0.0.1');
    const world = await startOfflineWorld(cleanup);
    note(
      `moto ${world.moto.url}, Amplify stand-in ${world.fake.url}.`,
      `AWS profiles: default → account ${DEV_ACCOUNT}, prod → account ${PROD_ACCOUNT}.`,
      `Policies ${BOUNDARY_POLICY} and ${SSR_POLICY} exist in both accounts; the plugin is registered with \`amplify plugin add\`.`,
    );
    const demo: Demo = { world, project: join(world.sandbox.home, PROJECT), cleanup };
    for (const chapter of CHAPTERS) {
      banner(chapter.title);
      await chapter.run(demo);
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    banner(`Done in ${seconds} s. To type commands yourself: npm run sandbox. Against real AWS: see the README.`);
  } finally {
    await cleanup.run();
  }
};

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
