import { createHash } from 'node:crypto';
import type { RoleInfo } from './role-info';
import { mayChange, ownershipOf, type RoleOwner } from './ownership';

const MAX_ROLE_NAME = 64;
const sha8 = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 8);

/** A wanted role name made acceptable to IAM: other characters become '-'. */
export const cleanRoleName = (name: string): string => name.replace(/[^A-Za-z0-9+=,.@_-]/gu, '-');

/**
 * A role name IAM accepts: cleaned, and when over 64 characters cut and ended with '-' and 8 hex characters
 * of the SHA-256 of the uncleaned name, so that names differing only in cleaned characters stay apart.
 */
const fitRoleName = (wanted: string): string => {
  const name = cleanRoleName(wanted);
  return name.length <= MAX_ROLE_NAME ? name : `${name.slice(0, MAX_ROLE_NAME - 9)}-${sha8(wanted)}`;
};

/**
 * The names a compute role for this owner may have, in order of preference: `amplify-<appId>-<branch>-compute`
 * (`amplify-<appId>-compute` for the app default), then the same with `-<8 hex of SHA-256 of appId/branch/env>`
 * before `-compute`, for when another target already holds the first.
 */
export const roleNameCandidates = (owner: RoleOwner): [string, string] => {
  const branch = owner.hosting.kind === 'app' ? '' : owner.hosting.branch;
  const stem = owner.hosting.kind === 'app' ? `amplify-${owner.appId}` : `amplify-${owner.appId}-${branch}`;
  const hash = sha8(`${owner.appId}/${branch}/${owner.env}`);
  return [fitRoleName(`${stem}-compute`), fitRoleName(`${stem}-${hash}-compute`)];
};

/** The role name chosen, with the role that already has it (this owner's), or why no name is free. */
export type NameChoice = { ok: true; name: string; existing?: RoleInfo } | { ok: false; problem: string };

/**
 * Picks the first candidate name that no role has, or whose role is this owner's. `holders` are the roles IAM
 * returned for each candidate (IAM compares role names ignoring case, so a holder may be spelled otherwise).
 */
export const pickRoleName = (
  candidates: readonly string[],
  holders: ReadonlyArray<RoleInfo | undefined>,
  owner: RoleOwner,
): NameChoice => {
  for (const [index, name] of candidates.entries()) {
    const holder = holders[index];
    if (!holder) return { ok: true, name };
    if (mayChange(ownershipOf(holder.tags, owner))) return { ok: true, name: holder.name, existing: holder };
  }
  return {
    ok: false,
    problem: `Every name the plugin would give this role is taken by another role (${candidates.join(', ')}).`,
  };
};
