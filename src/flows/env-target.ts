import type { EnvTarget } from '../boundary/target';
import type { CommandRuntime } from '../host/runtime';
import type { EnvRecord } from '../project/team-provider-info';

/** An env's account and region as team-provider-info records them, when it records both. */
export const recordedTarget = (env: EnvRecord): EnvTarget | undefined =>
  env.account && env.region ? { env: env.name, account: env.account, region: env.region } : undefined;

/** An env's account and region: from team-provider-info, else from STS with the env's credentials. */
export const envTarget = async (
  env: EnvRecord,
  runtime: Pick<CommandRuntime<never>, 'envSession'>,
): Promise<EnvTarget> => recordedTarget(env) ?? (await runtime.envSession(env)).target;
