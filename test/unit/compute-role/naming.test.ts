import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { cleanRoleName, pickRoleName, roleNameCandidates } from '../../../src/compute-role/naming';
import { ownerTags, type RoleOwner } from '../../../src/compute-role/ownership';
import type { RoleInfo } from '../../../src/compute-role/role-info';

const IAM_ROLE_NAME = /^[A-Za-z0-9+=,.@_-]{1,64}$/;
const sha8 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);
const APP = 'd1abcdef';
const branch = (name: string, env = 'dev'): RoleOwner => ({
  appId: APP,
  env,
  hosting: { kind: 'branch', branch: name },
});
const appDefault = (env = 'dev'): RoleOwner => ({ appId: APP, env, hosting: { kind: 'app' } });
const role = (name: string, tags: Record<string, string>): RoleInfo => ({
  arn: `arn:aws:iam::123456789012:role/${name}`,
  name,
  trustPolicy: {},
  tags,
  managedPolicies: [],
  inlinePolicies: [],
});
/** The name picked when IAM holds the given roles (looked up ignoring case, as IAM does). */
const picked = (owner: RoleOwner, roles: RoleInfo[]) => {
  const candidates = roleNameCandidates(owner);
  const holders = candidates.map((name) => roles.find((held) => held.name.toLowerCase() === name.toLowerCase()));
  return pickRoleName(candidates, holders, owner);
};

describe('roleNameCandidates', () => {
  it('names a branch role amplify-<appId>-<branch>-compute, then with the hash of appId/branch/env', () => {
    expect(roleNameCandidates(branch('main'))).toEqual([
      'amplify-d1abcdef-main-compute',
      `amplify-d1abcdef-main-${sha8('d1abcdef/main/dev')}-compute`,
    ]);
  });

  it('names the app default role amplify-<appId>-compute, apart from a branch named app', () => {
    const [appName] = roleNameCandidates(appDefault());
    const [branchApp] = roleNameCandidates(branch('app'));
    expect(appName).toBe('amplify-d1abcdef-compute');
    expect(branchApp).toBe('amplify-d1abcdef-app-compute');
  });

  it('turns the slash of feature/x into a dash, so feature/x and feature-x want the same first name', () => {
    expect(roleNameCandidates(branch('feature/x'))[0]).toBe(roleNameCandidates(branch('feature-x'))[0]);
    expect(roleNameCandidates(branch('feature/x'))[1]).not.toBe(roleNameCandidates(branch('feature-x'))[1]);
  });

  it('cuts a long name to 64 characters ending in 8 hex of the SHA-256 of the uncleaned name', () => {
    const long = `feature/${'x'.repeat(60)}`;
    const [name] = roleNameCandidates(branch(long));
    const wanted = `amplify-d1abcdef-${long}-compute`;
    expect(name).toHaveLength(64);
    expect(name).toBe(`${cleanRoleName(wanted).slice(0, 55)}-${sha8(wanted)}`);
  });

  it('gives long names that differ only in a cleaned character different names', () => {
    const tail = 'y'.repeat(60);
    expect(roleNameCandidates(branch(`feature/${tail}`))[0]).not.toBe(roleNameCandidates(branch(`feature-${tail}`))[0]);
  });

  it('always gives names IAM accepts, for any branch name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }), (name) => {
        for (const candidate of roleNameCandidates(branch(name))) expect(candidate).toMatch(IAM_ROLE_NAME);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pickRoleName', () => {
  it('uses the plain name when no role has it', () => {
    expect(picked(branch('main'), [])).toEqual({ ok: true, name: 'amplify-d1abcdef-main-compute' });
  });

  it('reuses the plain name when the role holding it is this target’s', () => {
    const own = role('amplify-d1abcdef-main-compute', ownerTags(branch('main')));
    expect(picked(branch('main'), [own])).toEqual({ ok: true, name: own.name, existing: own });
  });

  it('gives feature-x the hashed name when feature/x holds the plain one', () => {
    const slash = role('amplify-d1abcdef-feature-x-compute', ownerTags(branch('feature/x')));
    expect(picked(branch('feature-x'), [slash])).toEqual({
      ok: true,
      name: `amplify-d1abcdef-feature-x-${sha8('d1abcdef/feature-x/dev')}-compute`,
    });
  });

  it('gives feature-x the hashed name when Feature-X holds the plain one in another case', () => {
    const upper = role('amplify-d1abcdef-Feature-X-compute', ownerTags(branch('Feature-X')));
    const choice = picked(branch('feature-x'), [upper]);
    expect(choice.ok && choice.name).toBe(`amplify-d1abcdef-feature-x-${sha8('d1abcdef/feature-x/dev')}-compute`);
  });

  it('gives the same branch of another env the hashed name', () => {
    const dev = role('amplify-d1abcdef-main-compute', ownerTags(branch('main', 'dev')));
    const choice = picked(branch('main', 'prod'), [dev]);
    expect(choice.ok && choice.name).toBe(`amplify-d1abcdef-main-${sha8('d1abcdef/main/prod')}-compute`);
  });

  it('steps over a role the plugin did not make', () => {
    const foreign = role('amplify-d1abcdef-main-compute', {});
    const choice = picked(branch('main'), [foreign]);
    expect(choice.ok && choice.name).toMatch(/-[0-9a-f]{8}-compute$/);
  });

  it('finds no name when both are held by other targets', () => {
    const [plain, hashed] = roleNameCandidates(branch('main'));
    expect(picked(branch('main'), [role(plain, {}), role(hashed, {})]).ok).toBe(false);
  });
});

describe('cleanRoleName and characters outside the BMP', () => {
  it('turns one emoji into one dash', () => {
    expect(cleanRoleName('shop-🚀-main')).toBe('shop---main');
  });
});
