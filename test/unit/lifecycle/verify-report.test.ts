import {
  checkRole,
  isVerified,
  stackLabel,
  summarizeVerification,
  type EnvVerification,
  type RoleCheck,
} from '../../../src/boundary/verify-report';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';
const OTHER = 'arn:aws:iam::123456789012:policy/Other';

describe('checkRole', () => {
  const role = { role: 'authRole', stack: 'amplify-x-dev' };

  it('is ok when the role carries exactly the expected boundary', () => {
    expect(checkRole(BOUNDARY, { ...role, found: true, boundary: BOUNDARY })).toEqual({
      role: 'authRole',
      stack: 'amplify-x-dev',
      status: 'ok',
      actual: BOUNDARY,
    });
  });

  it('is missing when the role carries no boundary', () => {
    expect(checkRole(BOUNDARY, { ...role, found: true })).toMatchObject({ status: 'missing', actual: null });
  });

  it('is a mismatch when the role carries another boundary', () => {
    expect(checkRole(BOUNDARY, { ...role, found: true, boundary: OTHER })).toMatchObject({
      status: 'mismatch',
      actual: OTHER,
    });
  });

  it('is not-found when the role was deleted outside CloudFormation', () => {
    expect(checkRole(BOUNDARY, { ...role, found: false })).toMatchObject({ status: 'not-found', actual: null });
    expect(checkRole('', { ...role, found: false })).toMatchObject({ status: 'not-found' });
  });

  it('is ok when no boundary is expected and the role has none', () => {
    expect(checkRole('', { ...role, found: true })).toMatchObject({ status: 'ok', actual: null });
  });

  it('is a mismatch when no boundary is expected but the role carries one', () => {
    expect(checkRole('', { ...role, found: true, boundary: BOUNDARY })).toMatchObject({
      status: 'mismatch',
      actual: BOUNDARY,
    });
  });
});

const verification = (roles: RoleCheck[], extra: Partial<EnvVerification> = {}): EnvVerification => ({
  env: 'dev',
  expected: BOUNDARY,
  policyExists: true,
  roles,
  ...extra,
});
const withStatus = (role: string, status: RoleCheck['status']): RoleCheck => ({
  role,
  stack: 'root',
  status,
  actual: status === 'ok' || status === 'mismatch' ? BOUNDARY : null,
});

describe('isVerified', () => {
  it('holds when every role is ok, and when there are no roles', () => {
    expect(isVerified(verification([withStatus('a', 'ok'), withStatus('b', 'ok')]))).toBe(true);
    expect(isVerified(verification([]))).toBe(true);
  });

  it.each(['missing', 'mismatch', 'not-found'] as const)('fails when one role is %s', (status) => {
    expect(isVerified(verification([withStatus('a', 'ok'), withStatus('b', status)]))).toBe(false);
  });
});

describe('summarizeVerification', () => {
  it('counts each status in the fixed order ok, missing, mismatch, not-found, whatever the role order', () => {
    const roles = [
      withStatus('a', 'not-found'),
      withStatus('b', 'mismatch'),
      withStatus('c', 'missing'),
      withStatus('d', 'ok'),
      withStatus('e', 'missing'),
    ];
    expect(summarizeVerification(verification(roles))).toBe(
      `Env "dev": 5 IAM role(s) checked against ${BOUNDARY}: 1 ok, 2 missing, 1 mismatch, 1 not-found.`,
    );
  });

  it('leaves out statuses no role has', () => {
    expect(summarizeVerification(verification([withStatus('a', 'ok'), withStatus('b', 'ok')]))).toBe(
      `Env "dev": 2 IAM role(s) checked against ${BOUNDARY}: 2 ok.`,
    );
  });

  it('says "no roles" for a stack without roles, and "none, on purpose" when the env has ""', () => {
    expect(summarizeVerification(verification([], { expected: '', policyExists: null }))).toBe(
      'Env "dev": 0 IAM role(s) checked against no boundary (none, on purpose): no roles.',
    );
  });

  it('never calls an env with nothing configured "none, on purpose"', () => {
    const summary = summarizeVerification(
      verification([withStatus('a', 'ok')], { expected: '', policyExists: null, configured: false }),
    );
    expect(summary).toBe('Env "dev": 1 IAM role(s) checked against no boundary (none is configured): 1 ok.');
  });

  it('says when the boundary policy itself does not exist', () => {
    expect(summarizeVerification(verification([withStatus('a', 'ok')], { policyExists: false }))).toContain(
      `against ${BOUNDARY} (the policy does not exist!): 1 ok.`,
    );
  });

  it('says nothing about the policy when IAM would not tell', () => {
    expect(summarizeVerification(verification([], { policyExists: null }))).not.toContain('does not exist');
  });
});

describe('stackLabel', () => {
  it("names a stack given by ARN by the stack's name", () => {
    expect(
      stackLabel('arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-x-dev-auth-1A2B/0f8e7d6c-1111-2222'),
    ).toBe('amplify-x-dev-auth-1A2B');
  });

  it('understands ARNs of other partitions', () => {
    expect(stackLabel('arn:aws-cn:cloudformation:cn-north-1:222222222222:stack/amplify-x-cn/abc')).toBe('amplify-x-cn');
  });

  it('keeps a plain stack name as it is', () => {
    expect(stackLabel('amplify-x-dev')).toBe('amplify-x-dev');
    expect(stackLabel('amplify-x-dev-auth-1A2B')).toBe('amplify-x-dev-auth-1A2B');
  });
});
