import type { EnvAws } from '../aws/ports';
import type { ReportLine } from '../boundary/simulation-summary';
import { currentRoleOf, describeTarget } from '../compute-role/hosting-target';
import { roleNameOf } from '../compute-role/role-arn';
import { trustsAmplify } from '../compute-role/trust';
import { GuardError } from '../errors';
import { writeComputeRole, type GuardConfig } from '../project/guard-config';
import type { ProjectPaths } from '../project/paths';
import type { EnvRecord } from '../project/team-provider-info';
import { appIdOrNone } from '../read/env-compute-role';
import { chooseHostingTarget } from '../read/hosting-target';

/** What keeping the env's configured compute role attached did. */
export type EnsuredRole =
  | { kind: 'none-configured' }
  | { kind: 'no-app' }
  | { kind: 'already-attached' }
  | { kind: 'attached'; roleArn: string; where: string };

/**
 * Keeps the compute role configured for the env (iam-guard.json) attached to its branch or app: idempotent,
 * and a no-op (no AWS call) when none is configured. Returns what it did; the caller says it.
 */
export const ensureConfiguredRole = async (
  paths: ProjectPaths,
  config: GuardConfig,
  env: EnvRecord,
  aws: () => Promise<Pick<EnvAws, 'hosting' | 'roles'>>,
): Promise<EnsuredRole> => {
  const setting = config.environments[env.name]?.computeRole;
  if (!setting) return { kind: 'none-configured' };
  const appId = await appIdOrNone(paths, env);
  if (!appId) return { kind: 'no-app' };
  const { hosting, roles } = await aws();
  const { hostingTarget: target, branches } = await chooseHostingTarget(hosting, appId, env.name, {
    configured: setting,
  });
  const app = target.kind === 'app' ? await hosting.getApp(appId) : {};
  if (currentRoleOf(app, branches, target) === setting.roleArn) return { kind: 'already-attached' };
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
  return { kind: 'attached', roleArn: setting.roleArn, where: describeTarget(appId, target) };
};

/** The line that says what `ensureConfiguredRole` did for an env; undefined when there is nothing to say. */
export const ensuredRoleLine = (env: string, ensured: EnsuredRole): ReportLine | undefined => {
  switch (ensured.kind) {
    case 'none-configured':
    case 'already-attached':
      return undefined;
    case 'no-app':
      return {
        level: 'warn',
        text: `Env "${env}" has a compute role in amplify/iam-guard.json, but no Amplify Hosting app: not attached.`,
      };
    case 'attached':
      return {
        level: 'success',
        text: `amplify-iam-guard: attached compute role ${ensured.roleArn} to ${ensured.where} (env "${env}"); it is in effect from the branch's next deployment.`,
      };
  }
};
