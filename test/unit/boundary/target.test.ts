import { parsePolicyArn, type PolicyArn } from '../../../src/boundary/arn';
import { isPartition, partitionOfRegion, PARTITIONS } from '../../../src/boundary/partition';
import {
  arnFromPolicyName,
  checkPolicyName,
  credentialAccountProblem,
  retarget,
  targetPartition,
  type EnvTarget,
} from '../../../src/boundary/target';

const arn = (value: string): PolicyArn => {
  const parsed = parsePolicyArn(value);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.arn;
};

describe('partitionOfRegion maps every region prefix to its partition, anything else to aws', () => {
  it.each([
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-gov-east-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
    ['us-isof-south-1', 'aws-iso-f'],
    ['eusc-de-east-1', 'aws-eusc'],
    ['eu-west-1', 'aws'],
    ['us-east-1', 'aws'],
    ['ap-southeast-2', 'aws'],
    ['me-central-1', 'aws'],
    ['', 'aws'],
  ])('puts %s in partition %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });

  it('knows exactly the eight partitions', () => {
    expect([...PARTITIONS].sort()).toEqual([
      'aws',
      'aws-cn',
      'aws-eusc',
      'aws-iso',
      'aws-iso-b',
      'aws-iso-e',
      'aws-iso-f',
      'aws-us-gov',
    ]);
    expect(PARTITIONS.every(isPartition)).toBe(true);
    expect(isPartition('aws-mars')).toBe(false);
    expect(isPartition('AWS')).toBe(false);
  });
});

describe('retarget', () => {
  const china: EnvTarget = { env: 'cn', account: '333333333333', region: 'cn-north-1' };
  const prod: EnvTarget = { env: 'prod', account: '222222222222', region: 'eu-west-1' };

  it('gives a customer-managed policy the target partition and account, keeping path and name', () => {
    expect(retarget(arn('arn:aws:iam::123456789012:policy/org/Boundary'), china)).toEqual({
      partition: 'aws-cn',
      account: '333333333333',
      path: '/org/',
      name: 'Boundary',
    });
    expect(retarget(arn('arn:aws:iam::123456789012:policy/Boundary'), prod)).toEqual(
      arn('arn:aws:iam::222222222222:policy/Boundary'),
    );
  });

  it('keeps the account "aws" of an AWS-managed policy and gives it the target partition', () => {
    expect(retarget(arn('arn:aws:iam::aws:policy/PowerUserAccess'), china)).toEqual(
      arn('arn:aws-cn:iam::aws:policy/PowerUserAccess'),
    );
    expect(retarget(arn('arn:aws-us-gov:iam::aws:policy/PowerUserAccess'), prod)).toEqual(
      arn('arn:aws:iam::aws:policy/PowerUserAccess'),
    );
  });

  it('reads the target partition from the region', () => {
    expect(targetPartition(china)).toBe('aws-cn');
    expect(targetPartition(prod)).toBe('aws');
  });
});

describe('arnFromPolicyName', () => {
  it.each([
    [
      'AmplifyBoundary',
      '/',
      { env: 'dev', account: '123456789012', region: 'us-east-1' },
      'arn:aws:iam::123456789012:policy/AmplifyBoundary',
    ],
    [
      'AmplifyBoundary',
      '/org/',
      { env: 'gov', account: '444444444444', region: 'us-gov-west-1' },
      'arn:aws-us-gov:iam::444444444444:policy/org/AmplifyBoundary',
    ],
    [
      'B',
      '/a/b/',
      { env: 'cn', account: '333333333333', region: 'cn-northwest-1' },
      'arn:aws-cn:iam::333333333333:policy/a/b/B',
    ],
  ])("resolves %s at %s in the env's own account and partition", (name, path, target, expected) => {
    expect(arnFromPolicyName(name, path, target)).toBe(expected);
  });
});

describe('checkPolicyName', () => {
  it('accepts a policy name with a path', () => {
    expect(checkPolicyName('AmplifyBoundary', '/')).toBeUndefined();
    expect(checkPolicyName('AmplifyBoundary', '/org/unit/')).toBeUndefined();
  });

  it.each([
    ['a name with a space', 'My Boundary', '/'],
    ['an empty name', '', '/'],
    ['a name of 129 characters', 'x'.repeat(129), '/'],
    ['a path without slashes', 'B', 'org'],
    ['a path with a space', 'B', '/my org/'],
  ])('refuses %s', (_what, name, path) => {
    expect(checkPolicyName(name, path)).toEqual(expect.any(String));
  });
});

describe('credentialAccountProblem', () => {
  it("accepts credentials of the env stack's account", () => {
    expect(credentialAccountProblem('dev', '123456789012', '123456789012')).toBeUndefined();
  });

  it('accepts any credentials for an env not deployed yet (no stack account)', () => {
    expect(credentialAccountProblem('new', undefined, '123456789012')).toBeUndefined();
  });

  it('refuses credentials of another account, naming both accounts and the env', () => {
    const problem = credentialAccountProblem('prod', '222222222222', '123456789012');
    expect(problem).toContain('"prod"');
    expect(problem).toContain('222222222222');
    expect(problem).toContain('123456789012');
  });
});
