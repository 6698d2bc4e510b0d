import { EXPECTED_FORM, isAwsManaged, parsePolicyArn } from '../boundary/arn';
import { targetPartition, type EnvTarget } from '../boundary/target';

/**
 * What is wrong with one of `--policy-arns` for an env, offline: the form of a managed-policy ARN, the env's
 * partition, and the env's account or `aws` (a role can only attach policies of its own account).
 */
export const policyArnProblem = (value: string, target: EnvTarget): string | undefined => {
  const parsed = parsePolicyArn(value);
  if (!parsed.ok)
    return `"${value}" is not a managed policy ARN: ${parsed.problem}${parsed.problem.includes(EXPECTED_FORM) ? '' : `; expected ${EXPECTED_FORM}`}`;
  const partition = targetPartition(target);
  if (parsed.arn.partition !== partition)
    return `${value} is in partition "${parsed.arn.partition}", but env "${target.env}" is in ${target.region} (partition "${partition}")`;
  if (!isAwsManaged(parsed.arn) && parsed.arn.account !== target.account)
    return `${value} belongs to account ${parsed.arn.account}, but env "${target.env}" is in account ${target.account}; a role can attach only policies of its own account or AWS-managed ones`;
  return undefined;
};

/** Whether a managed policy is AWS's AdministratorAccess, which allows every action on every resource. */
export const isAdministratorAccess = (arn: string): boolean =>
  /^arn:[^:]+:iam::aws:policy\/AdministratorAccess$/.test(arn);
