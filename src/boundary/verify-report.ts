import type { DriftCause } from './drift-cause';
import type { RoleStatus } from './role-status';

/** How a deployed role stands against the env's expected boundary (kept here for existing importers). */
export type { RoleStatus };

/** One role of `verify` (also its JSON shape); a role that is not `ok` also says why and what fixes it. */
export type RoleCheck = {
  role: string;
  stack: string;
  status: RoleStatus;
  actual: string | null;
  cause?: DriftCause;
  /** The Amplify resource (`<category>/<resource>`, or `root`) and, when the checkout has it, its template file. */
  source?: string;
  /** What the deployed template gives the role, as resolved or as written. */
  template?: string;
  /** One line: the fix that really works for this cause. */
  fix?: string;
};

/** One env of `verify` (also its JSON shape). `policyExists` is null when there is no policy or IAM would not say. */
export type EnvVerification = {
  env: string;
  expected: string;
  policyExists: boolean | null;
  roles: RoleCheck[];
  /** False when nothing configures a boundary for the env (no key, no policy name): not the same as `""`, none on purpose. */
  configured?: boolean;
  /** The AWS requests verify made for this env, by IAM action name. */
  requests?: Record<string, number>;
};

/** What GetRole said of a role: not found, or its boundary (undefined: none). */
export type DeployedRole = { role: string; stack: string; found: boolean; boundary?: string };

/** A role is `ok` when it carries exactly the expected boundary, or none when none is expected. */
export const checkRole = (expected: string, deployed: DeployedRole): RoleCheck => {
  const actual = deployed.boundary ?? null;
  const status: RoleStatus = !deployed.found
    ? 'not-found'
    : actual === (expected === '' ? null : expected)
      ? 'ok'
      : actual === null
        ? 'missing'
        : 'mismatch';
  return { role: deployed.role, stack: deployed.stack, status, actual };
};

/** Whether every role of the env is `ok`. */
export const isVerified = (verification: EnvVerification): boolean =>
  verification.roles.every((role) => role.status === 'ok');

/** One line: how many roles, and how many of each status. */
export const summarizeVerification = (verification: EnvVerification): string => {
  const statuses: RoleStatus[] = ['ok', 'missing', 'mismatch', 'not-found'];
  const parts =
    statuses
      .map((status) => [status, verification.roles.filter((role) => role.status === status).length] as const)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${count} ${status}`)
      .join(', ') || 'no roles';
  const expected =
    verification.expected !== ''
      ? verification.expected
      : verification.configured === false
        ? 'no boundary (none is configured)'
        : 'no boundary (none, on purpose)';
  const policy = verification.policyExists === false ? ' (the policy does not exist!)' : '';
  return `Env "${verification.env}": ${verification.roles.length} IAM role(s) checked against ${expected}${policy}: ${parts}.`;
};

/** A stack's name, whether CloudFormation gave its ARN (`arn:…:stack/<name>/<id>`) or its name. */
export const stackLabel = (stack: string): string =>
  /^arn:[^:]+:cloudformation:[^:]*:[^:]*:stack\/([^/]+)\//.exec(stack)?.[1] ?? stack;

/** One line per role that is not `ok`: the role, its cause and source, and its fix. */
export const driftLines = (verification: EnvVerification): string[] =>
  verification.roles
    .filter((role) => role.status !== 'ok')
    .map(
      (role) =>
        `${role.role} (${role.status}${role.cause ? `, ${role.cause}` : ''}${role.source ? `, from ${role.source}` : ''}): ${role.fix ?? 'no cause found.'}`,
    );
