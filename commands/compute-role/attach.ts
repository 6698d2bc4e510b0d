import { boundaryRow } from '../../src/boundary/show-report';
import { defaultRoleName } from '../../src/compute-role/naming';
import { describeStep, planRole, TAGS, type RoleSpec } from '../../src/compute-role/plan';
import { grantsEverything } from '../../src/compute-role/trust';
import { GuardError } from '../../src/errors';
import { applyAttach, type AttachWork } from '../../src/flows/apply-compute-role';
import { checkExistingRole, readPolicyFile, roleNameOf } from '../../src/flows/attach-inputs';
import { chooseTarget, describeTarget, openHosting } from '../../src/flows/hosting-target';
import type { Command } from '../../src/host/runtime';
import { writeComputeRole } from '../../src/project/guard-config';

/** `amplify compute-role attach`: an IAM compute role on the env's hosting branch (or the app default). */
export const attachComputeRole: Command = async (runtime) => {
  const { flags, invocation, io } = runtime;
  const roleArnFlag = flags.string('role-arn');
  const policyArns = flags.list('policy-arns');
  const policyFile = flags.string('policy-file');
  if (roleArnFlag !== undefined && (policyArns !== undefined || policyFile !== undefined)) {
    throw new GuardError('InputValidationError', {
      message:
        '--policy-arns/--policy-file were given with --role-arn: the plugin never changes a role it did not create.',
      resolution:
        'Give --role-arn alone to attach that role as it is, or --policy-arns/--policy-file without --role-arn to create a role.',
    });
  }
  const { project, env, appId, aws, account } = await openHosting(runtime);
  const { target, branches } = await chooseTarget(aws.hosting, appId, env.name, {
    configured: project.config.environments[env.name]?.computeRole,
    app: flags.boolean('app'),
    branch: flags.string('branch'),
  });
  const currentRoleArn =
    target.kind === 'app'
      ? (await aws.hosting.getApp(appId)).computeRoleArn
      : branches.find((branch) => branch.branchName === target.branch)?.computeRoleArn;
  const boundary = boundaryRow(env, project.config.boundary).boundary;

  let useExisting = roleArnFlag;
  let chosenPolicies = policyArns ?? [];
  let inlineFile = policyFile;
  const interactiveChoice =
    invocation.interactive && roleArnFlag === undefined && policyArns === undefined && policyFile === undefined;
  if (interactiveChoice) {
    const mode = await io.prompt.pick(`Compute role for ${describeTarget(appId, target)}`, [
      {
        name: 'Create a role (trusting only amplify.amazonaws.com, with the env’s boundary)',
        value: 'create' as const,
      },
      { name: 'Use an existing role', value: 'existing' as const },
    ]);
    if (mode === 'existing') {
      useExisting = await io.prompt.input('ARN of the role', {
        validate: (value) =>
          /^arn:[^:]+:iam::\d{12}:role\/.+/.test(value) ? true : 'an IAM role ARN, arn:aws:iam::<account>:role/<name>',
      });
    } else {
      const policies = await aws.iam.listCustomerPolicies();
      const typed = await io.prompt.input('Managed policy ARNs for the role (comma-separated; empty for none)', {
        initial: policies
          .map((policy) => policy.arn)
          .slice(0, 0)
          .join(','),
      });
      chosenPolicies = typed
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
      const file = await io.prompt.input('Inline policy file (JSON; empty for none)', { initial: '' });
      inlineFile = file || undefined;
    }
  }

  let work: AttachWork;
  if (useExisting !== undefined) {
    const roleArn = await checkExistingRole(aws, io, useExisting, boundary, account);
    work = { appId, target, roleName: roleNameOf(roleArn), roleArn, steps: [], currentRoleArn };
  } else {
    const inlineDocument = inlineFile === undefined ? undefined : await readPolicyFile(invocation.cwd, inlineFile);
    if (chosenPolicies.length === 0 && !inlineDocument) {
      const allowed =
        invocation.interactive && (await io.prompt.confirm('Create a role with no permissions at all?', false));
      if (!allowed) {
        throw new GuardError('InputValidationError', {
          message: 'The role to create would have no permissions at all (no --policy-arns, no --policy-file).',
          resolution:
            'Give --policy-arns <arn,arn> and/or --policy-file <policy.json>, or --role-arn <arn> to attach an existing role.',
        });
      }
    }
    if (inlineDocument && grantsEverything(inlineDocument))
      io.print.warn(
        `--policy-file ${inlineFile ?? ''} allows "Action": "*" on "Resource": "*": the SSR app could do anything in this account.`,
      );
    if (chosenPolicies.some((arn) => /:policy\/AdministratorAccess$/.test(arn)))
      io.print.warn(
        'AdministratorAccess allows "Action": "*" on "Resource": "*": the SSR app could do anything in this account.',
      );
    const roleName =
      flags.string('role-name') ??
      defaultRoleName(appId, target.kind === 'app' ? { app: true } : { branch: target.branch });
    const spec: RoleSpec = {
      name: roleName,
      boundary,
      policyArns: chosenPolicies,
      inlineDocument,
      tags: { [TAGS.app]: appId, [TAGS.branch]: target.kind === 'app' ? '*' : target.branch, [TAGS.env]: env.name },
    };
    const existing = await aws.roles.describe(roleName);
    const plan = planRole(spec, existing);
    if ('refused' in plan) {
      throw new GuardError('InputValidationError', {
        message: plan.refused,
        resolution: `Attach it as it is with --role-arn ${existing?.arn ?? ''}, or choose another name with --role-name.`,
      });
    }
    work = { appId, target, roleName, roleArn: existing?.arn, steps: plan.steps, currentRoleArn };
  }

  const attachLine =
    work.currentRoleArn === (work.roleArn ?? '(new role)')
      ? `${describeTarget(appId, target)} already uses it`
      : `set the compute role of ${describeTarget(appId, target)} (now: ${work.currentRoleArn ?? 'none'})`;
  const plan = [...work.steps.map(describeStep), attachLine];
  io.print.info(`Plan for role ${work.roleName} (env "${env.name}", boundary ${boundary || 'none'}):`);
  for (const line of plan) io.print.info(`  - ${line}`);
  if (flags.boolean('dry-run')) {
    io.print.info('Dry run: nothing was changed.');
    return;
  }
  if (work.steps.length === 0 && work.currentRoleArn === work.roleArn) {
    io.print.success(`Nothing to change: ${describeTarget(appId, target)} already uses ${work.roleArn ?? ''}.`);
  } else {
    if (interactiveChoice && !(await io.prompt.confirm('Apply this plan?', true))) {
      io.print.info('Nothing was changed.');
      return;
    }
    const result = await applyAttach(aws, work);
    io.print.success(
      `${describeTarget(appId, target)} now uses compute role ${result.roleArn}${result.created ? ' (created)' : ''}.`,
    );
  }
  const roleArn = work.roleArn ?? (await aws.roles.describe(work.roleName))?.arn ?? '';
  await writeComputeRole(project.paths, env.name, {
    roleArn,
    scope: target.kind,
    branch: target.kind === 'branch' ? target.branch : undefined,
  });
};
