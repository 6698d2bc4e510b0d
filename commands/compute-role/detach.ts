import { planDetach } from '../../src/compute-role/detach-plan';
import { currentRoleOf, describeTarget } from '../../src/compute-role/hosting-target';
import { roleNameOf } from '../../src/compute-role/role-arn';
import { GuardError } from '../../src/errors';
import { applyRedeploy } from '../../src/flows/apply-compute-role';
import { recordIsFor } from '../../src/flows/attach-inputs';
import { chooseHostingTarget, envBranchOf, openHosting } from '../../src/flows/hosting-target';
import { pendingBranchesOf } from '../../src/flows/role-effects';
import type { CommandOf } from '../../src/host/runtime';
import { writeComputeRole } from '../../src/project/guard-config';

/** `amplify compute-role detach`: removes the compute role from the target and, if asked, deletes a role the plugin made. */
export const detachComputeRole: CommandOf<'compute-role', 'detach'> = async (runtime) => {
  const { flags, io } = runtime;
  const { project, env, appId, aws } = await openHosting(runtime, runtime.flags.string('env'));
  const configured = project.config.environments[env.name]?.computeRole;
  const [{ hostingTarget, branches }, app] = await Promise.all([
    chooseHostingTarget(aws.hosting, appId, env.name, {
      app: flags.boolean('app'),
      branch: flags.string('branch'),
      configured,
    }),
    aws.hosting.getApp(appId),
  ]);
  const currentRoleArn = currentRoleOf(app, branches, hostingTarget);
  const recordedHere = recordIsFor(configured, hostingTarget, envBranchOf(env.name, appId, branches));
  const deleteArn = flags.boolean('delete-role')
    ? (currentRoleArn ?? (recordedHere ? configured?.roleArn : undefined))
    : undefined;
  const plan = planDetach({
    owner: { appId, env: env.name, hosting: hostingTarget },
    currentRoleArn,
    recordedHere,
    appDefaultRoleArn: app.computeRoleArn,
    branches,
    repository: app.repository,
    redeploy: flags.boolean('redeploy'),
    pendingBranches:
      flags.boolean('redeploy') && currentRoleArn === undefined
        ? await pendingBranchesOf(aws.hosting, project.config, appId, app, branches, hostingTarget)
        : undefined,
    deleteRole: deleteArn ? { roleArn: deleteArn, role: await aws.roles.describe(roleNameOf(deleteArn)) } : undefined,
  });
  if ('refused' in plan) throw new GuardError('InputValidationError', plan.refused);

  const target = describeTarget(appId, hostingTarget);
  if (plan.unsetRoleArn) {
    await aws.hosting.setComputeRole(appId, hostingTarget, '');
    io.print.success(`Removed compute role ${plan.unsetRoleArn} from ${target}.`);
  } else {
    io.print.info(`${target} has no compute role; nothing to remove there.`);
  }
  if (plan.forgetRecord && (await writeComputeRole(project.paths, env.name, undefined)))
    io.print.info(`Removed the compute role of env "${env.name}" from amplify/iam-guard.json.`);
  for (const note of plan.notes) io.print.info(note);
  if (plan.deleteRoleName) {
    await aws.roles.delete(plan.deleteRoleName);
    io.print.success(`Deleted role ${deleteArn ?? plan.deleteRoleName}.`);
  }
  return applyRedeploy(aws.hosting, appId, plan.redeploy, io.print);
};
