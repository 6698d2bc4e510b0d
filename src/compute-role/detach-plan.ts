import { describeTarget, type HostingTarget } from './hosting-target';
import { describeOwnerTags, mayChange, ownershipOf, type RoleOwner } from './ownership';
import { planRedeploy, type Redeploy } from './redeploy';
import type { RoleInfo } from './role-info';
import type { Refusal } from './attach-plan';

/** What `detach` read, and what the user asked for. */
export type DetachFacts = {
  owner: RoleOwner;
  /** The role set on the target now. */
  currentRoleArn?: string;
  /** iam-guard.json records a compute role of this env for this target. */
  recordedHere: boolean;
  recordedRoleArn?: string;
  appDefaultRoleArn?: string;
  branches: ReadonlyArray<{ branchName: string; computeRoleArn?: string }>;
  repository?: string;
  redeploy: boolean;
  /** Branches of the target whose role is set but not yet deployed (read for `--redeploy` only). */
  pendingBranches?: string[];
  /** `--delete-role`, with the role as IAM has it (undefined when it no longer exists). */
  deleteRole?: { roleArn: string; role?: RoleInfo };
};

/** Everything `detach` will do, as data; every check behind it ran before anything changes. */
export type DetachPlan = {
  unsetRoleArn?: string;
  forgetRecord: boolean;
  deleteRoleName?: string;
  redeploy: Redeploy;
  notes: string[];
};

const usersOf = (facts: DetachFacts, roleArn: string): string[] => {
  const target: HostingTarget = facts.owner.hosting;
  return [
    ...(target.kind !== 'app' && facts.appDefaultRoleArn === roleArn ? ['the app default'] : []),
    ...facts.branches
      .filter(
        (branch) =>
          branch.computeRoleArn === roleArn && !(target.kind === 'branch' && branch.branchName === target.branch),
      )
      .map((branch) => `branch ${branch.branchName}`),
  ];
};

/** Plans `detach`: a refused `--delete-role` refuses the whole command, so nothing is half done. */
export const planDetach = (facts: DetachFacts): DetachPlan | Refusal => {
  const notes: string[] = [];
  let deleteRoleName: string | undefined;
  if (facts.deleteRole) {
    const { roleArn, role } = facts.deleteRole;
    if (!role) {
      notes.push(`Role ${roleArn} no longer exists; nothing to delete.`);
    } else if (!mayChange(ownershipOf(role.tags, facts.owner))) {
      return {
        refused: {
          message: `--delete-role refused: role ${roleArn} is not this target's to delete (${describeOwnerTags(role.tags)}). Nothing was changed: ${describeTarget(facts.owner.appId, facts.owner.hosting)} keeps it.`,
          resolution:
            'Run `amplify compute-role detach` without --delete-role to only remove it from the target; delete the role yourself if nothing else needs it.',
        },
      };
    } else {
      const users = usersOf(facts, role.arn);
      if (users.length > 0) {
        return {
          refused: {
            message: `--delete-role refused: role ${roleArn} is still used by ${users.join(', ')}. Nothing was changed.`,
            resolution: 'Detach it there first, or run `amplify compute-role detach` without --delete-role.',
          },
        };
      }
      deleteRoleName = role.name;
    }
  }
  return {
    unsetRoleArn: facts.currentRoleArn,
    forgetRecord: facts.recordedHere,
    deleteRoleName,
    redeploy: planRedeploy({
      appId: facts.owner.appId,
      hosting: facts.owner.hosting,
      changed: facts.currentRoleArn !== undefined,
      wanted: facts.redeploy,
      repository: facts.repository,
      branchesOnAppDefault: facts.branches
        .filter((branch) => branch.computeRoleArn === undefined)
        .map((branch) => branch.branchName),
      pendingBranches: facts.pendingBranches,
    }),
    notes,
  };
};
