import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { trustsAmplify } from '../compute-role/trust';
import type { EnvAws } from '../aws/ports';
import { GuardError } from '../errors';
import type { Io } from '../host/io';

/** The name of a role from its ARN (`arn:…:role/<path/>name`). */
export const roleNameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** Reads `--policy-file`: a JSON IAM policy document, returned compact; anything else is an error naming the file. */
export const readPolicyFile = async (cwd: string, file: string): Promise<string> => {
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
export const checkExistingRole = async (
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
