import { createHash } from 'node:crypto';
import { branchTagValue, ownerTags, ownershipOf, TAGS, type RoleOwner } from '../../../src/compute-role/ownership';

const APP = 'd1abcdef';
const branch = (name: string, env = 'dev'): RoleOwner => ({
  appId: APP,
  env,
  hosting: { kind: 'branch', branch: name },
});
const appDefault: RoleOwner = { appId: APP, env: 'dev', hosting: { kind: 'app' } };

describe('ownerTags', () => {
  it('tags a branch role with app, env and branch', () => {
    expect(ownerTags(branch('feature/x'))).toEqual({ [TAGS.app]: APP, [TAGS.env]: 'dev', [TAGS.branch]: 'feature/x' });
  });

  it('tags the app default with scope app instead of a branch', () => {
    expect(ownerTags(appDefault)).toEqual({ [TAGS.app]: APP, [TAGS.env]: 'dev', [TAGS.scope]: 'app' });
  });
});

describe('branchTagValue', () => {
  it('keeps names IAM tag values allow, unicode letters and spaces included', () => {
    expect(branchTagValue('feature/x_1.2:a=b+c-d@e')).toBe('feature/x_1.2:a=b+c-d@e');
    expect(branchTagValue('café ü')).toBe('café ü');
  });

  it('stores sha256:<hex> for a name with a character IAM refuses in tag values', () => {
    for (const name of ['feat*x', 'a,b', 'x#1', 'q!']) {
      expect(branchTagValue(name)).toBe(`sha256:${createHash('sha256').update(name).digest('hex')}`);
    }
  });

  it('stores sha256:<hex> for a name over 256 characters', () => {
    expect(branchTagValue('b'.repeat(257))).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('ownershipOf', () => {
  it('knows a role made for this very target', () => {
    expect(ownershipOf(ownerTags(branch('main')), branch('main'))).toBe('this-target');
    expect(ownershipOf(ownerTags(appDefault), appDefault)).toBe('this-target');
  });

  it('tells feature/x and feature-x apart', () => {
    expect(ownershipOf(ownerTags(branch('feature/x')), branch('feature-x'))).toBe('other-target');
  });

  it('tells Feature-X and feature-x apart', () => {
    expect(ownershipOf(ownerTags(branch('Feature-X')), branch('feature-x'))).toBe('other-target');
  });

  it('tells a branch named app from the app default', () => {
    expect(ownershipOf(ownerTags(branch('app')), appDefault)).toBe('other-target');
    expect(ownershipOf(ownerTags(appDefault), branch('app'))).toBe('other-target');
  });

  it('tells envs and apps apart', () => {
    expect(ownershipOf(ownerTags(branch('main', 'prod')), branch('main', 'dev'))).toBe('other-target');
    expect(ownershipOf({ ...ownerTags(branch('main')), [TAGS.app]: 'd2other' }, branch('main'))).toBe('other-target');
  });

  it('adopts a role of an earlier version (no env tag) only when app and branch match', () => {
    expect(ownershipOf({ [TAGS.app]: APP, [TAGS.branch]: 'main' }, branch('main'))).toBe('older-version');
    expect(ownershipOf({ [TAGS.app]: APP, [TAGS.branch]: '*' }, appDefault)).toBe('older-version');
    expect(ownershipOf({ [TAGS.app]: APP, [TAGS.branch]: 'feature/x' }, branch('feature-x'))).toBe('other-target');
  });

  it('never counts a role without the plugin’s tags as its own', () => {
    expect(ownershipOf({}, branch('main'))).toBe('not-plugin');
    expect(ownershipOf({ team: 'web' }, branch('main'))).toBe('not-plugin');
  });
});
