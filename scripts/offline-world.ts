/**
 * The offline world the demo and the sandbox both run in: moto (IAM, STS, CloudFormation, S3) and the Amplify
 * stand-in on loopback ports, two accounts with the same policies, and an Amplify user in a temp HOME with one
 * AWS profile per account and the plugin registered in the real Amplify CLI. No AWS account is needed.
 */
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StaticCredentials } from '../src/aws/ports';
import { startAmplifyFake, type AmplifyFake } from '../test/fakes/amplify-fake';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_ACCOUNT, DEFAULT_CREDENTIALS } from '../test/support/accounts';
import { startMoto, type MotoServer } from '../test/support/moto';
import { AMPLIFY_BIN, createSandbox, initArgs, providersFor, type Sandbox } from '../test/e2e/support/amplify-cli';
import { connectApp } from '../test/e2e/support/hosting';

/** The account the `default` profile acts in (moto's default account). */
export const DEV_ACCOUNT = DEFAULT_ACCOUNT;
/** The account the `prod` profile acts in. */
export const PROD_ACCOUNT = '222222222222';
/** The boundary policy that exists in both accounts. */
export const BOUNDARY_POLICY = 'AmplifyBoundary';
/** A second policy in both accounts, for compute roles. */
export const SSR_POLICY = 'SsrReadOnly';

/** The ARN of a customer-managed policy of an account. */
export const policyArn = (account: string, name: string): string => `arn:aws:iam::${account}:policy/${name}`;

/** The project the demo and the sandbox make, in a folder of that name in the temp HOME. */
export const PROJECT = 'shop';

/** `amplify init` of the project with env dev in DEV_ACCOUNT, given its boundary on the command line. */
export const INIT_DEV: readonly string[] = initArgs({
  name: PROJECT,
  env: 'dev',
  profile: 'default',
  extraArgs: ['--permissions-boundary', policyArn(DEV_ACCOUNT, BOUNDARY_POLICY)],
});

/** `amplify init` of env prod in PROD_ACCOUNT in the same project: the plugin gives it the same policy there. */
export const INIT_PROD: readonly string[] = ['init', '--yes', '--envName', 'prod', '--providers', providersFor('prod')];

/** Steps that undo what was started, run last-started first; safe to run twice or from a signal handler. */
export type Teardown = { add(step: () => Promise<unknown>): void; run(): Promise<void> };

/** An empty teardown list. */
export const teardown = (): Teardown => {
  const steps: Array<() => Promise<unknown>> = [];
  return {
    add: (step) => void steps.unshift(step),
    run: async () => {
      // Each step runs once even when a signal arrives while an earlier teardown is still running.
      for (let step = steps.shift(); step; step = steps.shift()) await step().catch(() => undefined);
    },
  };
};

/** The running servers, the Amplify user, and the credentials of the `prod` profile. */
export type OfflineWorld = { moto: MotoServer; fake: AmplifyFake; sandbox: Sandbox; prod: StaticCredentials };

/**
 * Starts moto and the Amplify stand-in, creates the boundary and SSR policies in both accounts, and makes
 * the Amplify user (profiles `default` → DEV_ACCOUNT, `prod` → PROD_ACCOUNT). Everything it starts is
 * added to `cleanup`, including the temp HOME.
 */
export const startOfflineWorld = async (cleanup: Teardown): Promise<OfflineWorld> => {
  // The SDK clients made here and by the plugin must never probe the instance-metadata address.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const moto = await startMoto();
  cleanup.add(() => moto.stop());
  const fake = await startAmplifyFake();
  cleanup.add(() => fake.stop());
  const prod = await credentialsInAccount(moto.url, PROD_ACCOUNT);
  for (const credentials of [DEFAULT_CREDENTIALS, prod]) {
    const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials });
    for (const name of [BOUNDARY_POLICY, SSR_POLICY])
      await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  }
  const sandbox = await createSandbox(moto.url, { default: DEFAULT_CREDENTIALS, prod }, fake.url);
  cleanup.add(() => rm(sandbox.home, { recursive: true, force: true }));
  return { moto, fake, sandbox, prod };
};

/** A hosting branch deployed from an env of the project, with the variables it holds. */
export type HostedBranch = { branch: string; env: string; account: string; variables?: Record<string, string> };

/**
 * Adds an Amplify Hosting app connected to a repository, with one branch per given env, and connects those
 * envs of the project to it as Amplify Hosting does.
 */
export const addHostingApp = async (
  world: OfflineWorld,
  project: string,
  appId: string,
  branches: HostedBranch[],
): Promise<void> => {
  world.fake.addApp({ appId, name: 'shop', repository: 'https://github.com/example/shop' });
  for (const branch of branches) await addHostedBranch(world, project, appId, branch);
};

/** Adds a branch deployed from an env of the project to an app of the stand-in, and connects that env to the app. */
export const addHostedBranch = async (
  world: OfflineWorld,
  project: string,
  appId: string,
  { branch, env, account, variables }: HostedBranch,
): Promise<void> => {
  world.fake.addBranch(appId, {
    branchName: branch,
    backendEnvironmentArn: `arn:aws:amplify:us-east-1:${account}:apps/${appId}/backendenvironments/${env}`,
    environmentVariables: variables,
  });
  await connectApp(project, env, appId);
};

/** The folder holding the `amplify` binary the world runs, for a shell's PATH. */
export const AMPLIFY_BIN_DIR = dirname(AMPLIFY_BIN);
