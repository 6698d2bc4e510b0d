import type { EnvAws } from '../aws/ports';
import type { AttachFacts } from '../compute-role/attach-plan';
import type { EnvTarget } from '../boundary/target';
import type { RoleOwner } from '../compute-role/ownership';
import { parseRoleArn, ROLE_ARN_FORM } from '../compute-role/role-arn';
import { GuardError } from '../errors';
import type { Io, Prompter } from '../host/io';
import type { ComputeRoleSetting } from '../project/guard-config';
import { checkPolicyArns, checkRoleArnFlag, findRoleName, readExistingRole, readPolicyFile } from './attach-inputs';

/** What the user chose at the terminal when `attach` got no role flags. */
export type AttachChoice =
  { kind: 'existing'; roleArn: string } | { kind: 'create'; policyArns: string[]; policyFile?: string };

/** Asks, at a terminal, whether to use an existing role or create one, and with which policies. */
export const askAttachChoice = async (prompt: Prompter, target: string): Promise<AttachChoice> => {
  const mode = await prompt.pick(`Compute role for ${target}`, [
    { name: 'Create a role (trusting only amplify.amazonaws.com, with the env’s boundary)', value: 'create' as const },
    { name: 'Use an existing role', value: 'existing' as const },
  ]);
  if (mode === 'existing') {
    const roleArn = await prompt.input('ARN of the role', {
      validate: (value) => (parseRoleArn(value) ? true : `an IAM role ARN, ${ROLE_ARN_FORM}`),
    });
    return { kind: 'existing', roleArn };
  }
  const typed = await prompt.input('Managed policy ARNs for the role (comma-separated; empty for none)', {
    initial: '',
  });
  const file = await prompt.input('Inline policy file (JSON; empty for none)', { initial: '' });
  return {
    kind: 'create',
    policyArns: typed
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
    policyFile: file || undefined,
  };
};

/**
 * The role `attach` is asked for, with every input checked before anything changes: an existing role
 * (`--role-arn`, of the env's account, as IAM has it), or the policies and name of a role to create or converge.
 */
export const checkedRequest = async (input: {
  aws: Pick<EnvAws, 'iam' | 'roles'>;
  io: Io;
  interactive: boolean;
  cwd: string;
  envTarget: EnvTarget;
  owner: RoleOwner;
  choice: AttachChoice;
  /** `--policy-file`, already read and checked before any AWS call. */
  flagFile?: { file: string; document: string };
  roleName?: string;
  /** The env's record in iam-guard.json, when it is for this target. */
  recorded?: ComputeRoleSetting;
}): Promise<AttachFacts['request']> => {
  const { aws, io, choice, envTarget } = input;
  if (choice.kind === 'existing') {
    checkRoleArnFlag(choice.roleArn, envTarget);
    return { kind: 'existing', role: await readExistingRole(aws.roles, choice.roleArn) };
  }
  await checkPolicyArns(aws.iam, envTarget, choice.policyArns, io.print);
  const inlineDocument =
    choice.policyFile === undefined
      ? undefined
      : choice.policyFile === input.flagFile?.file
        ? input.flagFile.document
        : await readPolicyFile(input.cwd, choice.policyFile);
  if (choice.policyArns.length === 0 && !inlineDocument) {
    const allowed = input.interactive && (await io.prompt.confirm('Create a role with no permissions at all?', false));
    if (!allowed)
      throw new GuardError('InputValidationError', {
        message: 'The role to create would have no permissions at all (no --policy-arns, no --policy-file).',
        resolution:
          'Give --policy-arns <arn,arn> and/or --policy-file <policy.json>, or --role-arn <arn> to attach an existing role.',
      });
  }
  const found = await findRoleName(aws.roles, input.owner, input.roleName, input.recorded);
  return { kind: 'create', ...found, policyArns: choice.policyArns, inlineDocument };
};
