import type { EventHandler } from '../host/run-event';
import { loadProjectState } from '../project/project';

/**
 * PostInit. After a push in the same run — `amplify init --forcePush`, which is how Amplify Hosting builds deploy
 * a backend, and which raises no PostPush — it proves the deployment exactly as PostPush does. Otherwise it checks
 * the new env as PostEnvAdd does (both fire on `amplify init --envName`; each check runs once).
 */
export const postInit: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  if (state.currentEnv !== undefined && runtime.memory.pushedEnvs.has(state.currentEnv))
    return (await import('./post-push')).postPush(runtime);
  return (await import('./post-env-add')).postEnvAdd(runtime);
};
