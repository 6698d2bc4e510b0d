import type { EnvAws } from '../../../src/aws/ports';
import type { HostContext } from '../../../src/host/context';
import type { HostServices } from '../../../src/host/run-command';
import { handleEvent, type EventData, type EventName, type EventTable } from '../../../src/host/run-event';
import { EVENTS } from '../../../src/index';
import {
  exitForTests,
  forbiddenPrompter,
  printedError,
  ProcessExit,
  recordingIo,
  type PrintedError,
  type PrintedLine,
} from './command-harness';
import { DEV_ACCOUNT, makeTempProject, PROD_ACCOUNT, type TempProject } from './temp-project';

export { DEV_ACCOUNT, PROD_ACCOUNT };

/** The dev env of every event test: us-east-1, account 123456789012, with auth and unauth roles. */
export const devProvider = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Region: 'us-east-1',
  StackName: 'amplify-x-dev',
  StackId: `arn:aws:cloudformation:us-east-1:${DEV_ACCOUNT}:stack/amplify-x-dev/abc`,
  AuthRoleName: 'amplify-x-dev-authRole',
  UnauthRoleName: 'amplify-x-dev-unauthRole',
  ...extra,
});

export type { TempProject };

/** A project for event tests: team-provider-info with the given envs (default: dev), and the current env. */
export const makeProject = (
  teamProviderInfo: Record<string, unknown> = { dev: { awscloudformation: devProvider() } },
  currentEnv = 'dev',
): Promise<TempProject> => makeTempProject({ teamProviderInfo, currentEnv });

/** What an event run needs: the project folder, the process environment, and the AWS of each side. */
export type EventSetup = {
  cwd: string;
  env?: Record<string, string | undefined>;
  /** The AWS of existing envs (each in the account of its StackId); absent: opening an env session fails the test. */
  envAws?: EnvAws;
  /** The AWS of the account given by --providers; absent: opening it fails the test. */
  accessAws?: EnvAws;
  /** The account the --providers credentials act in (default 222222222222). */
  accessAccount?: string;
  stdinIsTTY?: boolean;
  /** The CLI context of the run: events of one CLI run share it (and what they remember). Default: a new one. */
  context?: HostContext;
};

/**
 * The result of one event: the printed lines, the options the event left on the command, what it threw (a
 * `ProcessExit` when it ended the process), and, when it stopped the command, the exit code and the error as
 * printed.
 */
export type EventRun = {
  lines: PrintedLine[];
  options: Record<string, string | boolean | undefined>;
  error: unknown;
  stopped?: { exitCode: number; printed?: PrintedError };
  printed(): string;
};

/** Raises one event through the real dispatcher (`handleEvent` with `EVENTS`) and fake services. */
export const raiseEvent = async (
  setup: EventSetup,
  event: EventName,
  command: { command: string; options: Record<string, string | boolean | undefined> },
  data: EventData = {},
  table: EventTable = EVENTS,
): Promise<EventRun> => {
  // Events only print (never ask, never write stdout); a question fails the run.
  let io = recordingIo(forbiddenPrompter([]));
  const context: HostContext = setup.context ?? {
    input: { plugin: 'core', command: command.command, options: command.options },
  };
  const services: HostServices = {
    terminal: { stdinIsTTY: setup.stdinIsTTY ?? false, stdoutIsTTY: false, env: setup.env ?? {}, cwd: setup.cwd },
    io: (settings) => Promise.resolve((io = recordingIo(forbiddenPrompter([]), settings.redactor))),
    envSession: (_context, env) =>
      setup.envAws
        ? Promise.resolve({
            aws: setup.envAws,
            target: { env: env.name, account: env.account ?? DEV_ACCOUNT, region: env.region ?? 'us-east-1' },
          })
        : Promise.reject(new Error(`unexpected AWS session for env ${env.name}`)),
    accessSession: (label) =>
      setup.accessAws
        ? Promise.resolve({
            aws: setup.accessAws,
            target: { env: label, account: setup.accessAccount ?? PROD_ACCOUNT, region: 'us-east-1' },
          })
        : Promise.reject(new Error(`unexpected AWS session for ${label}`)),
    exit: exitForTests,
  };
  const error = await handleEvent(context, { event, data }, table, services).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  const { lines } = io;
  const stopped = error instanceof ProcessExit ? { exitCode: error.code, printed: printedError(lines) } : undefined;
  return { lines, options: context.input.options ?? {}, error, stopped, printed: () => io.printed() };
};

/** Runs a test body with process.exitCode saved and restored, returning the exit code the body left. */
export const keepingExitCode = async (body: () => Promise<void>): Promise<number | string | undefined> => {
  const saved = process.exitCode;
  process.exitCode = undefined;
  try {
    await body();
    return process.exitCode;
  } finally {
    process.exitCode = saved;
  }
};

/**
 * Expects the event to have stopped its command as a user error: exit code 1, and the error printed in the
 * CLI's layout with a resolution. Returns the error as printed.
 */
export const expectStopped = (run: EventRun): PrintedError => {
  expect(run.stopped?.exitCode).toBe(1);
  expect(run.stopped?.printed?.resolution).toBeDefined();
  return run.stopped?.printed ?? { message: '' };
};
