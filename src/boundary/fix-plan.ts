import type { EnvVerification, RoleCheck } from './verify-report';

/** A role `--fix` leaves as it is, and why. */
export type LeftRole = { role: string; reason: string };

/** What `verify --fix` would do to one env: the roles it puts the boundary on, the ones it leaves, or why it cannot act. */
export type RepairPlan = { env: string; boundary: string; repair: string[]; leave: LeftRole[]; blocked?: string };

const leaveReason = (role: RoleCheck): string | undefined => {
  switch (role.cause) {
    case 'compute-role':
      return 'not in the env’s stacks';
    case 'not-found':
      return 'deleted outside CloudFormation';
    case 'template-sets-other':
      // Replacing one boundary with another may widen what the role can do.
      return 'its template sets its own boundary';
    case 'changed-outside':
      return undefined;
    case 'not-pushed':
    case 'template-lacks':
    case 'unknown':
    case undefined:
      return role.actual === null ? undefined : 'it carries another boundary that its template gave it';
  }
};

/**
 * Which roles of the env's own stacks get the env's boundary: those that carry none, and those whose boundary was
 * changed outside CloudFormation. Nothing happens when the env has no boundary on purpose (this plugin never
 * removes or weakens one) or when its policy does not exist.
 */
export const planRepairs = (verification: EnvVerification): RepairPlan => {
  const plan: RepairPlan = { env: verification.env, boundary: verification.expected, repair: [], leave: [] };
  const off = verification.roles.filter((role) => role.status !== 'ok');
  if (off.length === 0) return plan;
  if (verification.expected === '') {
    return {
      ...plan,
      blocked:
        verification.configured === false
          ? `no boundary is configured for the env; set one first with \`amplify boundary set --env ${verification.env} --policy-name <name>\` or \`--permissions-boundary <arn>\``
          : 'the env has no boundary on purpose (""); nothing is put on or taken off its roles',
    };
  }
  if (verification.policyExists === false) {
    return {
      ...plan,
      blocked: `the boundary policy ${verification.expected} does not exist; create it, or choose another with \`amplify boundary set --env ${verification.env}\``,
    };
  }
  for (const role of off) {
    const reason = leaveReason(role);
    if (reason) plan.leave.push({ role: role.role, reason });
    else plan.repair.push(role.role);
  }
  return plan;
};

/** The plan in lines a person reads before saying yes. */
export const describePlan = (plan: RepairPlan): string[] => {
  if (plan.blocked) return [`Env "${plan.env}": nothing will be repaired: ${plan.blocked}.`];
  if (plan.repair.length === 0 && plan.leave.length === 0) return [`Env "${plan.env}": every role is ok.`];
  return [
    ...(plan.repair.length > 0
      ? [`Env "${plan.env}": put permissions boundary ${plan.boundary} on ${plan.repair.length} role(s):`]
      : [`Env "${plan.env}": no role can be repaired here.`]),
    ...plan.repair.map((role) => `  + ${role}`),
    ...plan.leave.map(({ role, reason }) => `  = ${role} left as it is: ${reason}`),
  ];
};
