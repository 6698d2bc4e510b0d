import type { EventHandler } from '../host/run-event';
import { readDeployedBoundary } from '../project/deployed-state';
import { loadProjectState } from '../project/project';
import { writeBoundaries } from '../project/team-provider-info';

/**
 * PostPull: `amplify pull` writes the env's team-provider-info record without its boundary key, so every later
 * push would stop (or strip the boundary). When the pulled env has no key and its last deployment (the CLI's local
 * copy in `#current-cloud-backend`) carries a boundary, that boundary goes back into team-provider-info, under the
 * project lock, and the user is told. A key that is there — even `""` — is left as it is. Reads no AWS.
 */
export const postPull: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  const env = state.envs.find((candidate) => candidate.name === state.currentEnv);
  if (!env || env.boundary !== undefined) return;
  const deployed = await readDeployedBoundary(state.paths);
  if (typeof deployed !== 'string') return;
  await writeBoundaries(state.paths, new Map([[env.name, deployed]]));
  (await runtime.io()).print.info(
    `amplify-iam-guard: restored permissions boundary ${deployed} of env "${env.name}" to team-provider-info from its last deployment (amplify pull leaves it out).`,
  );
  return 'done';
};
