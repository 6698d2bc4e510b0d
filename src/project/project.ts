import { GuardError } from '../errors';
import { readGuardConfig, type GuardConfig } from './guard-config';
import { CLI_REWRITE_WAIT_MS, readJsonDocument } from './json-file';
import { findProjectRoot, projectPaths, type ProjectPaths } from './paths';
import { parseEnvRecords, readEnvRecords, type EnvRecord } from './team-provider-info';

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

/** A project as far as it exists: a new project (or a checkout without team-provider-info) has no envs yet. */
export type ProjectState = {
  paths: ProjectPaths;
  currentEnv?: string;
  envs: EnvRecord[];
  config: GuardConfig;
};

/** Reads whatever of the project exists under a folder, for events that run before the project is complete. */
export const loadProjectState = async (cwd: string): Promise<ProjectState> => {
  const root = await findProjectRoot(cwd).catch(() => cwd);
  const paths = projectPaths(root);
  const [tpi, localEnv, config] = await Promise.all([
    readJsonDocument(paths.teamProviderInfo, CLI_REWRITE_WAIT_MS),
    readJsonDocument(paths.localEnvInfo),
    readGuardConfig(paths),
  ]);
  const envName = localEnv?.value.envName;
  return {
    paths,
    currentEnv: typeof envName === 'string' && envName !== '' ? envName : undefined,
    envs: tpi ? parseEnvRecords(paths.teamProviderInfo, tpi.value) : [],
    config,
  };
};

/** One env of the project; an unknown name is an error listing the envs there are. */
export const findEnv = (project: Pick<Project, 'envs' | 'paths'>, name: string): EnvRecord => {
  const env = project.envs.find((candidate) => candidate.name === name);
  if (env) return env;
  const known = project.envs.map((candidate) => candidate.name).join(', ') || 'none';
  throw new GuardError('EnvironmentNameError', {
    message: `There is no environment "${name}" in ${project.paths.teamProviderInfo} (environments: ${known}).`,
    resolution: `Use --env with one of: ${known}; or create it with \`amplify env add\`.`,
  });
};
