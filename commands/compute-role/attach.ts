import { boundaryRow } from '../../src/boundary/show-report';
import { changesNothing, describeAttachPlan, planAttach } from '../../src/compute-role/attach-plan';
import { currentRoleOf, describeTarget } from '../../src/compute-role/hosting-target';
import { describeStep } from '../../src/compute-role/plan';
import { GuardError } from '../../src/errors';
import { applyAttach, applyRedeploy } from '../../src/flows/apply-compute-role';
import { checkRoleNameFlag, readPolicyFile, recordIsFor } from '../../src/flows/attach-inputs';
import { askAttachChoice, checkedRequest, type AttachChoice } from '../../src/flows/attach-request';
import { chooseHostingTarget, envBranchOf, openHosting } from '../../src/flows/hosting-target';
import { pendingBranchesOf } from '../../src/flows/role-effects';
import type { CommandOf } from '../../src/host/runtime';
import { writeComputeRole } from '../../src/project/guard-config';

/** `amplify compute-role attach`: an IAM compute role on the env's hosting branch (or the app default). */
export const attachComputeRole: CommandOf<'compute-role', 'attach'> = async (runtime) => {
  const { flags, invocation, io } = runtime;
  const roleArnFlag = flags.string('role-arn');
  const policyArns = flags.list('policy-arns');
  const policyFile = flags.string('policy-file');
  const roleNameFlag = flags.string('role-name');
  if (
    roleArnFlag !== undefined &&
    (policyArns !== undefined || policyFile !== undefined || roleNameFlag !== undefined)
  ) {
    throw new GuardError('InputValidationError', {
      message:
        '--policy-arns/--policy-file/--role-name were given with --role-arn: the plugin never changes a role it did not create.',
      resolution:
        'Give --role-arn alone to attach that role as it is, or --policy-arns/--policy-file without --role-arn to create a role.',
    });
  }
  checkRoleNameFlag(roleNameFlag);
  const flagDocument = policyFile === undefined ? undefined : await readPolicyFile(invocation.cwd, policyFile);

  const { project, env, appId, aws, envTarget } = await openHosting(runtime, runtime.flags.string('env'));
  const configured = project.config.environments[env.name]?.computeRole;
  const [{ hostingTarget, branches }, app] = await Promise.all([
    chooseHostingTarget(aws.hosting, appId, env.name, {
      configured,
      app: flags.boolean('app'),
      branch: flags.string('branch'),
    }),
    aws.hosting.getApp(appId),
  ]);
  const owner = { appId, env: env.name, hosting: hostingTarget };
  const recordedHere = recordIsFor(configured, hostingTarget, envBranchOf(env.name, appId, branches));
  const interactiveChoice =
    invocation.interactive && roleArnFlag === undefined && policyArns === undefined && policyFile === undefined;
  const choice: AttachChoice = interactiveChoice
    ? await askAttachChoice(io.prompt, describeTarget(appId, hostingTarget))
    : roleArnFlag !== undefined
      ? { kind: 'existing', roleArn: roleArnFlag }
      : { kind: 'create', policyArns: policyArns ?? [], policyFile };

  const request = await checkedRequest({
    aws,
    io,
    interactive: invocation.interactive,
    cwd: invocation.cwd,
    envTarget,
    owner,
    choice,
    flagFile:
      policyFile === undefined || flagDocument === undefined ? undefined : { file: policyFile, document: flagDocument },
    roleName: roleNameFlag,
    recorded: recordedHere ? configured : undefined,
  });
  const boundary = boundaryRow(env, project.config.boundary).boundary;
  const redeploy = flags.boolean('redeploy');
  const plan = planAttach({
    owner,
    boundary,
    currentRoleArn: currentRoleOf(app, branches, hostingTarget),
    repository: app.repository,
    branchesOnAppDefault: branches.filter((branch) => !branch.computeRoleArn).map((branch) => branch.branchName),
    redeploy,
    pendingBranches: redeploy
      ? await pendingBranchesOf(aws.hosting, project.config, appId, app, branches, hostingTarget)
      : undefined,
    request,
  });
  if ('refused' in plan) throw new GuardError('InputValidationError', plan.refused);

  io.print.info(`Plan for role ${plan.role.name} (env "${env.name}", boundary ${boundary || 'none'}):`);
  for (const line of describeAttachPlan(plan, describeStep)) io.print.info(`  - ${line}`);
  for (const warning of plan.warnings) io.print.warn(warning);
  if (flags.boolean('dry-run')) {
    io.print.info('Dry run: nothing was changed.');
    return 'done';
  }
  const target = describeTarget(appId, hostingTarget);
  let roleArn = plan.role.kind === 'create' ? '' : plan.role.arn;
  if (changesNothing(plan)) {
    io.print.success(`Nothing to change: ${target} already uses ${roleArn}.`);
  } else {
    if (interactiveChoice && !(await io.prompt.confirm('Apply this plan?', true))) {
      io.print.info('Nothing was changed.');
      return 'done';
    }
    const result = await applyAttach(aws, plan);
    roleArn = result.roleArn;
    io.print.success(`${target} now uses compute role ${roleArn}${result.created ? ' (created)' : ''}.`);
  }
  // A role set now is in effect from the next deployment; an unchanged one keeps the time recorded before.
  const attachedAt = plan.setsRole
    ? new Date().toISOString()
    : recordedHere && configured?.roleArn === roleArn
      ? configured.attachedAt
      : undefined;
  await writeComputeRole(project.paths, env.name, {
    roleArn,
    scope: hostingTarget.kind,
    branch: hostingTarget.kind === 'branch' ? hostingTarget.branch : undefined,
    attachedAt,
  });
  return applyRedeploy(aws.hosting, appId, plan.redeploy, io.print);
};
