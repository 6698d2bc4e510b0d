import { isBuildRun } from '../boundary/build-fixes';
import { guardPush } from '../flows/push-guard';
import type { EventHandler } from '../host/run-event';
import { loadProjectState } from '../project/project';

/**
 * PrePush: the guard before any deployment (also of `amplify init --forcePush`, the way Amplify Hosting builds
 * deploy). It remembers that a push of the env is under way, so that PostInit of the same run proves it.
 */
export const prePush: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  const env = state.envs.find((candidate) => candidate.name === state.currentEnv);
  if (!env) return;
  runtime.memory.pushedEnvs.add(env.name);
  await guardPush({
    state,
    env,
    envVars: runtime.env,
    stopped: 'The push was stopped before deploying anything',
    buildRun: isBuildRun(runtime.env) || env.boundary === undefined,
    print: async () => (await runtime.io()).print,
    prompt: runtime.interactive ? async () => (await runtime.io()).prompt : undefined,
    session: () => runtime.envSession(env),
  });
};
