import type { EventHandler } from '../host/run-event';
import { loadProjectState } from '../project/project';

/**
 * PostInit. After a push in the same run — `amplify init --forcePush`, which is how Amplify Hosting builds deploy
 * a backend, and which raises no PostPush — it proves the deployment exactly as PostPush does. Otherwise it checks
 * the new env as PostEnvAdd does (both fire on `amplify init --envName`; each check runs once).
 */
export const postInit: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  const { postEnvAdd, recordNoneOnPurpose } = await import('./post-env-add');
  const pushed = state.envs.find((env) => env.name === state.currentEnv && runtime.memory.pushedEnvs.has(env.name));
  if (!pushed) return postEnvAdd(runtime);
  // A new project's `init --forcePush` with `--permissions-boundary ''`: keep that choice before proving the push.
  await recordNoneOnPurpose(runtime, state, pushed);
  return (await import('./post-push')).postPush(runtime);
};
