import { parsePolicyArn } from '../boundary/arn';
import { targetPartition, type EnvTarget } from '../boundary/target';
import { checkOffline } from '../boundary/validity';
import type { IamPort } from '../aws/ports';
import type { Choice, Prompter } from '../host/io';

type Picked = { kind: 'arn'; arn: string } | { kind: 'enter' } | { kind: 'aws-managed' } | { kind: 'none' };

const offlineProblem = (value: string, target: EnvTarget): true | string => {
  const verdict = checkOffline(value, target);
  return verdict.valid ? true : verdict.problem;
};

const awsManagedProblem = (value: string, target: EnvTarget): true | string => {
  const parsed = parsePolicyArn(value);
  if (parsed.ok && parsed.arn.account !== 'aws') return `${value} is not AWS-managed (its account should be "aws")`;
  return offlineProblem(value, target);
};

/**
 * The interactive boundary picker: the customer-managed policies of the env's account (searchable as you
 * type), an ARN typed in, an AWS-managed ARN, or no boundary. The current value is the default.
 * Returns the chosen ARN, `''` for none.
 */
export const pickBoundary = async (
  prompt: Prompter,
  iam: IamPort,
  target: EnvTarget,
  current: string | undefined,
): Promise<string> => {
  const policies = await iam.listCustomerPolicies();
  const choices: Array<Choice<Picked>> = [
    ...policies.map((policy) => ({
      name: `${policy.path === '/' ? '' : policy.path}${policy.name}`,
      value: { kind: 'arn', arn: policy.arn } as const,
      hint: policy.description,
    })),
    { name: 'Enter an ARN', value: { kind: 'enter' } },
    { name: 'Use an AWS-managed policy ARN', value: { kind: 'aws-managed' } },
    { name: 'Remove the boundary', value: { kind: 'none' } },
  ];
  const listed = policies.findIndex((policy) => policy.arn === current);
  const initial =
    current === undefined ? 0 : current === '' ? choices.length - 1 : listed >= 0 ? listed : policies.length;
  const picked = await prompt.pick(
    `Permissions boundary for env "${target.env}" (account ${target.account}, ${target.region})`,
    choices,
    initial,
  );
  switch (picked.kind) {
    case 'arn':
      return picked.arn;
    case 'none':
      return '';
    case 'enter':
      return prompt.input('IAM policy ARN', {
        initial: current || undefined,
        validate: (value) => offlineProblem(value, target),
      });
    case 'aws-managed':
      return prompt.input('AWS-managed policy ARN', {
        initial: `arn:${targetPartition(target)}:iam::aws:policy/`,
        validate: (value) => awsManagedProblem(value, target),
      });
  }
};
