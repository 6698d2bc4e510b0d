import { formatPolicyArn, isAwsManaged, parsePolicyArn, EXPECTED_FORM } from './arn';
import { retarget, targetPartition, type EnvTarget } from './target';

/** What IAM said when asked for the policy: found, not found, not allowed to ask, or not asked (`--no-check`). */
export type Existence = 'exists' | 'missing' | 'denied' | 'unchecked';

/** Whether an ARN may be an env's boundary, with the words to tell the user. */
export type Verdict =
  { valid: true; arn: string; warning?: string } | { valid: false; arn: string; problem: string; suggestion?: string };

/** The offline half of "valid for an env": format, partition and account. */
export const checkOffline = (value: string, target: EnvTarget): Verdict => {
  const parsed = parsePolicyArn(value);
  if (!parsed.ok) {
    return {
      valid: false,
      arn: value,
      problem: `"${value}" is not a valid IAM policy ARN: ${parsed.problem}.${parsed.problem.includes(EXPECTED_FORM) ? '' : ` Expected ${EXPECTED_FORM}.`}`,
    };
  }
  const { arn } = parsed;
  const partition = targetPartition(target);
  const suggestion = formatPolicyArn(retarget(arn, target));
  if (arn.partition !== partition) {
    return {
      valid: false,
      arn: value,
      problem: `${value} is in partition "${arn.partition}", but env "${target.env}" is in ${target.region} (partition "${partition}").`,
      suggestion,
    };
  }
  if (!isAwsManaged(arn) && arn.account !== target.account) {
    return {
      valid: false,
      arn: value,
      problem: `${value} belongs to account ${arn.account}, but env "${target.env}" is in account ${target.account}; a boundary must be a policy of the env's own account or AWS-managed.`,
      suggestion,
    };
  }
  return { valid: true, arn: value };
};

/** The whole of "valid for an env" (right partition, own account or `aws`, exists): the offline checks, then what IAM said. */
export const judgeBoundary = (value: string, target: EnvTarget, existence: Existence): Verdict => {
  const offline = checkOffline(value, target);
  if (!offline.valid) return offline;
  switch (existence) {
    case 'exists':
    case 'unchecked':
      return { valid: true, arn: value };
    case 'missing':
      return {
        valid: false,
        arn: value,
        problem: `${value} does not exist in account ${target.account} (env "${target.env}").`,
      };
    case 'denied':
      return {
        valid: true,
        arn: value,
        warning: `Could not check that ${value} exists in account ${target.account}: the credentials of env "${target.env}" lack iam:GetPolicy. Its partition and account are right, so it is used as given.`,
      };
  }
};
