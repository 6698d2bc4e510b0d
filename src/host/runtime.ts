import type { EnvSession } from '../aws/env-session';
import type { AwsAccess } from '../aws/ports';
import type { Project } from '../project/project';
import type { EnvRecord } from '../project/team-provider-info';
import type { COMMAND_USAGE, CommandSpec, PluginName } from '../usage';
import type { FlagNames, Flags } from './flags';
import type { Invocation } from './invocation';
import type { Io } from './io';
import type { Outcome } from './outcome';

/**
 * What a command gets: the invocation and its checked flags (`N`: the flag names it declares), output, the
 * project and per-env AWS sessions.
 */
export type CommandRuntime<N extends string> = {
  invocation: Invocation;
  flags: Flags<N>;
  io: Io;
  loadProject: () => Promise<Project>;
  /** The env's AWS ports, with its credentials proven to act in its account. Opened once per env. */
  envSession: (env: EnvRecord) => Promise<EnvSession>;
  /** AWS ports for an account that is not (yet) an env: a profile, keys, or the default chain. */
  accessSession: (label: string, access: AwsAccess) => Promise<EnvSession>;
};

/**
 * A command handler that reads the flags `N`: `'failed'` after it printed why (the host sets the exit code);
 * throws for errors. A command is written as `CommandOf<plugin, command>`, which takes `N` from its usage row.
 */
export type Command<N extends string> = (runtime: CommandRuntime<N>) => Promise<Outcome | void>;

/** The commands of one plugin name, as the usage table lists them. */
export type CommandName<P extends PluginName> = keyof (typeof COMMAND_USAGE)[P] & string;

/** What the handler of `amplify <P> <C>` gets: the flags that command's usage row declares. */
export type RuntimeOf<P extends PluginName, C extends CommandName<P>> = CommandRuntime<
  FlagNamesOf<(typeof COMMAND_USAGE)[P][C]>
>;

/** The handler of `amplify <P> <C>`: it may read exactly the flags that command's usage row declares. */
export type CommandOf<P extends PluginName, C extends CommandName<P>> = Command<
  FlagNamesOf<(typeof COMMAND_USAGE)[P][C]>
>;

type FlagNamesOf<Row> = Row extends CommandSpec ? FlagNames<Row> : never;
