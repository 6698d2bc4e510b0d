import { GuardError } from '../errors';
import type { Flags } from '../host/flags';
import { findEnv, type Project } from '../project/project';
import type { EnvRecord } from '../project/team-provider-info';

/** The envs a command works on: `--all-envs`, `--env <env>`, or the current env. */
export const selectEnvs = (
  project: Project,
  flags: Flags<'env' | 'all-envs'>,
  options: { allowAll: boolean },
): EnvRecord[] => {
  const env = flags.string('env');
  const all = options.allowAll && flags.boolean('all-envs');
  if (env !== undefined && all) {
    throw new GuardError('InputValidationError', {
      message: `--env ${env} and --all-envs were both given.`,
      resolution: 'Give --env <env> for one environment or --all-envs for every one.',
    });
  }
  if (all) return project.envs;
  return [findEnv(project, env ?? project.currentEnv)];
};
