import { openEnvSession, type EnvSession } from '../aws/env-session';
import type { AwsAccess } from '../aws/ports';
import { loadProject } from '../project/project';
import { COMMAND_USAGE, notACommandError, type CommandSpec, type PluginName } from '../usage';
import type { HostContext } from './context';
import { findProjectRoot, projectPaths } from '../project/paths';
import { hostEnvAccess, plainAccess } from './credentials';
import { errorText, isUserError, loadHostErrorClasses, printUserError, toHostError } from './errors';
import { readFlags } from './flags';
import { readInvocation, type Invocation, type Terminal } from './invocation';
import { CANCELLED_EXIT_CODE, PromptCancelled, type Io, type IoSettings } from './io';
import { onePerEnv } from './one-per-env';
import { exitCodeOf } from './outcome';
import { createRedactor, type Redactor } from './redact';
import type { Command, CommandName, CommandOf, CommandRuntime } from './runtime';

/**
 * Loads one command's handler when that command runs, so loading the plugin loads no command module. Seen
 * from the dispatcher, a handler reads any flag: the flags it gets come from the same usage row as its type.
 */
export type CommandLoader = () => Promise<Command<string>>;

/**
 * Every command of each plugin name: the static dispatch table, checked against the usage table. A row of the
 * usage table needs its handler here, typed with that row's flags.
 */
export type CommandTable = {
  [P in PluginName]: { [C in CommandName<P>]: () => Promise<CommandOf<P, C>> };
};

/** What a run knows when it opens an AWS session: where it runs and the redactor its output passes. */
export type RunScope = { cwd: string; secrets: Pick<Redactor, 'add'> };

/** What a command run needs from the outside world; the CLI's own in production, fakes in tests. */
export type HostServices = {
  terminal: Terminal;
  /** Output and prompts for one run; `context` locates the host CLI's own printer and prompter. */
  io(settings: IoSettings, context: HostContext): Promise<Io>;
  envSession(
    context: HostContext,
    env: { name: string; account?: string; region?: string },
    scope: RunScope,
  ): Promise<EnvSession>;
  accessSession(label: string, access: AwsAccess, scope: RunScope): Promise<EnvSession>;
  /** Ends the whole CLI process with this exit code: how a pre-event stops the command that raised it. */
  exit(code: number): Promise<never>;
};

/** Ends this process once everything printed so far is written (a pipe may be written asynchronously). */
export const exitProcess = async (code: number): Promise<never> => {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  return process.exit(code);
};

/** Sessions for an account named by a profile, keys or the default chain (no env to check against). */
export const plainAccessSession: HostServices['accessSession'] = async (label, access, scope) =>
  openEnvSession({ name: label }, await plainAccess(access, scope.secrets));

/** Sessions with the env's credentials as the CLI would get them, proven to act in the env's account. */
export const hostEnvSession: HostServices['envSession'] = async (context, env, scope) => {
  const paths = projectPaths(await findProjectRoot(scope.cwd));
  const request = { env: env.name, region: env.region, paths, secrets: scope.secrets };
  return openEnvSession(env, await hostEnvAccess(context, request));
};

const lookup = (table: CommandTable, invocation: Invocation): { command: CommandLoader; spec: CommandSpec } => {
  const commands: Record<string, CommandLoader> = table[invocation.plugin];
  const specs: Record<string, CommandSpec> = COMMAND_USAGE[invocation.plugin];
  if (Object.hasOwn(commands, invocation.command)) {
    return { command: commands[invocation.command], spec: specs[invocation.command] };
  }
  throw notACommandError(invocation.plugin, invocation.command);
};

/** How a command run ended: the error it reported to the user, if any (the exit code is already set). */
export type CommandEnd = { reported?: Error };

/**
 * Runs one command: reads the invocation, checks its flags, runs the handler. A user error is printed in the
 * CLI's style with its resolution and sets the exit code; only a fault is thrown, to the CLI's exception
 * handler. Machine-output runs (`--json`, `resolve`) print every error to stderr and set the exit code instead.
 */
export const runCommand = async (
  context: HostContext,
  table: CommandTable,
  services: HostServices,
): Promise<CommandEnd> => {
  const options = context.input.options ?? {};
  const machineOutput = options.json === true || context.input.command === 'resolve';
  const redactor = createRedactor();
  let io: Io | undefined;
  try {
    const invocation = readInvocation(context, services.terminal);
    const { command, spec } = lookup(table, invocation);
    const flags = readFlags(options, `amplify ${invocation.plugin} ${invocation.command}`, spec);
    io = await services.io(
      {
        interactive: invocation.interactive,
        showProgress: services.terminal.stdoutIsTTY && !machineOutput,
        redactor,
      },
      context,
    );
    const scope: RunScope = { cwd: invocation.cwd, secrets: redactor };
    const runtime: CommandRuntime<string> = {
      invocation,
      flags,
      io,
      loadProject: () => loadProject(invocation.cwd),
      envSession: onePerEnv((env) => services.envSession(context, env, scope)),
      accessSession: (label, access) => services.accessSession(label, access, scope),
    };
    const exitCode = exitCodeOf(await (await command())(runtime));
    if (exitCode !== undefined) process.exitCode = exitCode;
    return {};
  } catch (error) {
    io?.progress.stop();
    if (error instanceof PromptCancelled) {
      // Not an error to report: the person chose to stop. Every command asks before it changes anything.
      io?.print.warn(error.message);
      process.exitCode = CANCELLED_EXIT_CODE;
      return {};
    }
    if (machineOutput) {
      const text = `${errorText(error)}\n`;
      if (io) io.err(text);
      else process.stderr.write(redactor.text(text));
      process.exitCode = 1;
      return { reported: error instanceof Error ? error : new Error(String(error)) };
    }
    const hostError = toHostError(error, loadHostErrorClasses(context), redactor.text);
    if (!isUserError(hostError)) throw hostError;
    // Flag errors come before the command's own output is set up: they get one that never asks.
    io ??= await services.io({ interactive: false, showProgress: false, redactor }, context);
    printUserError(io.print, hostError);
    process.exitCode = 1;
    return { reported: hostError };
  }
};
