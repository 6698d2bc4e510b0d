import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { defaultRoleName, roleNameFrom } from '../../../src/compute-role/naming';

const IAM_ROLE_NAME = /^[A-Za-z0-9+=,.@_-]{1,64}$/;
const sha8 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

describe('defaultRoleName', () => {
  it('names a branch role amplify-<appId>-<branch>-compute', () => {
    expect(defaultRoleName('d1abcdef', { branch: 'main' })).toBe('amplify-d1abcdef-main-compute');
  });

  it('names the app default role amplify-<appId>-app-compute', () => {
    expect(defaultRoleName('d1abcdef', { app: true })).toBe('amplify-d1abcdef-app-compute');
  });

  it('turns the slash of a URL-style branch name into a dash', () => {
    expect(defaultRoleName('d1abcdef', { branch: 'feature/x' })).toBe('amplify-d1abcdef-feature-x-compute');
  });
});

describe('roleNameFrom', () => {
  it('keeps every character IAM allows in a role name', () => {
    expect(roleNameFrom('Aa0+=,.@_-z')).toBe('Aa0+=,.@_-z');
  });

  it('replaces slashes, spaces and non-ASCII letters with dashes, one per character', () => {
    expect(roleNameFrom('feature/x')).toBe('feature-x');
    expect(roleNameFrom('my branch')).toBe('my-branch');
    expect(roleNameFrom('café-ü')).toBe('caf---');
    expect(roleNameFrom('a:b*c#d')).toBe('a-b-c-d');
  });

  it('keeps a name of exactly 64 characters as it is', () => {
    const name = 'r'.repeat(64);
    expect(roleNameFrom(name)).toBe(name);
  });

  it('cuts a name over 64 characters and ends it with a dash and 8 hex characters of the SHA-256 of the full name', () => {
    const wanted = `amplify-d1abcdef-${'very-long-branch-name-'.repeat(4)}compute`;
    expect(wanted.length).toBeGreaterThan(64);
    const name = roleNameFrom(wanted);
    expect(name).toHaveLength(64);
    expect(name).toBe(`${wanted.slice(0, 55)}-${sha8(wanted)}`);
    expect(name).toMatch(/-[0-9a-f]{8}$/);
  });

  it('hashes the sanitised name when a long name has characters IAM does not allow', () => {
    const wanted = `amplify-d1abcdef-feature/${'x'.repeat(60)}-compute`;
    const sanitised = wanted.replace('/', '-');
    expect(roleNameFrom(wanted)).toBe(`${sanitised.slice(0, 55)}-${sha8(sanitised)}`);
  });

  it('gives different names to two long names that differ only at the end', () => {
    const stem = `amplify-d1abcdef-${'b'.repeat(70)}`;
    const first = roleNameFrom(`${stem}-one-compute`);
    const second = roleNameFrom(`${stem}-two-compute`);
    expect(first.slice(0, 55)).toBe(second.slice(0, 55));
    expect(first).not.toBe(second);
  });

  it('gives a long default role name for a long branch exactly 64 characters', () => {
    expect(defaultRoleName('d1abcdef', { branch: `release/${'2025-'.repeat(20)}` })).toHaveLength(64);
  });

  it('always returns a name IAM accepts, for any non-empty input', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }), (wanted) => {
        expect(roleNameFrom(wanted)).toMatch(IAM_ROLE_NAME);
      }),
      { numRuns: 500 },
    );
  });

  it('never changes a name IAM already accepts', () => {
    const allowed = fc.constantFrom(...'ABCXYZabcxyz0189+=,.@_-'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: allowed, minLength: 1, maxLength: 64 }), (name) => {
        expect(roleNameFrom(name)).toBe(name);
      }),
    );
  });
});
