import fc from 'fast-check';
import { formatPolicyArn, parsePolicyArn, type PolicyArn } from '../../../src/boundary/arn';
import { PARTITIONS, type Partition } from '../../../src/boundary/partition';

// IAM's rules for a policy ARN, written again here independently of src/boundary/arn.ts.
const POLICY_NAME = /^[A-Za-z0-9+=,.@_-]{1,128}$/;
const SEGMENT_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,+@=_-';

const printableAscii = (text: string): boolean => [...text].every((char) => char >= '!' && char <= '~');

/** Every rule of a policy ARN that a parsed ARN breaks (empty: none). */
const ruleViolations = (input: string, arn: PolicyArn): string[] => {
  const problems: string[] = [];
  if (!(PARTITIONS as readonly string[]).includes(arn.partition)) problems.push('partition');
  if (!(arn.account === 'aws' || /^[0-9]{12}$/.test(arn.account))) problems.push('account');
  if (!POLICY_NAME.test(arn.name)) problems.push('name');
  if (!arn.path.startsWith('/') || !arn.path.endsWith('/')) problems.push('path slashes');
  if (!printableAscii(arn.path)) problems.push('path characters');
  if (arn.path.length > 512) problems.push('path length');
  if (input.length > 2048) problems.push('arn length');
  if (input.trim() !== input) problems.push('white space');
  return problems;
};

const pick = (values: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...values);

const partition = fc.constantFrom<Partition>(...PARTITIONS);
const account = fc.oneof(fc.stringMatching(/^[0-9]{12}$/), fc.constant('aws'));
const segment = fc.string({ unit: pick([...SEGMENT_CHARS]), minLength: 1, maxLength: 12 });
const path = fc.array(segment, { maxLength: 6 }).map((segments) => (segments.length ? `/${segments.join('/')}/` : '/'));
const name = fc.string({
  unit: pick([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=,.@_-']),
  minLength: 1,
  maxLength: 128,
});
const validParts = fc.record({ partition, account, path, name });

// Fragments that make strings close to ARNs, so the parser's later checks are reached, not just the first.
const fragment = fc.oneof(
  pick([
    'arn',
    'iam',
    'aws',
    'policy',
    'role',
    'policy/',
    ':',
    '::',
    '/',
    '//',
    ' ',
    '\t',
    '\n',
    '',
    's3',
    'us-east-1',
  ]),
  pick(PARTITIONS),
  fc.stringMatching(/^[0-9]{10,13}$/),
  segment,
  fc.string({ maxLength: 4 }),
  fc.string({ unit: 'grapheme', maxLength: 3 }),
);
const arnLike = fc.oneof(
  fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')),
  fc
    .tuple(fragment, fragment, fragment, fragment, fc.array(fragment, { maxLength: 5 }))
    .map(([p, s, r, a, rest]) => `arn:${p}:${s}:${r}:${a}:${rest.join('')}`),
  fc
    .tuple(partition, account, fc.array(fragment, { maxLength: 6 }))
    .map(([p, a, rest]) => `arn:${p}:iam::${a}:policy${rest.join('')}`),
  // A valid ARN with something added before, inside (the path) or after it.
  fc.tuple(validParts, fragment).map(([parts, extra]) => `${formatPolicyArn(parts)}${extra}`),
  fc.tuple(validParts, fragment).map(([parts, extra]) => `${extra}${formatPolicyArn(parts)}`),
  fc.tuple(validParts, fragment).map(([parts, extra]) => formatPolicyArn({ ...parts, path: `${parts.path}${extra}/` })),
);

const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'binary-ascii', maxLength: 3000 }),
  arnLike,
);

describe('parsePolicyArn (property-based)', () => {
  it('is fed inputs that reach both outcomes (the properties below are not vacuous)', () => {
    const outcomes = fc.sample(anyString, { numRuns: 3000, seed: 42 }).map((input) => parsePolicyArn(input).ok);
    expect(outcomes.filter(Boolean).length).toBeGreaterThan(50);
    expect(outcomes.filter((ok) => !ok).length).toBeGreaterThan(50);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const result = parsePolicyArn(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('returns ok only for ARNs that satisfy every rule of a policy ARN, and they format back to the input', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const result = parsePolicyArn(input);
        if (!result.ok) {
          expect(result.problem.length).toBeGreaterThan(0);
          return;
        }
        expect(ruleViolations(input, result.arn)).toEqual([]);
        expect(formatPolicyArn(result.arn)).toBe(input);
      }),
      { numRuns: 3000 },
    );
  });

  it('parses every ARN built from valid parts back into the same parts', () => {
    fc.assert(
      fc.property(validParts, (parts) => {
        const text = `arn:${parts.partition}:iam::${parts.account}:policy${parts.path}${parts.name}`;
        expect(parsePolicyArn(text)).toEqual({ ok: true, arn: parts });
        expect(formatPolicyArn(parts)).toBe(text);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a valid ARN once white space surrounds it', () => {
    fc.assert(
      fc.property(validParts, pick([' ', '\t', '\n', '\r\n', '\u00a0']), fc.boolean(), (parts, space, before) => {
        const text = formatPolicyArn(parts);
        expect(parsePolicyArn(before ? `${space}${text}` : `${text}${space}`).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
