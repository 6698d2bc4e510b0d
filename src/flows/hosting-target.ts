import { chooseBranch } from '../compute-role/branch';
import type { HostingBranch, HostingPort, HostingTarget } from '../aws/ports';
import { GuardError } from '../errors';
import { readJsonDocument } from '../project/json-file';
import type { ProjectPaths } from '../project/paths';
import type { EnvRecord } from '../project/team-provider-info';
import type { CommandRuntime } from '../host/runtime';
import { findEnv } from '../project/project';

/** The Amplify app of an env: `--app-id`, team-provider-info, then amplify-meta.json. */
export const appIdOf = async (paths: ProjectPaths, env: EnvRecord, flag: string | undefined): Promise<string> => {
  if (flag) return flag;
  if (env.appId) return env.appId;
  const meta = await readJsonDocument(paths.backendMeta);
  const fromMeta = (meta?.value.providers as { awscloudformation?: { AmplifyAppId?: unknown } } | undefined)
    ?.awscloudformation?.AmplifyAppId;
  if (typeof fromMeta === 'string' && fromMeta !== '') return fromMeta;
  throw new GuardError('InvalidAmplifyAppIdError', {
    message: `Env "${env.name}" has no Amplify app id: this project was never connected to Amplify Hosting.`,
    resolution: 'Connect the app in the Amplify console (or `amplify add hosting`), or give --app-id <id>.',
  });
};

/** The env's own branch by the env → branch rule, without a flag or record (undefined when there is none). */
export const envBranchOf = (env: string, appId: string, branches: readonly HostingBranch[]): string | undefined => {
  const choice = chooseBranch(env, { branches, appId });
  return choice.ok ? choice.branch : undefined;
};

/** The branch or app a compute-role command acts on, with the app's branches as listed once. */
export const chooseHostingTarget = async (
  hosting: HostingPort,
  appId: string,
  env: string,
  options: { app?: boolean; branch?: string; configured?: { branch?: string; scope: 'branch' | 'app' } },
): Promise<{ hostingTarget: HostingTarget; branches: HostingBranch[] }> => {
  if (options.app && options.branch !== undefined) {
    throw new GuardError('InputValidationError', {
      message: `--app and --branch ${options.branch} were both given.`,
      resolution: 'Give --branch <name> for one branch, or --app for the app default.',
    });
  }
  const branches = await hosting.listBranches(appId);
  if (options.app || (options.branch === undefined && options.configured?.scope === 'app'))
    return { hostingTarget: { kind: 'app' }, branches };
  const choice = chooseBranch(env, { flag: options.branch, configured: options.configured?.branch, branches, appId });
  if (!choice.ok)
    throw new GuardError('ResourceDoesNotExistError', { message: choice.problem, resolution: choice.resolution });
  return { hostingTarget: { kind: 'branch', branch: choice.branch }, branches };
};

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
