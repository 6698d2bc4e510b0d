import { roleNameOf } from '../../src/flows/attach-inputs';
import { chooseBranch } from '../../src/compute-role/branch';
import { createdByPlugin } from '../../src/compute-role/plan';
import { GuardError } from '../../src/errors';
import { chooseTarget, describeTarget, openHosting } from '../../src/flows/hosting-target';
import type { Command } from '../../src/host/runtime';
import { writeComputeRole } from '../../src/project/guard-config';

/** `amplify compute-role detach`: removes the compute role from the target and, if asked, deletes a role the plugin made. */
export const detachComputeRole: Command = async (runtime) => {
  const { flags, io } = runtime;
  const { project, env, appId, aws } = await openHosting(runtime);
  const configured = project.config.environments[env.name]?.computeRole;
  const { target, branches } = await chooseTarget(aws.hosting, appId, env.name, {
    app: flags.boolean('app'),
    branch: flags.string('branch'),
    configured,
  });
  const app = await aws.hosting.getApp(appId);
  const current =
    target.kind === 'app'
      ? app.computeRoleArn
      : branches.find((branch) => branch.branchName === target.branch)?.computeRoleArn;
  if (current) {
    await aws.hosting.setComputeRole(appId, target, '');
    io.print.success(`Removed compute role ${current} from ${describeTarget(appId, target)}.`);
  } else {
    io.print.info(`${describeTarget(appId, target)} has no compute role; nothing to remove there.`);
  }
  // A record without a branch means the env's own branch (SPEC §5).
  const envBranch = chooseBranch(env.name, { branches, appId });
  const recordedBranch = configured?.branch ?? (envBranch.ok ? envBranch.branch : undefined);
  const recordedHere =
    configured !== undefined &&
    (target.kind === 'app'
      ? configured.scope === 'app'
      : configured.scope === 'branch' && recordedBranch === target.branch);
  if (recordedHere && (await writeComputeRole(project.paths, env.name, undefined))) {
    io.print.info(`Removed the compute role of env "${env.name}" from amplify/iam-guard.json.`);
  }
  const roleArn = current ?? (recordedHere ? configured?.roleArn : undefined);
  if (!flags.boolean('delete-role') || !roleArn) return;

  const roleName = roleNameOf(roleArn);
  const role = await aws.roles.describe(roleName);
  if (!role) {
    io.print.info(`Role ${roleArn} no longer exists.`);
    return;
  }
  if (!createdByPlugin(role)) {
    throw new GuardError('InputValidationError', {
      message: `Role ${roleArn} was detached but not deleted: it was not created by amplify-iam-guard (it has no ${'amplify-iam-guard:app'} tag).`,
      resolution: 'Delete it yourself if nothing else needs it; the plugin never deletes roles it did not create.',
    });
  }
  const users = [
    ...(target.kind !== 'app' && app.computeRoleArn === role.arn ? ['the app default'] : []),
    ...branches
      .filter(
        (branch) =>
          branch.computeRoleArn === role.arn && !(target.kind === 'branch' && branch.branchName === target.branch),
      )
      .map((branch) => `branch ${branch.branchName}`),
  ];
  if (users.length > 0) {
    io.print.warn(`Role ${roleArn} was not deleted: ${users.join(', ')} still use${users.length === 1 ? 's' : ''} it.`);
    return;
  }
  await aws.roles.delete(roleName);
  io.print.success(`Deleted role ${roleArn}.`);
};
