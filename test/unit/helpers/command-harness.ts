import { unusedHosting, unusedRoles, unusedSimulator, unusedTemplateReads } from '../../fakes/memory-ports';
import { openEnvSession } from '../../../src/aws/env-session';
import type { EnvAws, IamPort, PolicyLookup, PolicySummary } from '../../../src/aws/ports';
import { parsePolicyArn } from '../../../src/boundary/arn';
import { COMMANDS } from '../../../src/index';
import type { HostContext } from '../../../src/host/context';
import { silentProgress, type Choice, type Io, type Prompter } from '../../../src/host/io';
import { createRedactor } from '../../../src/host/redact';
import { runCommand, type CommandEnd } from '../../../src/host/run-command';
import { DEV_ACCOUNT, PROD_ACCOUNT } from './temp-project';

/** An in-memory AWS: which policies exist, which accounts may not call GetPolicy, and who each env's credentials are. */
export type FakeCloud = {
  /** Policy ARNs that exist. */
  policies: Set<string>;
  /** Accounts whose credentials lack iam:GetPolicy (GetPolicy → AccessDenied). */
  deniedAccounts: Set<string>;
  /** The account each env's credentials act in (STS GetCallerIdentity). */
  accountOfEnv: Record<string, string>;
  /** When true, any IAM or STS call fails the run (for `--no-check`). */
  offline: boolean;
};

/** A cloud where dev's and prod's credentials act in their own accounts. */
export const fakeCloud = (policies: string[] = []): FakeCloud => ({
  policies: new Set(policies),
  deniedAccounts: new Set(),
  accountOfEnv: { dev: DEV_ACCOUNT, prod: PROD_ACCOUNT },
  offline: false,
});

const noCall = (what: string): Promise<never> =>
  Promise.reject(new Error(`${what} was called in a run that must make no AWS call`));

/** The IAM of one account in the fake cloud. */
export const fakeIam = (cloud: FakeCloud, account: string): IamPort => ({
  policyExists: (arn) => {
    if (cloud.offline) return noCall('iam:GetPolicy');
    const lookup: PolicyLookup = cloud.deniedAccounts.has(account)
      ? 'denied'
      : cloud.policies.has(arn)
        ? 'exists'
        : 'missing';
    return Promise.resolve(lookup);
  },
  listCustomerPolicies: () => {
    if (cloud.offline) return noCall('iam:ListPolicies');
    const summaries: PolicySummary[] = [];
    for (const arn of cloud.policies) {
      const parsed = parsePolicyArn(arn);
      if (parsed.ok && parsed.arn.account === account)
        summaries.push({ arn, name: parsed.arn.name, path: parsed.arn.path });
    }
    return Promise.resolve(summaries.sort((a, b) => a.name.localeCompare(b.name)));
  },
  roleBoundary: () => (cloud.offline ? noCall('iam:GetRole') : Promise.resolve({ found: false })),
});

/** The AWS ports an env's credentials give in the fake cloud, and the region they act in. */
export const fakeEnvAws = (cloud: FakeCloud, env: string, region = 'us-east-1'): EnvAws & { region: string } => {
  const account = cloud.accountOfEnv[env] ?? '000000000000';
  return {
    region,
    iam: fakeIam(cloud, account),
    identity: { account: () => (cloud.offline ? noCall('sts:GetCallerIdentity') : Promise.resolve(account)) },
    stacks: {
      listResources: () => (cloud.offline ? noCall('cloudformation:ListStackResources') : Promise.resolve([])),
      ...unusedTemplateReads(),
    },
    roles: unusedRoles(),
    hosting: unusedHosting(),
    simulator: unusedSimulator(),
  };
};

/** One printed line, with the printer method that printed it. */
export type PrintedLine = { level: 'info' | 'success' | 'warn' | 'error'; text: string };

/** An Io that records everything, with the given prompter. */
export type RecordingIo = Io & { lines: PrintedLine[]; stdout: string[]; stderr: string[]; printed(): string };

