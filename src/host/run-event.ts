import type { EnvSession } from '../aws/env-session';
import type { AwsAccess } from '../aws/ports';
import type { EnvRecord } from '../project/team-provider-info';
import type { HostContext } from './context';
import { errorText, isUserError, loadHostErrorClasses, printUserError, toHostError } from './errors';
import { isInteractive, type Terminal } from './invocation';
import { CANCELLED_EXIT_CODE, PromptCancelled, type Io } from './io';
import { exitCodeOf, type Outcome } from './outcome';
import { createRedactor } from './redact';
import { onePerEnv } from './one-per-env';
import type { HostServices } from './run-command';

/** The lifecycle events the manifest declares. */
export const EVENT_NAMES = ['PreInit', 'PostInit', 'PostEnvAdd', 'PrePush', 'PostPush', 'PostPull'] as const;

/** One declared event. */
export type EventName = (typeof EVENT_NAMES)[number];

/** What the CLI passes with an event (`PostEnvAdd` carries the previous and new env names). */
export type EventData = { prevEnvName?: string; newEnvName?: string };

/** What one event of a CLI run tells a later event of the same run (never kept beyond the run). */
export type RunMemory = {
  /** Envs PostEnvAdd or PostInit already checked: `amplify init --envName` raises both for one env. */
  checkedEnvs: Set<string>;
  /** Envs PreInit gave "no boundary" only because nothing anywhere had one (not a `''` given on purpose). */
  unboundedByDefault: Set<string>;
  /** Envs a PrePush of this run let deploy: `amplify init --forcePush` (Hosting builds) raises PostInit, no PostPush. */
  pushedEnvs: Set<string>;
  /** Envs whose deployment was already proven in this run, so PostPush's check runs once whichever event reaches it. */
  provedEnvs: Set<string>;
};

// One memory per CLI run: the CLI hands every event of a run the same context object.
const memories = new WeakMap<HostContext, RunMemory>();

const memoryOf = (context: HostContext): RunMemory => {
  const memory = memories.get(context) ?? {
    checkedEnvs: new Set(),
    unboundedByDefault: new Set(),
    pushedEnvs: new Set(),
    provedEnvs: new Set(),
  };
  memories.set(context, memory);
  return memory;
};

/** What an event handler gets: the command's options, output, and AWS sessions; never the CLI context itself. */
export type EventRuntime = {
  event: EventName;
  data: EventData;
  /** The options of the CLI command that raised the event (`amplify init --envName prod …`). */
  options: Readonly<Record<string, string | boolean | undefined>>;
  /** Sets an option of that command, for the CLI to read after the event (PreInit → `permissions-boundary`). */
  setOption: (name: string, value: string) => void;
  interactive: boolean;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** What earlier events of this CLI run left for later ones. */
  memory: RunMemory;
  /** Output and questions; loaded on first use so idle events stay cheap. */
  io: () => Promise<Io>;
  envSession: (env: EnvRecord) => Promise<EnvSession>;
  accessSession: (label: string, access: AwsAccess) => Promise<EnvSession>;
};

/** An event handler: `'failed'` after it printed why (the host sets the exit code). */
export type EventHandler = (runtime: EventRuntime) => Promise<Outcome | void>;

/** Every declared event: the static dispatch table of handler loaders (a handler's module loads when it runs). */
export type EventTable = Record<EventName, () => Promise<EventHandler>>;

const isEventName = (value: unknown): value is EventName => (EVENT_NAMES as readonly unknown[]).includes(value);

/**
 * Dispatches an event. A pre-event stops the CLI command by printing its error in the CLI's style and ending
 * the process; only a fault is thrown to the CLI. Post-events never throw (the CLI would skip saving its env
 * parameters after a deployment that succeeded): they print the error and set the exit code.
 */
export const handleEvent = async (
  context: HostContext,
  args: unknown,
  table: EventTable,
  services: HostServices,
): Promise<void> => {
  const { event, data } = (args ?? {}) as { event?: unknown; data?: EventData };
  if (!isEventName(event)) return;
  const options = (context.input.options ??= {});
  let io: Promise<Io> | undefined;
  const terminal: Terminal = services.terminal;
  const interactive = isInteractive(options, terminal);
  const redactor = createRedactor();
  const scope = { cwd: terminal.cwd, secrets: redactor };
  const runtime: EventRuntime = {
    event,
    data: data ?? {},
    options,
    setOption: (name, value) => {
      options[name] = value;
    },
    interactive,
    cwd: terminal.cwd,
    env: terminal.env,
    memory: memoryOf(context),
    io: () => (io ??= services.io({ interactive, showProgress: terminal.stdoutIsTTY, redactor }, context)),
    envSession: onePerEnv((env) => services.envSession(context, env, scope)),
    accessSession: (label, access) => services.accessSession(label, access, scope),
  };
  try {
    const exitCode = exitCodeOf(await (await table[event]())(runtime));
    if (exitCode !== undefined) process.exitCode = exitCode;
  } catch (error) {
    if (error instanceof PromptCancelled) {
      // The CLI command must not go on (a push would deploy): a person's Ctrl-C ends the whole run here, as it
      // would outside a prompt, for the reason below.
      (await runtime.io()).print.warn(error.message);
      return services.exit(CANCELLED_EXIT_CODE);
    }
    if (event.startsWith('Pre')) {
      const hostError = toHostError(error, loadHostErrorClasses(context), redactor.text);
      if (!isUserError(hostError)) throw hostError;
      // A stop on purpose (a refused boundary, a push that would strip one) is not a crash, yet whatever a
      // handler throws reaches the CLI's exception handler, which asks to send an error report (and sends the
      // project's configuration files once a person has said yes) and prints a bare "Session Identifier".
      // That handler then ends the process with exit code 1 having saved nothing: the CLI saves its env
      // parameters only after the command it raised the event for returns, and a pre-event runs before that
      // command has changed anything (in `init --forcePush`, before the push step). So printing the error the
      // way the CLI would and ending the process here loses nothing a throw would keep; what is skipped is the
      // report question, the usage-data error record and the CLI's `post-<command>` failure hooks.
      printUserError((await runtime.io()).print, hostError);
      return services.exit(1);
    }
    const print = (await runtime.io()).print;
    print.error(`amplify-iam-guard (${event}): ${errorText(error)}`);
    process.exitCode = 1;
  }
};
