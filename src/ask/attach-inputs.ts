import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { EnvAws, RoleInfo } from '../aws/ports';
import type { EnvTarget } from '../boundary/target';
import { pickRoleName, roleNameCandidates } from '../compute-role/naming';
import { mayChange, ownershipOf, type RoleOwner } from '../compute-role/ownership';
import { policyArnProblem } from '../compute-role/policy-arns';
import { policyDocumentProblem } from '../compute-role/policy-document';
import { parseRoleArn, ROLE_ARN_FORM, roleNameOf, roleNameProblem } from '../compute-role/role-arn';
import { sameTarget } from '../compute-role/hosting-target';
import { GuardError } from '../errors';
import type { Printer } from '../host/io';
import type { ComputeRoleSetting } from '../project/guard-config';

/** `--role-name` by IAM's rule, before any AWS call. */
export const checkRoleNameFlag = (name: string | undefined): void => {
  const problem = name === undefined ? undefined : roleNameProblem(name);
  if (problem)
    throw new GuardError('InputValidationError', {
      message: `--role-name ${problem}.`,
      resolution:
        'Give --role-name with 1 to 64 characters of A-Z a-z 0-9 + = , . @ _ -, or leave it out for the default name.',
    });
};

/** `--role-arn`: an IAM role ARN of the env's own account (a compute role cannot live in another account). */
export const checkRoleArnFlag = (roleArn: string, target: EnvTarget): void => {
  const parsed = parseRoleArn(roleArn);
  if (parsed?.account === target.account) return;
  throw new GuardError('InputValidationError', {
    message: `--role-arn ${roleArn} is ${parsed ? `a role of account ${parsed.account}` : `not an IAM role ARN (${ROLE_ARN_FORM})`}; a compute role must be a role of the env's account ${target.account}.`,
    resolution: `Give --role-arn arn:aws:iam::${target.account}:role/<name>, or leave it out to let the plugin create one.`,
  });
};

/**
 * Each of `--policy-arns`: its form, partition and account offline, then that it exists (`GetPolicy`). A policy
 * that cannot be checked (AccessDenied) is used with a warning, since partition and account already hold.
 */
export const checkPolicyArns = async (
  iam: EnvAws['iam'],
  target: EnvTarget,
  arns: readonly string[],
  print: Printer,
): Promise<void> => {
  for (const arn of arns) {
    const problem = policyArnProblem(arn, target);
    if (problem)
      throw new GuardError('InputValidationError', {
        message: `--policy-arns: ${problem}. Nothing was changed.`,
        resolution: `Give --policy-arns as comma-separated managed policy ARNs of account ${target.account} or AWS-managed ones (arn:aws:iam::aws:policy/<name>).`,
      });
  }
  for (const arn of arns) {
    const found = await iam.policyExists(arn);
    if (found === 'missing')
      throw new GuardError('ResourceDoesNotExistError', {
        message: `--policy-arns: ${arn} does not exist in account ${target.account} (env "${target.env}"). Nothing was changed.`,
        resolution: 'Create the policy first, or correct its ARN in --policy-arns.',
      });
    if (found === 'denied')
      print.warn(
        `Could not check that ${arn} exists: the credentials of env "${target.env}" lack iam:GetPolicy. Its partition and account are right, so it is used as given.`,
      );
  }
};

/** Reads `--policy-file`: an IAM policy document, returned compact; anything else is an error naming the file. */
export const readPolicyFile = async (cwd: string, file: string): Promise<string> => {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
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
  const problem = policyDocumentProblem(text);
  if (problem)
    throw new GuardError('InputValidationError', {
      message: `--policy-file ${file} is not an IAM policy document: ${problem}. Nothing was changed.`,
      resolution:
        'Give a JSON file like {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::bucket/*"]}]}.',
    });
  return JSON.stringify(JSON.parse(text));
};

/** The existing role of `--role-arn` as IAM has it; an error when there is none. */
export const readExistingRole = async (roles: EnvAws['roles'], roleArn: string): Promise<RoleInfo> => {
  const role = await roles.describe(roleNameOf(roleArn));
  if (!role)
    throw new GuardError('ResourceDoesNotExistError', {
      message: `Role ${roleArn} does not exist in this env's account.`,
      resolution: 'Give --role-arn of an existing role, or leave it out to let the plugin create one.',
    });
  return role;
};

/**
 * The name of the role to create or converge, with the role that has it: `--role-name`; else the role recorded
 * in iam-guard.json for this target, when it is still this target's; else the first generated name that is
 * free or this target's.
 */
export const findRoleName = async (
  roles: EnvAws['roles'],
  owner: RoleOwner,
  flag: string | undefined,
  /** The env's record in iam-guard.json, when it is for this target. */
  recorded: ComputeRoleSetting | undefined,
): Promise<{ name: string; holder?: RoleInfo; named: boolean }> => {
  if (flag !== undefined) return { name: flag, holder: await roles.describe(flag), named: true };
  if (recorded) {
    const role = await roles.describe(roleNameOf(recorded.roleArn));
    if (role && mayChange(ownershipOf(role.tags, owner))) return { name: role.name, holder: role, named: false };
  }
  const candidates = roleNameCandidates(owner);
  const holders: Array<RoleInfo | undefined> = [];
  for (const name of candidates) {
    const holder = await roles.describe(name);
    holders.push(holder);
    if (!holder || mayChange(ownershipOf(holder.tags, owner))) break;
  }
  const choice = pickRoleName(candidates, holders, owner);
  if (!choice.ok)
    throw new GuardError('InputValidationError', {
      message: choice.problem,
      resolution: 'Give the role a name of your own with --role-name.',
    });
  return { name: choice.name, holder: choice.existing, named: false };
};

/** Whether iam-guard.json's record of an env is for this hosting target. */
export const recordIsFor = (
  recorded: ComputeRoleSetting | undefined,
  hosting: RoleOwner['hosting'],
  envBranch: string | undefined,
): boolean =>
  recorded !== undefined &&
  sameTarget(
    recorded.scope === 'app' ? { kind: 'app' } : { kind: 'branch', branch: recorded.branch ?? envBranch ?? '' },
    hosting,
  );
