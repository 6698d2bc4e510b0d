import type { HostingTarget } from './hosting-target';

/**
 * Whether a branch runs with its compute role: `in-effect` once the branch deployed after the role was set,
 * `pending` when it was set after the branch's last deployment (or the branch never deployed), `none`
 * without a role.
 */
export type RoleEffect = 'in-effect' | 'pending' | 'none';

/** The effect of a branch's role from when it was set (if recorded) and when the branch last deployed. */
export const roleEffect = (roleArn: string | undefined, setAt?: Date, lastDeployment?: Date): RoleEffect => {
  if (!roleArn) return 'none';
  if (!lastDeployment) return 'pending';
  // Amplify keeps job times in whole seconds: a job started in the second the role was set came after it.
  const seconds = (time: Date): number => Math.floor(time.getTime() / 1000);
  return setAt && seconds(setAt) > seconds(lastDeployment) ? 'pending' : 'in-effect';
};

/** A compute role recorded in iam-guard.json: where it was set, and when (older files have no time). */
export type RecordedChange = { hosting: HostingTarget; roleArn: string; attachedAt?: Date };

/**
 * When the role a branch runs with was set, from the recorded changes: the branch's own record when the branch
 * has its own role, else the app default's. A record of another role says nothing about this one.
 */
export const setAtFor = (
  records: readonly RecordedChange[],
  branch: { branchName: string; computeRoleArn?: string },
  effective: string | undefined,
): Date | undefined => {
  const own = branch.computeRoleArn !== undefined;
  const record = records.find(
    (candidate) =>
      candidate.roleArn === effective &&
      (own
        ? candidate.hosting.kind === 'branch' && candidate.hosting.branch === branch.branchName
        : candidate.hosting.kind === 'app'),
  );
  return record?.attachedAt;
};
