import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { boundaryRow } from '../../src/boundary/show-report';
import { defaultRoleName } from '../../src/compute-role/naming';
import { describeStep, planRole, TAGS, type RoleSpec } from '../../src/compute-role/plan';
import { grantsEverything, trustsAmplify } from '../../src/compute-role/trust';
import type { EnvAws } from '../../src/aws/ports';
import { GuardError } from '../../src/errors';
import { applyAttach, type AttachWork } from '../../src/flows/apply-compute-role';
import { chooseTarget, describeTarget, openHosting } from '../../src/flows/hosting-target';
import type { Io } from '../../src/host/io';
import type { Command } from '../../src/host/runtime';
import { writeComputeRole } from '../../src/project/guard-config';

const roleNameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

const readPolicyFile = async (cwd: string, file: string): Promise<string> => {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new GuardError(
      'InputValidationError',
      {
        message: `--policy-file ${file} cannot be read: ${(error as Error).message}.`,
        resolution: 'Give the path of an IAM policy JSON file.',
      },
      error,
    );
  }
  try {
    const document = JSON.parse(text) as { Statement?: unknown };
    if (typeof document !== 'object' || document === null || document.Statement === undefined)
      throw new Error('it has no "Statement"');
    return JSON.stringify(document);
  } catch (error) {
    throw new GuardError(
      'InputValidationError',
      {
        message: `--policy-file ${file} is not an IAM policy document: ${(error as Error).message}.`,
        resolution: 'Give a JSON file like {"Version":"2012-10-17","Statement":[...]}.',
      },
      error,
    );
  }
};

/** The existing role of `--role-arn`, checked: it exists and Amplify may assume it. */
const checkExistingRole = async (
  aws: EnvAws,
  io: Io,
  roleArn: string,
  boundary: string,
  account: string,
): Promise<string> => {
  const roleAccount = /^arn:[^:]+:iam::(\d{12}):role\//.exec(roleArn)?.[1];
  if (roleAccount !== account) {
    throw new GuardError('InputValidationError', {
      message: `--role-arn ${roleArn} is ${roleAccount ? `a role of account ${roleAccount}` : 'not an IAM role ARN'}; a compute role must be a role of the env's account ${account}.`,
      resolution: `Give --role-arn arn:aws:iam::${account}:role/<name>, or leave it out to let the plugin create one.`,
    });
  }
  const role = await aws.roles.describe(roleNameOf(roleArn));
  if (!role) {
    throw new GuardError('ResourceDoesNotExistError', {
      message: `Role ${roleArn} does not exist in this env's account.`,
      resolution: 'Give --role-arn of an existing role, or leave it out to let the plugin create one.',
    });
  }
  if (!trustsAmplify(role.trustPolicy)) {
    throw new GuardError('InputValidationError', {
      message: `Role ${roleArn} does not let amplify.amazonaws.com assume it (its trust policy has no Allow of sts:AssumeRole for that service); nothing was changed.`,
      resolution: `Add {"Effect":"Allow","Principal":{"Service":"amplify.amazonaws.com"},"Action":"sts:AssumeRole"} to its trust policy, or run \`amplify compute-role attach\` without --role-arn to create a role.`,
    });
  }
  if (boundary && role.boundary !== boundary) {
    io.print.warn(
      `Role ${roleArn} does not carry the env's permissions boundary ${boundary} (it has ${role.boundary ?? 'none'}); the plugin never changes a role it did not create.`,
    );
  }
  return role.arn;
};

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
