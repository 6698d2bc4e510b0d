import { COMPUTE_TRUST_POLICY, grantsEverything, trustsAmplify } from '../../../src/compute-role/trust';

const AMPLIFY_TRUST_POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"amplify.amazonaws.com"},"Action":"sts:AssumeRole"}]}';

const trust = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });

describe('COMPUTE_TRUST_POLICY', () => {
  it('serialises to exactly the trust policy that lets Amplify Hosting assume the role', () => {
    expect(JSON.stringify(COMPUTE_TRUST_POLICY)).toBe(AMPLIFY_TRUST_POLICY);
  });
});

describe('trustsAmplify', () => {
  it('accepts the plugin’s own trust policy, as an object and as a JSON string', () => {
    expect(trustsAmplify(COMPUTE_TRUST_POLICY)).toBe(true);
    expect(trustsAmplify(AMPLIFY_TRUST_POLICY)).toBe(true);
  });

  it('accepts the URL-encoded document IAM returns from GetRole', () => {
    expect(trustsAmplify(encodeURIComponent(AMPLIFY_TRUST_POLICY))).toBe(true);
  });

  it('accepts a Service list that includes amplify.amazonaws.com', () => {
    const document = trust({
      Effect: 'Allow',
      Principal: { Service: ['lambda.amazonaws.com', 'amplify.amazonaws.com'] },
      Action: 'sts:AssumeRole',
    });
    expect(trustsAmplify(document)).toBe(true);
  });

  it('accepts an Action list that contains sts:AssumeRole', () => {
    const document = trust({
      Effect: 'Allow',
      Principal: { Service: 'amplify.amazonaws.com' },
      Action: ['sts:TagSession', 'sts:AssumeRole'],
    });
    expect(trustsAmplify(document)).toBe(true);
  });

  it('accepts a single statement object instead of a list', () => {
    expect(
      trustsAmplify({
        Version: '2012-10-17',
        Statement: { Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' },
      }),
    ).toBe(true);
  });

  it('refuses a role only Lambda may assume', () => {
    expect(
      trustsAmplify(
        trust({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      ),
    ).toBe(false);
  });

  it('refuses a statement that denies amplify.amazonaws.com', () => {
    expect(
      trustsAmplify(
        trust({ Effect: 'Deny', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      ),
    ).toBe(false);
  });

  it('refuses an Allow for amplify.amazonaws.com of another action', () => {
    expect(
      trustsAmplify(
        trust({ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:TagSession' }),
      ),
    ).toBe(false);
  });

  it('refuses a document without Statement, an unparsable string and nothing at all', () => {
    expect(trustsAmplify({ Version: '2012-10-17' })).toBe(false);
    expect(trustsAmplify('{not json')).toBe(false);
    expect(trustsAmplify(undefined)).toBe(false);
    expect(trustsAmplify(null)).toBe(false);
  });

  it('refuses a principal that is an AWS account rather than the Amplify service', () => {
    expect(
      trustsAmplify(
        trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }),
      ),
    ).toBe(false);
  });
});

describe('grantsEverything', () => {
  const policy = (statement: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [statement] });

  it('flags "Action": "*" on "Resource": "*" as strings', () => {
    expect(grantsEverything(policy({ Effect: 'Allow', Action: '*', Resource: '*' }))).toBe(true);
  });

  it('flags "*" inside Action and Resource lists', () => {
    expect(grantsEverything(policy({ Effect: 'Allow', Action: ['s3:GetObject', '*'], Resource: ['*'] }))).toBe(true);
  });

  it('reads a JSON string as well as an object', () => {
    expect(grantsEverything(JSON.stringify(policy({ Effect: 'Allow', Action: '*', Resource: '*' })))).toBe(true);
  });

  it('does not flag every action on one resource, or one service on every resource', () => {
    expect(grantsEverything(policy({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' }))).toBe(false);
    expect(grantsEverything(policy({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))).toBe(false);
  });

  it('does not flag a Deny of everything', () => {
    expect(grantsEverything(policy({ Effect: 'Deny', Action: '*', Resource: '*' }))).toBe(false);
  });

  it('does not flag a document without statements', () => {
    expect(grantsEverything({ Version: '2012-10-17' })).toBe(false);
  });
});

describe('trustsAmplify and an explicit Deny', () => {
  it('refuses a trust policy whose Allow for Amplify is overridden by an explicit Deny', () => {
    const statement = { Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' };
    expect(
      trustsAmplify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', ...statement },
          { Effect: 'Deny', ...statement },
        ],
      }),
    ).toBe(false);
  });
});
