import { createHash } from 'node:crypto';
import type { HostingTarget } from './hosting-target';

/** Tags that mark a role as made by this plugin, and for which app, env and branch (or the app default). */
export const TAGS = {
  app: 'amplify-iam-guard:app',
  env: 'amplify-iam-guard:env',
  branch: 'amplify-iam-guard:branch',
  scope: 'amplify-iam-guard:scope',
} as const;

/** Who a compute role is for: an app, an env, and a branch of the app or its default. */
export type RoleOwner = { appId: string; env: string; hosting: HostingTarget };

// IAM tag values: letters, digits, white space and _ . : / = + - @, at most 256 characters.
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/** The branch tag's value: the name itself, or `sha256:<hex>` of it when IAM would refuse the name as a tag value. */
export const branchTagValue = (branch: string): string =>
  TAG_VALUE.test(branch) ? branch : `sha256:${createHash('sha256').update(branch).digest('hex')}`;

/** The tags a role made for this owner carries. */
export const ownerTags = (owner: RoleOwner): Record<string, string> => ({
  [TAGS.app]: owner.appId,
  [TAGS.env]: owner.env,
  ...(owner.hosting.kind === 'app' ? { [TAGS.scope]: 'app' } : { [TAGS.branch]: branchTagValue(owner.hosting.branch) }),
});

/**
 * How a role relates to an owner, by its tags alone:
 * - `this-target`: made by this plugin for exactly this app, env and branch (or app default);
 * - `older-version`: made by an earlier version (no env tag) for this app and branch — adopted and re-tagged;
 * - `other-target`: made by this plugin for another app, env or branch — never changed or deleted;
 * - `not-plugin`: not made by this plugin — never changed or deleted.
 */
export type Ownership = 'this-target' | 'older-version' | 'other-target' | 'not-plugin';

/** The ownership of a role with these tags, for this owner. */
export const ownershipOf = (tags: Readonly<Record<string, string>>, owner: RoleOwner): Ownership => {
  if (!(TAGS.app in tags)) return 'not-plugin';
  if (tags[TAGS.app] !== owner.appId) return 'other-target';
  if (TAGS.env in tags) {
    const wanted = ownerTags(owner);
    const ours = Object.keys(tags).filter((key) => key.startsWith('amplify-iam-guard:'));
    const same = ours.length === Object.keys(wanted).length && ours.every((key) => tags[key] === wanted[key]);
    return same ? 'this-target' : 'other-target';
  }
  // Earlier versions tagged app and branch only, with '*' as the branch of the app default.
  const olderBranch = owner.hosting.kind === 'app' ? '*' : owner.hosting.branch;
  return tags[TAGS.branch] === olderBranch ? 'older-version' : 'other-target';
};

/** Whether the plugin may change (converge, re-tag, delete) a role of this ownership for this owner. */
export const mayChange = (ownership: Ownership): boolean =>
  ownership === 'this-target' || ownership === 'older-version';

/** The tags of a role that say whom it was made for, in words (for refusals and warnings). */
export const describeOwnerTags = (tags: Readonly<Record<string, string>>): string => {
  if (!(TAGS.app in tags)) return 'it was not made by amplify-iam-guard';
  const where =
    tags[TAGS.scope] === 'app' || tags[TAGS.branch] === '*' ? 'the app default' : `branch ${tags[TAGS.branch] ?? '?'}`;
  const env = tags[TAGS.env] === undefined ? 'an earlier version of amplify-iam-guard' : `env "${tags[TAGS.env]}"`;
  return `amplify-iam-guard made it for ${where} of app ${tags[TAGS.app] ?? '?'} (${env})`;
};
