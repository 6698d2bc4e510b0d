import { createHash } from 'node:crypto';

const MAX_ROLE_NAME = 64;

/** Characters IAM allows in a role name; anything else becomes '-'. */
const sanitize = (name: string): string => name.replace(/[^A-Za-z0-9+=,.@_-]/gu, '-');

/**
 * A role name IAM accepts: unknown characters become '-', and a name over 64 characters is cut and ends with
 * '-' and 8 hex characters of the SHA-256 of the full (sanitised) name, so distinct long names stay distinct.
 */
export const roleNameFrom = (wanted: string): string => {
  const name = sanitize(wanted);
  if (name.length <= MAX_ROLE_NAME) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_ROLE_NAME - 9)}-${hash}`;
};

/** The default name of a compute role: `amplify-<appId>-<branch>-compute`, or `amplify-<appId>-app-compute`. */
export const defaultRoleName = (appId: string, target: { branch: string } | { app: true }): string =>
  roleNameFrom(`amplify-${appId}-${'branch' in target ? target.branch : 'app'}-compute`);
