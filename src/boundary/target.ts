import { formatPolicyArn, isAwsManaged, policyNameProblem, policyPathProblem, type PolicyArn } from './arn';
import { partitionOfRegion, type Partition } from './partition';

/** Where an env lives: what a boundary ARN must match to be valid for it. */
export type EnvTarget = {
  env: string;
  account: string;
  region: string;
};

/** The partition of an env's region. */
export const targetPartition = (target: EnvTarget): Partition => partitionOfRegion(target.region);

/** The same policy, addressed in another env: AWS-managed keeps its account, customer-managed takes the target's. */
export const retarget = (arn: PolicyArn, target: EnvTarget): PolicyArn => ({
  ...arn,
  partition: targetPartition(target),
  account: isAwsManaged(arn) ? arn.account : target.account,
});

/** `arn:<partition>:iam::<account>:policy<path><name>` for a policy name in an env's own account. */
export const arnFromPolicyName = (name: string, path: string, target: EnvTarget): string =>
  formatPolicyArn({ partition: targetPartition(target), account: target.account, path, name });

/** Checks a policy name and path from flags or iam-guard.json, each by its own rule. */
export const checkPolicyName = (name: string, path: string): string | undefined =>
  policyNameProblem(name) ?? policyPathProblem(path);

/**
 * Why credentials cannot be used for an env: they act in another account than the env's stack
 * (the CLI hands back already-loaded credentials whichever env is asked for). `undefined` when they fit.
 */
export const credentialAccountProblem = (
  env: string,
  stackAccount: string | undefined,
  callerAccount: string,
): string | undefined =>
  stackAccount !== undefined && stackAccount !== callerAccount
    ? `The credentials found for env "${env}" act in account ${callerAccount}, but the env's stack is in account ${stackAccount}.`
    : undefined;