export const recordingIo = (prompt: Prompter, redactor = createRedactor()): RecordingIo => {
  const lines: PrintedLine[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  // The same redactor as in the CLI (the run's own, when given), so tests see what a user would.
  const line = (level: PrintedLine['level']) => (text: string) => lines.push({ level, text: redactor.text(text) });
  return {
    lines,
    stdout,
    stderr,
    printed: () => lines.map((printed) => printed.text).join('\n'),
    print: {
      info: line('info'),
      success: line('success'),
      warn: line('warn'),
      error: line('error'),
      blankLine: () => lines.push({ level: 'info', text: '' }),
    },
    prompt,
    out: (text) => stdout.push(redactor.text(text)),
    err: (text) => stderr.push(redactor.text(text)),
    secrets: redactor,
    progress: silentProgress,
  };
};

/** A prompter for runs that must not ask anything: every question is recorded and fails the run. */
export const forbiddenPrompter = (asked: string[]): Prompter => {
  const refuse = (message: string): Promise<never> => {
    asked.push(message);
    return Promise.reject(new Error(`The test did not expect the question "${message}"`));
  };
  return {
    pick: (message) => refuse(message),
    input: (message) => refuse(message),
    confirm: (message) => refuse(message),
  };
};

/** A picker question as the prompter saw it. */
export type AskedPick = { message: string; names: string[]; initial: number | undefined };

/** A prompter that answers the picker with the choice of a given name, and typed input with given text. */
export const scriptedPrompter = (answers: { pick: string; input?: string }, asked: AskedPick[]): Prompter => ({
  pick: <T>(message: string, choices: Array<Choice<T>>, initial?: number): Promise<T> => {
    asked.push({ message, names: choices.map((choice) => choice.name), initial });
    const choice = choices.find((candidate) => candidate.name === answers.pick);
    return choice ? Promise.resolve(choice.value) : Promise.reject(new Error(`No choice named ${answers.pick}`));
  },
  input: (_message, options) => {
    const value = answers.input ?? options.initial ?? '';
    const verdict = options.validate?.(value) ?? true;
    return verdict === true ? Promise.resolve(value) : Promise.reject(new Error(`Input ${value} refused: ${verdict}`));
  },
  confirm: (_message, initial) => Promise.resolve(initial),
});

/** How to run one command. */
export type RunOptions = {
  plugin?: string;
  command: string;
  options?: Record<string, string | boolean | undefined>;
  subCommands?: string[];
  cwd: string;
  cloud?: FakeCloud;
  stdinIsTTY?: boolean;
  env?: Record<string, string | undefined>;
  prompt?: Prompter;
};

/** What a run left behind: the recorded output and the error it reported or threw, if any. */
export type RunResult = { io: RecordingIo; error: unknown };

/** What the tests' `exit` throws: the run ended the whole process with this code. */
export class ProcessExit extends Error {
  constructor(readonly code: number) {
    super(`The run ended the process with exit code ${code}`);
    this.name = 'ProcessExit';
  }
}

/** The `exit` of every test run: instead of ending the test process, it ends the run with a `ProcessExit`. */
export const exitForTests = (code: number): Promise<never> => Promise.reject(new ProcessExit(code));

/** The error a command run reported to the user (a user error) or threw to the CLI (a fault), if any. */
export const failureOf = (run: Promise<CommandEnd>): Promise<unknown> =>
  run.then(
    (end) => end.reported,
    (thrown: unknown) => thrown,
  );

/** A user error as the run printed it in the CLI's style: message (with details), resolution, link. */
export type PrintedError = { message: string; resolution?: string; link?: string };

/** The last user error among printed lines, read back from the CLI's layout; undefined if none was printed. */
export const printedError = (lines: readonly PrintedLine[]): PrintedError | undefined => {
  const at = lines.map((line) => line.level).lastIndexOf('error');
  if (at < 0) return undefined;
  const after = lines.slice(at + 1).map((line) => line.text);
  const field = (label: string): string | undefined =>
    after.find((text) => text.startsWith(label))?.slice(label.length);
  return {
    message: lines[at]?.text ?? '',
    resolution: field('Resolution: '),
    link: field('Learn more at: '),
  };
};

/**
 * Runs a command through the real dispatcher (`runCommand` with `COMMANDS`), with a recording Io and per-env
 * sessions over the fake cloud; sessions go through the real `openEnvSession`, so account checks apply.
 */
export const runPluginCommand = async (run: RunOptions): Promise<RunResult> => {
  const io = recordingIo(run.prompt ?? forbiddenPrompter([]));
  const cloud = run.cloud ?? fakeCloud();
  const context: HostContext = {
    input: {
      plugin: run.plugin ?? 'boundary',
      command: run.command,
      subCommands: run.subCommands,
      options: run.options ?? {},
    },
  };
  const error = await failureOf(
    runCommand(context, COMMANDS, {
      terminal: { stdinIsTTY: run.stdinIsTTY ?? false, stdoutIsTTY: false, env: run.env ?? {}, cwd: run.cwd },
      io: () => Promise.resolve(io),
      envSession: (_context, env) =>
        openEnvSession(env, { region: env.region }, (_access, name) => Promise.resolve(fakeEnvAws(cloud, name))),
      accessSession: (label, access) =>
        openEnvSession({ name: label }, access, (_access, name) =>
          Promise.resolve(fakeEnvAws(cloud, name, access.region)),
        ),
      exit: exitForTests,
    }),
  );
  return { io, error };
};
