import { policyArnProblem } from '../../../src/compute-role/policy-arns';
import { policyDocumentProblem } from '../../../src/compute-role/policy-document';
import { parseRoleArn, roleNameProblem } from '../../../src/compute-role/role-arn';
import { roleEffect } from '../../../src/compute-role/effect';

const DEV = { env: 'dev', account: '123456789012', region: 'us-east-1' };

describe('roleNameProblem', () => {
  it('accepts 1 to 64 characters of letters, digits and +=,.@_-', () => {
    expect(roleNameProblem('a')).toBeUndefined();
    expect(roleNameProblem('Aa0+=,.@_-'.padEnd(64, 'x'))).toBeUndefined();
  });

  it('refuses an empty, a 65-character, a 2001-character and a unicode name', () => {
    expect(roleNameProblem('')).toContain('1 to 64 characters');
    expect(roleNameProblem('r'.repeat(65))).toContain('1 to 64 characters');
    expect(roleNameProblem('r'.repeat(2001))).toContain('(2001 characters)');
    expect(roleNameProblem('rôle')).toContain('"rôle"');
    expect(roleNameProblem('feature/x')).toBeDefined();
  });
});

describe('parseRoleArn', () => {
  it('reads partition, account and name, with or without a path', () => {
    expect(parseRoleArn('arn:aws:iam::123456789012:role/app/ssr')).toEqual({
      partition: 'aws',
      account: '123456789012',
      name: 'ssr',
    });
    expect(parseRoleArn('arn:aws-cn:iam::123456789012:role/ssr')?.partition).toBe('aws-cn');
  });

  it('refuses what is not a role ARN', () => {
    for (const value of [
      'ssr',
      'arn:aws:iam::123:role/x',
      'arn:aws:iam::123456789012:user/x',
      'arn:aws:iam::aws:role/x',
    ])
      expect(parseRoleArn(value)).toBeUndefined();
  });
});

describe('policyArnProblem', () => {
  it('accepts a policy of the env’s account and an AWS-managed one', () => {
    expect(policyArnProblem('arn:aws:iam::123456789012:policy/SesSend', DEV)).toBeUndefined();
    expect(policyArnProblem('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', DEV)).toBeUndefined();
  });

  it('names what is wrong: not an ARN, another partition, another account', () => {
    expect(policyArnProblem('not-an-arn', DEV)).toContain('"not-an-arn" is not a managed policy ARN');
    expect(policyArnProblem('arn:aws-cn:iam::aws:policy/X', DEV)).toContain('partition "aws-cn"');
    expect(policyArnProblem('arn:aws:iam::999999999999:policy/X', DEV)).toContain('belongs to account 999999999999');
  });
});

describe('policyDocumentProblem', () => {
  it('accepts an identity policy document', () => {
    expect(
      policyDocumentProblem(
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
      ),
    ).toBeUndefined();
    expect(
      policyDocumentProblem('{"Statement":{"Effect":"Deny","NotAction":"s3:*","NotResource":"*"}}'),
    ).toBeUndefined();
  });

  it('names the fault of a document IAM would refuse', () => {
    expect(policyDocumentProblem('{')).toContain('not JSON');
    expect(policyDocumentProblem('[]')).toBe('it is not a JSON object');
    expect(policyDocumentProblem('{"Version":"2012-10-17"}')).toBe('it has no "Statement"');
    expect(policyDocumentProblem('{"Version":"2020-01-01","Statement":[]}')).toContain('"Version"');
    expect(policyDocumentProblem('{"Statement":[{"Effect":"Permit","Action":"*","Resource":"*"}]}')).toContain(
      '"Effect" "Permit"',
    );
    expect(policyDocumentProblem('{"Statement":[{"Effect":"Allow","Resource":"*"}]}')).toContain('"Action"');
    expect(policyDocumentProblem('{"Statement":[{"Effect":"Allow","Action":"*"}]}')).toContain('"Resource"');
    expect(
      policyDocumentProblem('{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}'),
    ).toContain('"Principal"');
  });
});

describe('roleEffect', () => {
  const before = new Date('2026-03-01T00:00:00Z');
  const after = new Date('2026-03-02T00:00:00Z');

  it('is in effect once the branch deployed after the role was set, or when no change was recorded', () => {
    expect(roleEffect('arn', before, after)).toBe('in-effect');
    expect(roleEffect('arn', undefined, after)).toBe('in-effect');
  });

  it('is pending when the role was set after the last deployment, or the branch never deployed', () => {
    expect(roleEffect('arn', after, before)).toBe('pending');
    expect(roleEffect('arn', before, undefined)).toBe('pending');
  });

  it('counts a deployment started in the same second as the change (Amplify keeps whole seconds) as after it', () => {
    expect(roleEffect('arn', new Date('2026-03-01T00:00:00.900Z'), new Date('2026-03-01T00:00:00.000Z'))).toBe(
      'in-effect',
    );
  });

  it('is none without a role', () => {
    expect(roleEffect(undefined, before, after)).toBe('none');
  });
});
