import type { EnvSession } from '../aws/env-session';
import type { AwsAccess } from '../aws/ports';
import type { Project } from '../project/project';
import type { EnvRecord } from '../project/team-provider-info';
import type { Flags } from './flags';
import type { Invocation } from './invocation';
import type { Io } from './io';
import type { Outcome } from './outcome';

/** What a command gets: the invocation and its checked flags, output, the project and per-env AWS sessions. */
export type CommandRuntime = {
  invocation: Invocation;
  flags: Flags;
  io: Io;
  loadProject: () => Promise<Project>;
  /** The env's AWS ports, with its credentials proven to act in its account. Opened once per env. */
  envSession: (env: EnvRecord) => Promise<EnvSession>;
  /** AWS ports for an account that is not (yet) an env: a profile, keys, or the default chain. */
  accessSession: (label: string, access: AwsAccess) => Promise<EnvSession>;
};

/** A command handler: `'failed'` after it printed why (the host sets the exit code); throws for errors. */
export type Command = (runtime: CommandRuntime) => Promise<Outcome | void>;
