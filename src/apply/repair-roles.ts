import type { RolesPort } from '../aws/ports';
import type { RepairPlan } from '../boundary/fix-plan';

/** What a repair did: the roles that got the boundary, those that did not, and the error that stopped it. */
export type RepairResult = { env: string; repaired: string[]; notRepaired: string[]; error?: unknown };

/**
 * Puts the plan's boundary on its roles (`iam:PutRolePermissionsBoundary`), one after another, and stops at the
 * first refusal so that the report can say exactly which roles were changed.
 */
export const applyRepairs = async (plan: RepairPlan, roles: Pick<RolesPort, 'setBoundary'>): Promise<RepairResult> => {
  const result: RepairResult = { env: plan.env, repaired: [], notRepaired: [] };
  if (plan.blocked) return result;
  for (const [index, role] of plan.repair.entries()) {
    try {
      await roles.setBoundary(role, plan.boundary);
      result.repaired.push(role);
    } catch (error) {
      return { ...result, notRepaired: plan.repair.slice(index), error };
    }
  }
  return result;
};
