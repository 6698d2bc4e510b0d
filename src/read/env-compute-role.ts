import type { EnvAws } from '../aws/ports';
import { checkRole, type RoleCheck } from '../boundary/verify-report';
import { GuardError } from '../errors';
import type { GuardConfig } from '../project/guard-config';
import type { ProjectPaths } from '../project/paths';
import type { EnvRecord } from '../project/team-provider-info';
import { describeTarget, effectiveRole } from '../compute-role/hosting-target';
import { roleNameOf } from '../compute-role/role-arn';
import { appIdOf, chooseHostingTarget } from './hosting-target';

/** The env's Amplify app id, or undefined when the project was never connected to Amplify Hosting. */
export const appIdOrNone = (paths: ProjectPaths, env: EnvRecord): Promise<string | undefined> =>
  appIdOf(paths, env, undefined).catch((error: unknown) => {
    if (error instanceof GuardError && error.name === 'InvalidAmplifyAppIdError') return undefined;
    throw error;
  });

/** The compute role in effect for the env's hosting branch (the branch's, else the app default), and where. */
export type ComputeRoleInEffect = { roleArn: string; where: string };

/**
 * The compute role in effect for the env's hosting branch (the branch's, else the app default); `undefined`
 * when the project has no hosting app, the app has no branch for the env, or no role is set.
 */
export const computeRoleInEffect = async (
  paths: ProjectPaths,
  config: GuardConfig,
  env: EnvRecord,
  hosting: EnvAws['hosting'],
): Promise<ComputeRoleInEffect | undefined> => {
  const appId = await appIdOrNone(paths, env);
  if (!appId) return undefined;
  const configured = config.environments[env.name]?.computeRole;
  const [app, chosen] = await Promise.all([
    hosting.getApp(appId),
    chooseHostingTarget(hosting, appId, env.name, { configured }).catch((error: unknown) => {
      // An app with no branch for this env (one pulled or connected before any frontend was) runs no compute
      // role for it: nothing to check, unless iam-guard.json names a target that is not there.
      if (!configured && error instanceof GuardError && error.name === 'ResourceDoesNotExistError') return undefined;
      throw error;
    }),
  ]);
  if (!chosen) return undefined;
  const { hostingTarget: target, branches } = chosen;
  const branch =
    target.kind === 'branch' ? branches.find((candidate) => candidate.branchName === target.branch) : undefined;
  const roleArn = target.kind === 'app' ? app.computeRoleArn : effectiveRole(branch, app.computeRoleArn);
  return roleArn ? { roleArn, where: `hosting: ${describeTarget(appId, target)}` } : undefined;
};

/**
 * The compute role in effect for the env's hosting branch, checked against the expected boundary like any
 * other role; `undefined` when there is none to check.
 */
export const computeRoleCheck = async (
  paths: ProjectPaths,
  config: GuardConfig,
  env: EnvRecord,
  aws: Pick<EnvAws, 'hosting' | 'iam'>,
  expected: string,
): Promise<RoleCheck | undefined> => {
  const inEffect = await computeRoleInEffect(paths, config, env, aws.hosting);
  if (!inEffect) return undefined;
  const role = roleNameOf(inEffect.roleArn);
  return checkRole(expected, { role, stack: inEffect.where, ...(await aws.iam.roleBoundary(role)) });
};
