import { isPartition, PARTITIONS, type Partition } from './partition';

/** A parsed IAM managed-policy ARN: `arn:<partition>:iam::<account>:policy<path><name>`. */
export type PolicyArn = {
  partition: Partition;
  /** 12 digits, or `aws` for AWS-managed policies. */
  account: string;
  /** `/` or `/…/`. */
  path: string;
  name: string;
};

/** The outcome of parsing: the ARN, or what is wrong with it in words a user can act on. */
export type ParseResult = { ok: true; arn: PolicyArn } | { ok: false; problem: string };

/** The form every problem message ends with. */
export const EXPECTED_FORM = 'arn:<partition>:iam::<12-digit account id or "aws">:policy/<optional/path/><PolicyName>';

const MAX_ARN = 2048;
const MAX_PATH = 512;
const NAME = /^[A-Za-z0-9+=,.@_-]{1,128}$/;
// IAM's own path pattern: '/' alone, or '/' + printable ASCII (no space) + '/'.
const PATH = /^\/(?:[\x21-\x7e]+\/)?$/;
const ACCOUNT = /^(?:\d{12}|aws)$/;

const fail = (problem: string): ParseResult => ({ ok: false, problem });

/** Parses a policy ARN by IAM's rules for partition, account, path and name; never throws, whatever the input. */
export const parsePolicyArn = (value: string): ParseResult => {
  if (value.length === 0) return fail('it is empty');
  if (value.trim() !== value)
    return fail('it has leading or trailing white space (remove it; it is not trimmed for you)');
  if (value.length > MAX_ARN) return fail(`it is ${value.length} characters long; an ARN has at most ${MAX_ARN}`);
  // The resource (a policy path may hold ':') is everything after the fifth ':'.
  const parts = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(value);
  if (!parts) return fail('it is not an ARN of the form ' + EXPECTED_FORM);
  const [, partition = '', service = '', region = '', account = '', resource = ''] = parts;
  if (!isPartition(partition)) return fail(`"${partition}" is not an AWS partition (one of ${PARTITIONS.join(', ')})`);
  if (service !== 'iam') return fail(`it names the service "${service}"; a permissions boundary is an "iam" policy`);
  if (region !== '') return fail(`IAM ARNs have no region, but it names "${region}"`);
  if (!ACCOUNT.test(account)) return fail(`the account "${account}" is neither a 12-digit account id nor "aws"`);
  if (!resource.startsWith('policy/'))
    return fail(`"${resource}" is not a managed policy (expected policy/<path/>Name)`);
  const body = resource.slice('policy'.length);
  const lastSlash = body.lastIndexOf('/');
  const path = body.slice(0, lastSlash + 1);
  const name = body.slice(lastSlash + 1);
  const problem = policyNameProblem(name) ?? policyPathProblem(path);
  return problem ? fail(problem) : { ok: true, arn: { partition, account, path, name } };
};

/** What is wrong with an IAM policy name, if anything. */
export const policyNameProblem = (name: string): string | undefined =>
  NAME.test(name) ? undefined : `the policy name "${name}" must be 1 to 128 characters of letters, digits and +=,.@_-`;

/** What is wrong with an IAM path, if anything. */
export const policyPathProblem = (path: string): string | undefined =>
  path.length <= MAX_PATH && PATH.test(path)
    ? undefined
    : `the path "${path}" must be "/" or start and end with "/", with at most ${MAX_PATH} printable ASCII characters and no spaces`;

/** Writes a parsed ARN back in its canonical form. */
export const formatPolicyArn = (arn: PolicyArn): string =>
  `arn:${arn.partition}:iam::${arn.account}:policy${arn.path}${arn.name}`;

/** Whether the policy is AWS-managed (`iam::aws:`), which exists in every account of its partition. */
export const isAwsManaged = (arn: PolicyArn): boolean => arn.account === 'aws';
