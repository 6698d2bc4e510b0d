import { GuardError } from '../errors';
import { readGuardConfig, type GuardConfig } from './guard-config';
import { readJsonDocument } from './json-file';
import { findProjectRoot, projectPaths, type ProjectPaths } from './paths';
import { readEnvRecords, type EnvRecord } from './team-provider-info';

/** An Amplify project as this plugin sees it: its files, its envs, the checked-out env and the plugin settings. */
export type Project = {
  paths: ProjectPaths;
  currentEnv: string;
  envs: EnvRecord[];
  config: GuardConfig;
};

const readCurrentEnv = async (paths: ProjectPaths): Promise<string> => {
  const document = await readJsonDocument(paths.localEnvInfo);
  const envName = document?.value.envName;
  if (typeof envName !== 'string' || envName === '') {
    throw new GuardError('ProjectNotInitializedError', {
      message: `${paths.localEnvInfo} names no current environment.`,
      resolution: 'Run `amplify init` or `amplify env checkout <env>` first.',
    });
  }
  return envName;
};

/** Reads the project containing a folder: team-provider-info, the current env and `amplify/iam-guard.json`. */
export const loadProject = async (cwd: string): Promise<Project> => {
  const paths = projectPaths(await findProjectRoot(cwd));
  const [envs, currentEnv, config] = await Promise.all([
    readEnvRecords(paths),
    readCurrentEnv(paths),
    readGuardConfig(paths),
  ]);
  return { paths, envs, currentEnv, config };
};

/** One env of the project; an unknown name is an error listing the envs there are. */
export const findEnv = (project: Project, name: string): EnvRecord => {
  const env = project.envs.find((candidate) => candidate.name === name);
  if (env) return env;
  const known = project.envs.map((candidate) => candidate.name).join(', ') || 'none';
  throw new GuardError('EnvironmentNameError', {
    message: `There is no environment "${name}" in ${project.paths.teamProviderInfo} (environments: ${known}).`,
    resolution: `Use --env with one of: ${known}; or create it with \`amplify env add\`.`,
  });
};
