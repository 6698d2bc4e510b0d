import { openEnvSession, type EnvSession } from '../aws/env-session';
import type { AwsAccess } from '../aws/ports';
import { GuardError } from '../errors';
import { loadProject } from '../project/project';
import { COMMAND_USAGE, pluginOfCommand, type CommandSpec, type PluginName } from '../usage';
import type { HostContext } from './context';
import { findProjectRoot, projectPaths } from '../project/paths';
import { hostEnvAccess, plainAccess } from './credentials';
import { errorText, loadHostErrorClasses, toHostError } from './errors';
import { readFlags } from './flags';
import { readInvocation, type Invocation, type Terminal } from './invocation';
import { CANCELLED_EXIT_CODE, PromptCancelled, type Io, type IoSettings } from './io';
import { onePerEnv } from './one-per-env';
import { exitCodeOf } from './outcome';
import { createRedactor, type Redactor } from './redact';
import type { Command, CommandRuntime } from './runtime';

/** Loads one command's handler when that command runs, so loading the plugin loads no command module. */
export type CommandLoader = () => Promise<Command>;

/** Every command of each plugin name: the static dispatch table, checked against the usage table. */
export type CommandTable = { [P in PluginName]: Record<keyof (typeof COMMAND_USAGE)[P], CommandLoader> };

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
  const owner = pluginOfCommand(invocation.command);
  throw new GuardError('CommandNotSupportedError', {
    message: owner
      ? `\`amplify ${invocation.plugin} ${invocation.command}\` is not a command: "${invocation.command}" is a ${owner} command.`
      : `\`amplify ${invocation.plugin} ${invocation.command}\` is not a command (commands: ${Object.keys(specs).join(', ')}).`,
    resolution: owner
      ? `Run \`amplify ${owner} ${invocation.command}\`.`
      : `Run \`amplify ${invocation.plugin} help\`.`,
  });
};

/**
 * Runs one command: reads the invocation, checks its flags, runs the handler, and turns errors into the
 * host's own. Machine-output runs (`--json`, `resolve`) print errors to stderr and set the exit code instead.
 */
export const runCommand = async (context: HostContext, table: CommandTable, services: HostServices): Promise<void> => {
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
    const runtime: CommandRuntime = {
      invocation,
      flags,
      io,
      loadProject: () => loadProject(invocation.cwd),
      envSession: onePerEnv((env) => services.envSession(context, env, scope)),
      accessSession: (label, access) => services.accessSession(label, access, scope),
    };
    const exitCode = exitCodeOf(await (await command())(runtime));
    if (exitCode !== undefined) process.exitCode = exitCode;
  } catch (error) {
    io?.progress.stop();
    if (error instanceof PromptCancelled) {
      // Not an error to report: the person chose to stop. Every command asks before it changes anything.
      io?.print.warn(error.message);
      process.exitCode = CANCELLED_EXIT_CODE;
      return;
    }
    if (!machineOutput) throw toHostError(error, loadHostErrorClasses(context), redactor.text);
    const text = `${errorText(error)}\n`;
    if (io) io.err(text);
    else process.stderr.write(redactor.text(text));
    process.exitCode = 1;
  }
};
