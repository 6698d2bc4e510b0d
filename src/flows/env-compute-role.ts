import type { EnvAws } from '../aws/ports';
import { checkRole, type RoleCheck } from '../boundary/verify-report';
import { trustsAmplify } from '../compute-role/trust';
import { GuardError } from '../errors';
import type { Printer } from '../host/io';
import type { GuardConfig } from '../project/guard-config';
import type { ProjectPaths } from '../project/paths';
import type { EnvRecord } from '../project/team-provider-info';
import { currentRoleOf, describeTarget, effectiveRole } from '../compute-role/hosting-target';
import { roleNameOf } from '../compute-role/role-arn';
import { writeComputeRole } from '../project/guard-config';
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

/**
 * Keeps the compute role configured for the env (iam-guard.json) attached to its branch or app: idempotent,
 * and a no-op (no AWS call) when none is configured.
 */
export const ensureConfiguredRole = async (
  paths: ProjectPaths,
  config: GuardConfig,
  env: EnvRecord,
  aws: () => Promise<Pick<EnvAws, 'hosting' | 'roles'>>,
  print: () => Promise<Printer>,
): Promise<void> => {
  const setting = config.environments[env.name]?.computeRole;
  if (!setting) return;
  const appId = await appIdOrNone(paths, env);
  if (!appId) {
    (await print()).warn(
      `Env "${env.name}" has a compute role in amplify/iam-guard.json, but no Amplify Hosting app: not attached.`,
    );
    return;
  }
  const { hosting, roles } = await aws();
  const { hostingTarget: target, branches } = await chooseHostingTarget(hosting, appId, env.name, {
    configured: setting,
  });
  const app = target.kind === 'app' ? await hosting.getApp(appId) : {};
  if (currentRoleOf(app, branches, target) === setting.roleArn) return;
  const role = await roles.describe(roleNameOf(setting.roleArn));
  if (!role || !trustsAmplify(role.trustPolicy)) {
    throw new GuardError('ResourceDoesNotExistError', {
      message: `The compute role of env "${env.name}", ${setting.roleArn}, ${role ? 'does not trust amplify.amazonaws.com' : 'does not exist'}; it was not attached to ${describeTarget(appId, target)}.`,
      resolution: `Run \`amplify compute-role attach --env ${env.name}\` to create or choose a role.`,
    });
  }
  await hosting.setComputeRole(appId, target, setting.roleArn);
  // Re-set means a new change: the branch runs with it only from its next deployment.
  await writeComputeRole(paths, env.name, { ...setting, attachedAt: new Date().toISOString() });
  (await print()).success(
    `amplify-iam-guard: attached compute role ${setting.roleArn} to ${describeTarget(appId, target)} (env "${env.name}"); it is in effect from the branch's next deployment.`,
  );
};
