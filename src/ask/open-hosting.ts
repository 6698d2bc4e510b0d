import type { CommandRuntime } from '../host/runtime';
import { findEnv } from '../project/project';
import { appIdOf } from '../read/hosting-target';

/**
 * What every compute-role command starts from: the project, the env (`envName`, the `--env` of the commands
 * that have one, else the current env), its app, its AWS ports and the env target (account and region) they
 * were proven to act in.
 */
export const openHosting = async (
  runtime: Pick<CommandRuntime<'app-id'>, 'flags' | 'loadProject' | 'envSession'>,
  envName?: string,
) => {
  const project = await runtime.loadProject();
  const env = findEnv(project, envName ?? project.currentEnv);
  const appId = await appIdOf(project.paths, env, runtime.flags.string('app-id'));
  const { aws, target } = await runtime.envSession(env);
  return { project, env, appId, aws, envTarget: target };
};
