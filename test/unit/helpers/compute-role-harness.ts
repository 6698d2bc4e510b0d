import { memoryHosting, memoryRoles, unusedSimulator, unusedTemplateReads } from '../../fakes/memory-ports';
import {
  exitForTests,
  failureOf,
  fakeCloud,
  fakeIam,
  forbiddenPrompter,
  recordingIo,
  type RecordingIo,
} from './command-harness';
import { DEV_ACCOUNT } from './temp-project';
import type { HostingApp, HostingBranch, HostingPort, RoleInfo } from '../../../src/aws/ports';
import { ownerTags } from '../../../src/compute-role/ownership';
import { COMMANDS } from '../../../src/index';
import type { HostContext } from '../../../src/host/context';
import type { Prompter } from '../../../src/host/io';
import { runCommand } from '../../../src/host/run-command';

/** The app id the default temp project records for env dev. */
export const APP_ID = 'd1abcdef';

/** The IAM trust policy of a role only Lambda may assume. */
export const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** The IAM trust policy of a role Amplify may assume. */
export const AMPLIFY_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

type StoredRole = RoleInfo & { inlineDocuments: Record<string, string> };

/** Managed policies that exist in the dev account of every world (AWS-managed ones exist in every account). */
export const WORLD_POLICIES = [
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess',
  'arn:aws:iam::aws:policy/AdministratorAccess',
  `arn:aws:iam::${DEV_ACCOUNT}:policy/SesSend`,
  `arn:aws:iam::${DEV_ACCOUNT}:policy/AmplifyBoundary`,
];

/** The in-memory IAM roles and Amplify app one command run acts on. */
export type World = {
  /** The managed policies IAM knows (GetPolicy). */
  cloud: ReturnType<typeof fakeCloud>;
  iam: ReturnType<typeof memoryRoles>;
  hosting: ReturnType<typeof memoryHosting>;
  /** Replaces the hosting port the command sees (to inject failures); defaults to `hosting.port`. */
  hostingPort?: HostingPort;
};

/** A world with the app (no compute role) and the given branches, and no IAM roles. */
export const makeWorld = (
  branches: HostingBranch[] = [{ branchName: 'dev', environmentVariables: {} }],
  app: Partial<HostingApp> = {},
): World => ({
  cloud: fakeCloud(WORLD_POLICIES),
  iam: memoryRoles(DEV_ACCOUNT),
  hosting: memoryHosting({ appId: APP_ID, name: 'shop', environmentVariables: {}, ...app }, branches),
});

/** The ARN of a role of the dev account. */
export const roleArn = (name: string): string => `arn:aws:iam::${DEV_ACCOUNT}:role/${name}`;

/** Puts a role into the world's IAM, as if it had been made outside this run. */
export const addRole = (world: World, role: Partial<StoredRole> & { name: string }): StoredRole => {
  const stored: StoredRole = {
    arn: roleArn(role.name),
    trustPolicy: AMPLIFY_TRUST,
    tags: {},
    managedPolicies: [],
    inlinePolicies: [],
    inlineDocuments: {},
    ...role,
  };
  world.iam.roles.set(role.name, stored);
  return stored;
};

/** The tags of a role the plugin created for a branch of the app in env dev. */
export const pluginTags = (branch: string): Record<string, string> =>
  ownerTags({ appId: APP_ID, env: 'dev', hosting: { kind: 'branch', branch } });

/** How to run one compute-role command. */
export type ComputeRoleRun = {
  command: string;
  options?: Record<string, string | boolean | undefined>;
  cwd: string;
  world: World;
  stdinIsTTY?: boolean;
  prompt?: Prompter;
};

/** The recorded output of a run and the error it reported or threw (the host's AmplifyError), if any. */
export type ComputeRoleResult = { io: RecordingIo; error: unknown; asked: string[] };

/**
 * Runs `amplify compute-role <command>` through the real dispatcher, with env sessions whose IAM roles and
 * Amplify app are the world's in-memory ones.
 */
export const runComputeRole = async (run: ComputeRoleRun): Promise<ComputeRoleResult> => {
  const asked: string[] = [];
  const prompt = run.prompt ?? forbiddenPrompter(asked);
  // The run's own redactor, which also masks the error the host throws.
  let io = recordingIo(prompt);
  const context: HostContext = {
    input: { plugin: 'compute-role', command: run.command, options: run.options ?? {} },
  };
  const error = await failureOf(
    runCommand(context, COMMANDS, {
      terminal: { stdinIsTTY: run.stdinIsTTY ?? false, stdoutIsTTY: false, env: {}, cwd: run.cwd },
      io: (settings) => Promise.resolve((io = recordingIo(prompt, settings.redactor))),
      envSession: (_context, env) =>
        Promise.resolve({
          aws: {
            iam: fakeIam(run.world.cloud, DEV_ACCOUNT),
            identity: { account: () => Promise.resolve(DEV_ACCOUNT) },
            stacks: { listResources: () => Promise.resolve([]), ...unusedTemplateReads() },
            roles: run.world.iam.port,
            simulator: unusedSimulator(),
            hosting: run.world.hostingPort ?? run.world.hosting.port,
          },
          target: { env: env.name, account: env.account ?? DEV_ACCOUNT, region: env.region ?? 'us-east-1' },
        }),
      accessSession: () => Promise.reject(new Error('compute-role commands open no session outside an env')),
      exit: exitForTests,
    }),
  );
  return { io, error, asked };
};

/** Everything a run printed, on the printer and on stdout and stderr. */
export const everythingPrinted = (io: RecordingIo): string[] => [
  ...io.lines.map((line) => line.text),
  ...io.stdout,
  ...io.stderr,
];
