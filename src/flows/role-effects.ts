import type { HostingApp, HostingBranch, HostingPort } from '../aws/ports';
import { roleEffect, setAtFor, type RecordedChange, type RoleEffect } from '../compute-role/effect';
import { effectiveRole, type HostingTarget } from '../compute-role/hosting-target';
import type { GuardConfig } from '../project/guard-config';
import { mapLimit } from '../util/map-limit';
import { envBranchOf } from './hosting-target';

/** A branch's compute role and whether the branch already runs with it. */
export type BranchEffect = { effective?: string; effect: RoleEffect; lastDeployment?: Date; setAt?: Date };

/** The compute-role changes iam-guard.json records for an app's targets, with their times. */
export const recordedChanges = (
  config: GuardConfig,
  appId: string,
  branches: readonly HostingBranch[],
): RecordedChange[] =>
  Object.entries(config.environments).flatMap(([env, settings]): RecordedChange[] => {
    const record = settings.computeRole;
    if (!record) return [];
    const branch = record.scope === 'app' ? undefined : (record.branch ?? envBranchOf(env, appId, branches));
    if (record.scope !== 'app' && branch === undefined) return [];
    return [
      {
        hosting: branch === undefined ? { kind: 'app' } : { kind: 'branch', branch },
        roleArn: record.roleArn,
        attachedAt: record.attachedAt ? new Date(record.attachedAt) : undefined,
      },
    ];
  });

/**
 * For every branch: the role it runs with and whether that role is in effect, comparing the branch's last
 * deployment (`ListJobs`) with when iam-guard.json says the role was set. Branches without a role make no call.
 */
export const branchEffects = async (
  hosting: HostingPort,
  config: GuardConfig,
  appId: string,
  app: Pick<HostingApp, 'computeRoleArn'>,
  branches: readonly HostingBranch[],
): Promise<Map<string, BranchEffect>> => {
  const records = recordedChanges(config, appId, branches);
  const effects = await mapLimit([...branches], 4, async (branch): Promise<[string, BranchEffect]> => {
    const effective = effectiveRole(branch, app.computeRoleArn);
    if (!effective) return [branch.branchName, { effect: 'none' }];
    const lastDeployment = await hosting.lastDeployment(appId, branch.branchName);
    const setAt = setAtFor(records, branch, effective);
    return [
      branch.branchName,
      { effective, effect: roleEffect(effective, setAt, lastDeployment), lastDeployment, setAt },
    ];
  });
  return new Map(effects);
};

/**
 * The branches of a hosting target whose compute role is `pending`: the branch itself, or for the app default every
 * branch that runs with it. Only `--redeploy` asks, so a plain run makes no `ListJobs` call.
 */
export const pendingBranchesOf = async (
  hosting: HostingPort,
  config: GuardConfig,
  appId: string,
  app: Pick<HostingApp, 'computeRoleArn'>,
  branches: readonly HostingBranch[],
  target: HostingTarget,
): Promise<string[]> => {
  const concerned = branches.filter((branch) =>
    target.kind === 'app' ? !branch.computeRoleArn : branch.branchName === target.branch,
  );
  const effects = await branchEffects(hosting, config, appId, app, concerned);
  return concerned.map((branch) => branch.branchName).filter((branch) => effects.get(branch)?.effect === 'pending');
};
