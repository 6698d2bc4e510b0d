import { EXPECTED_FORM, formatPolicyArn, isAwsManaged, parsePolicyArn } from '../../../src/boundary/arn';
import { PARTITIONS } from '../../../src/boundary/partition';

const ACCOUNT = '123456789012';
const name128 = 'N'.repeat(128);
const path512 = `/${'p'.repeat(510)}/`;

describe('parsePolicyArn accepts policy ARNs of every partition, path and name IAM allows', () => {
  it.each(PARTITIONS.map((partition) => [partition]))(
    'accepts a customer-managed policy in partition %s',
    (partition) => {
      expect(parsePolicyArn(`arn:${partition}:iam::${ACCOUNT}:policy/Boundary`)).toEqual({
        ok: true,
        arn: { partition, account: ACCOUNT, path: '/', name: 'Boundary' },
      });
    },
  );

  it.each(PARTITIONS.map((partition) => [partition]))('accepts an AWS-managed policy in partition %s', (partition) => {
    expect(parsePolicyArn(`arn:${partition}:iam::aws:policy/PowerUserAccess`)).toEqual({
      ok: true,
      arn: { partition, account: 'aws', path: '/', name: 'PowerUserAccess' },
    });
  });

  it.each([
    ['the root path', `arn:aws:iam::${ACCOUNT}:policy/B`, '/', 'B'],
    ['a nested path', `arn:aws:iam::${ACCOUNT}:policy/a/b/B`, '/a/b/', 'B'],
    [
      'an AWS-managed path',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      '/service-role/',
      'AWSLambdaBasicExecutionRole',
    ],
    ['a name of 1 character', `arn:aws:iam::${ACCOUNT}:policy/x`, '/', 'x'],
    ['a name of 128 characters', `arn:aws:iam::${ACCOUNT}:policy/${name128}`, '/', name128],
    ['every name character', `arn:aws:iam::${ACCOUNT}:policy/Az09+=,.@_-`, '/', 'Az09+=,.@_-'],
    ['a path of exactly 512 characters', `arn:aws:iam::${ACCOUNT}:policy${path512}B`, path512, 'B'],
    ['a path with printable punctuation', `arn:aws:iam::${ACCOUNT}:policy/org!~#/B`, '/org!~#/', 'B'],
  ])('accepts %s', (_what, value, path, name) => {
    const parsed = parsePolicyArn(value);
    expect(parsed).toEqual({ ok: true, arn: expect.objectContaining({ path, name }) as unknown });
  });

  it('treats ":" in a path like the other printable characters it accepts there', () => {
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/a!b/B').ok).toBe(true);
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/a:b/B').ok).toBe(true);
  });
});

describe('parsePolicyArn refuses what is not a boundary ARN, saying why', () => {
  it.each([
    ['the empty string', '', /empty/],
    ['a leading space (not trimmed)', ` arn:aws:iam::${ACCOUNT}:policy/B`, /white space/],
    ['a trailing newline (not trimmed)', `arn:aws:iam::${ACCOUNT}:policy/B\n`, /white space/],
    ['a trailing tab (not trimmed)', `arn:aws:iam::${ACCOUNT}:policy/B\t`, /white space/],
    ['an unknown partition', `arn:aws-mars:iam::${ACCOUNT}:policy/B`, /"aws-mars" is not an AWS partition/],
    ['another service', `arn:aws:s3::${ACCOUNT}:policy/B`, /service "s3"/],
    ['a region', `arn:aws:iam:us-east-1:${ACCOUNT}:policy/B`, /no region.*us-east-1/],
    ['an 11-digit account', 'arn:aws:iam::12345678901:policy/B', /account "12345678901"/],
    ['a 13-digit account', 'arn:aws:iam::1234567890123:policy/B', /account "1234567890123"/],
    ['an account with letters', 'arn:aws:iam::12345678901a:policy/B', /account "12345678901a"/],
    ['an account "AWS" in capitals', 'arn:aws:iam::AWS:policy/B', /account "AWS"/],
    ['a role instead of a policy', `arn:aws:iam::${ACCOUNT}:role/B`, /"role\/B" is not a managed policy/],
    ['a policy without a name', `arn:aws:iam::${ACCOUNT}:policy/`, /policy name ""/],
    ['a name of 129 characters', `arn:aws:iam::${ACCOUNT}:policy/${name128}x`, /1 to 128 characters/],
    ['a name with a space', `arn:aws:iam::${ACCOUNT}:policy/My Boundary`, /policy name "My Boundary"/],
    ['a name with a character IAM forbids', `arn:aws:iam::${ACCOUNT}:policy/Bound#ary`, /policy name "Bound#ary"/],
    ['a path of 513 characters', `arn:aws:iam::${ACCOUNT}:policy/${'p'.repeat(511)}/B`, /path .* at most 512/],
    ['a path with an empty segment at the start', `arn:aws:iam::${ACCOUNT}:policy//B`, /path "\/\/"/],
    ['a path with a space', `arn:aws:iam::${ACCOUNT}:policy/my org/B`, /path "\/my org\/"/],
    ['a path with a non-ASCII character', `arn:aws:iam::${ACCOUNT}:policy/ünïcode/B`, /path/],
    ['an ARN of more than 2048 characters', `arn:aws:iam::${ACCOUNT}:policy/${'a/'.repeat(1010)}B`, /2048/],
    ['too few parts', `arn:aws:iam:${ACCOUNT}:policy/B`, /not an ARN of the form/],
    ['not starting with arn', `urn:aws:iam::${ACCOUNT}:policy/B`, /not an ARN of the form/],
    ['just a policy name', 'AmplifyBoundary', /not an ARN of the form/],
  ])('refuses %s', (_what, value, problem) => {
    const parsed = parsePolicyArn(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toMatch(problem);
  });

  it('explains the expected form when the text is not an ARN at all', () => {
    const parsed = parsePolicyArn('not-an-arn');
    expect(parsed).toEqual({ ok: false, problem: expect.stringContaining(EXPECTED_FORM) as unknown });
  });

  it('measures the whole-ARN limit on the text as given', () => {
    const longest = `arn:aws:iam::${ACCOUNT}:policy/${'a/'.repeat(1010)}B`;
    expect(longest.length).toBeGreaterThan(2048);
    const parsed = parsePolicyArn(longest);
    expect(parsed.ok ? '' : parsed.problem).toContain(`${longest.length} characters`);
  });
});

describe('formatPolicyArn and isAwsManaged', () => {
  it('writes a parsed ARN back as it was', () => {
    const value = `arn:aws-us-gov:iam::${ACCOUNT}:policy/org/team/Boundary`;
    const parsed = parsePolicyArn(value);
    expect(parsed.ok && formatPolicyArn(parsed.arn)).toBe(value);
  });

  it('tells AWS-managed policies from customer-managed ones', () => {
    expect(isAwsManaged({ partition: 'aws', account: 'aws', path: '/', name: 'X' })).toBe(true);
    expect(isAwsManaged({ partition: 'aws', account: ACCOUNT, path: '/', name: 'X' })).toBe(false);
  });
});
