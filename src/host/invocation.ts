import { isSet } from '../boundary/build-fixes';
import { GuardError } from '../errors';
import type { PluginName } from '../usage';
import type { HostContext } from './context';

/** What the process is attached to, read once, so tests can say it. */
export type Terminal = {
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
};

/** A command invocation, read once from the CLI context. Nothing below the host sees the context itself. */
export type Invocation = {
  /** The name the user typed: `boundary` or `compute-role`. */
  plugin: PluginName;
  command: string;
  subCommands: string[];
  /** `--yes`/`-y`. */
  yes: boolean;
  /** False under `--yes`, without a TTY on stdin, or with `CI` set: then nothing may prompt. */
  interactive: boolean;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
};

/** The process's own terminal. */
export const processTerminal = (): Terminal => ({
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  env: process.env,
  cwd: process.cwd(),
});

const isCi = isSet;

/** Builds the invocation from the CLI context. */
export const readInvocation = (context: HostContext, terminal: Terminal): Invocation => {
  const { plugin, command, subCommands, options = {} } = context.input;
  if (plugin !== 'boundary' && plugin !== 'compute-role') {
    throw new GuardError('CommandNotSupportedError', {
      message: `amplify-iam-guard answers to "boundary" and "compute-role", not "${String(plugin)}".`,
      resolution: 'Run `amplify boundary help` or `amplify compute-role help`.',
    });
  }
  const yes = isYes(options);
  return {
    plugin,
    command: command ?? 'help',
    subCommands: subCommands ?? [],
    yes,
    interactive: isInteractive(options, terminal),
    cwd: terminal.cwd,
    env: terminal.env,
  };
};

const isYes = (options: Readonly<Record<string, unknown>>): boolean => options.yes === true || options.y === true;

/** Whether a run may ask questions: not under --yes, not without a TTY on stdin, not with CI set. */
export const isInteractive = (options: Readonly<Record<string, unknown>>, terminal: Terminal): boolean =>
  !isYes(options) && terminal.stdinIsTTY && !isCi(terminal.env.CI);
