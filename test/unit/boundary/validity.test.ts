import { checkOffline, judgeBoundary, type Existence, type Verdict } from '../../../src/boundary/validity';
import type { EnvTarget } from '../../../src/boundary/target';

const dev: EnvTarget = { env: 'dev', account: '123456789012', region: 'us-east-1' };
const china: EnvTarget = { env: 'cn', account: '333333333333', region: 'cn-north-1' };
const OWN = 'arn:aws:iam::123456789012:policy/Boundary';
const FOREIGN = 'arn:aws:iam::999999999999:policy/Boundary';
const AWS_MANAGED = 'arn:aws:iam::aws:policy/PowerUserAccess';

const problemOf = (verdict: Verdict): string => (verdict.valid ? '' : verdict.problem);

describe('judgeBoundary: the whole of "valid for an env"', () => {
  it('accepts an own-account policy that exists', () => {
    expect(judgeBoundary(OWN, dev, 'exists')).toEqual({ valid: true, arn: OWN });
  });

  it('accepts an own-account policy without a check when the check was skipped', () => {
    expect(judgeBoundary(OWN, dev, 'unchecked')).toEqual({ valid: true, arn: OWN });
  });

  it('refuses an own-account policy that does not exist, naming the ARN and the account', () => {
    const verdict = judgeBoundary(OWN, dev, 'missing');
    expect(verdict.valid).toBe(false);
    expect(problemOf(verdict)).toContain(OWN);
    expect(problemOf(verdict)).toMatch(/does not exist in account 123456789012/);
  });

  it('accepts an own-account policy it may not look up, with a warning naming iam:GetPolicy', () => {
    const verdict = judgeBoundary(OWN, dev, 'denied');
    expect(verdict).toEqual({ valid: true, arn: OWN, warning: expect.stringContaining('iam:GetPolicy') as unknown });
    expect(verdict.valid && verdict.warning).toContain(OWN);
  });

  it.each<[Existence]>([['exists'], ['missing'], ['denied'], ['unchecked']])(
    'never accepts a policy of another account (IAM said: %s)',
    (existence) => {
      const verdict = judgeBoundary(FOREIGN, dev, existence);
      expect(verdict.valid).toBe(false);
      expect(problemOf(verdict)).toMatch(/belongs to account 999999999999.*account 123456789012/);
      expect(verdict).toMatchObject({ suggestion: OWN });
    },
  );

  it.each<[Existence]>([['exists'], ['denied'], ['unchecked']])(
    "refuses a policy of the wrong partition and suggests the same policy in the env's partition (IAM said: %s)",
    (existence) => {
      const verdict = judgeBoundary('arn:aws-cn:iam::123456789012:policy/org/Boundary', dev, existence);
      expect(verdict.valid).toBe(false);
      expect(problemOf(verdict)).toMatch(/partition "aws-cn".*us-east-1 \(partition "aws"\)/);
      expect(verdict).toMatchObject({ suggestion: 'arn:aws:iam::123456789012:policy/org/Boundary' });
    },
  );

  it("suggests the env's own account and partition for a foreign policy in another partition", () => {
    const verdict = judgeBoundary(FOREIGN, china, 'exists');
    expect(verdict).toMatchObject({ valid: false, suggestion: 'arn:aws-cn:iam::333333333333:policy/Boundary' });
  });

  it("accepts an AWS-managed policy in the env's partition", () => {
    expect(judgeBoundary(AWS_MANAGED, dev, 'exists')).toEqual({ valid: true, arn: AWS_MANAGED });
    expect(judgeBoundary('arn:aws-cn:iam::aws:policy/PowerUserAccess', china, 'exists').valid).toBe(true);
  });

  it("refuses an AWS-managed policy of another partition and suggests it in the env's partition", () => {
    expect(judgeBoundary(AWS_MANAGED, china, 'exists')).toMatchObject({
      valid: false,
      suggestion: 'arn:aws-cn:iam::aws:policy/PowerUserAccess',
    });
  });

  it('refuses a malformed ARN with the expected form, whatever IAM said', () => {
    const verdict = judgeBoundary('arn:aws:iam::123:policy/B', dev, 'exists');
    expect(verdict.valid).toBe(false);
    expect(problemOf(verdict)).toContain('"arn:aws:iam::123:policy/B" is not a valid IAM policy ARN');
    expect(problemOf(verdict)).toContain('Expected arn:<partition>:iam::');
    expect(verdict).not.toHaveProperty('suggestion');
  });
});

describe('checkOffline', () => {
  it("accepts own-account and AWS-managed policies of the env's partition", () => {
    expect(checkOffline(OWN, dev)).toEqual({ valid: true, arn: OWN });
    expect(checkOffline(AWS_MANAGED, dev)).toEqual({ valid: true, arn: AWS_MANAGED });
  });

  it('refuses a policy of another account even offline', () => {
    expect(checkOffline(FOREIGN, dev)).toMatchObject({ valid: false, arn: FOREIGN, suggestion: OWN });
  });

  it('refuses an ARN with surrounding white space instead of trimming it', () => {
    expect(checkOffline(` ${OWN}`, dev).valid).toBe(false);
  });
});
