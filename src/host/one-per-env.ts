import type { EnvSession } from '../aws/env-session';
import type { EnvRecord } from '../project/team-provider-info';

/** Opens each env's session once per run, however many steps ask for it. */
export const onePerEnv = (open: (env: EnvRecord) => Promise<EnvSession>): ((env: EnvRecord) => Promise<EnvSession>) => {
  const sessions = new Map<string, Promise<EnvSession>>();
  return (env) => {
    const session = sessions.get(env.name) ?? open(env);
    sessions.set(env.name, session);
    return session;
  };
};
