import { describeTarget } from './hosting-target';
import { describeOwnerTags, mayChange, ownershipOf, type RoleOwner } from './ownership';
import { isAdministratorAccess } from './policy-arns';
import { planRole, type RoleStep } from './plan';
import type { RoleInfo } from './role-info';
import { grantsEverything, reviewTrust, trustsAmplify } from './trust';
import { planRedeploy, type Redeploy } from './redeploy';

/** The role `attach` ends up with: one to use as it is, or one it creates or brings to the wanted policies. */
export type RoleAction =
  | { kind: 'use'; name: string; arn: string }
  | { kind: 'create'; name: string; steps: RoleStep[] }
  | { kind: 'converge'; name: string; arn: string; steps: RoleStep[] };

/** Everything `attach` will do, as data: printed as the plan, then applied. */
export type AttachPlan = {
  owner: RoleOwner;
  role: RoleAction;
  /** Whether the target's compute role changes (false when it already is this role). */
  setsRole: boolean;
  currentRoleArn?: string;
  redeploy: Redeploy;
  warnings: string[];
};

/** A refusal: what is wrong and the flag that fixes it; nothing was changed. */
export type Refusal = { refused: { message: string; resolution: string } };

/** What `attach` read, and what the user asked for. */
export type AttachFacts = {
  owner: RoleOwner;
  boundary: string;
  currentRoleArn?: string;
  /** The app's repository (empty or absent for an app deployed by hand). */
  repository?: string;
  /** Branches that run with the app default (for `--app --redeploy`). */
  branchesOnAppDefault: string[];
  redeploy: boolean;
  /** Branches of the target whose role is set but not yet deployed (read for `--redeploy` only). */
  pendingBranches?: string[];
  request:
    | { kind: 'existing'; role: RoleInfo }
    | {
        kind: 'create';
        name: string;
        /** The role that already has the name, if any. */
        holder?: RoleInfo;
        /** The name came from `--role-name` (so a refusal names that flag). */
        named: boolean;
        policyArns: string[];
        inlineDocument?: string;
      };
};

const everythingWarning = (what: string): string =>
  `${what} allows "Action": "*" on "Resource": "*": the SSR app could do anything in this account.`;

const existingRolePlan = (facts: AttachFacts, role: RoleInfo): AttachPlan | Refusal => {
  const trust = reviewTrust(role.trustPolicy);
  if (trust.refused) {
    return {
      refused: {
        message: `Role ${role.arn} is not used: ${trust.refused}, so anyone in any account could act as the SSR app. Nothing was changed.`,
        resolution: `Limit its trust policy to {"Service":"amplify.amazonaws.com"}, or run \`amplify compute-role attach\` without --role-arn to create a role.`,
      },
    };
  }
  if (!trustsAmplify(role.trustPolicy)) {
    return {
      refused: {
        message: `Role ${role.arn} does not let amplify.amazonaws.com assume it (its trust policy has no Allow of sts:AssumeRole for that service); nothing was changed.`,
        resolution: `Add {"Effect":"Allow","Principal":{"Service":"amplify.amazonaws.com"},"Action":"sts:AssumeRole"} to its trust policy, or run \`amplify compute-role attach\` without --role-arn to create a role.`,
      },
    };
  }
  const warnings = [
    ...(trust.others.length > 0
      ? [`Role ${role.arn} also trusts ${trust.others.join(', ')}: they can act as the SSR app too.`]
      : []),
    ...(facts.boundary && role.boundary !== facts.boundary
      ? [
          `Role ${role.arn} does not carry the env's permissions boundary ${facts.boundary} (it has ${role.boundary ?? 'none'}); the plugin never changes a role it did not create.`,
        ]
      : []),
    ...role.managedPolicies.filter(isAdministratorAccess).map(() => everythingWarning('AdministratorAccess')),
  ];
  return finish(facts, { kind: 'use', name: role.name, arn: role.arn }, warnings);
};

const newRolePlan = (
  facts: AttachFacts,
  request: Extract<AttachFacts['request'], { kind: 'create' }>,
): AttachPlan | Refusal => {
  const { holder } = request;
  if (holder && !mayChange(ownershipOf(holder.tags, facts.owner))) {
    return {
      refused: {
        message: `${request.named ? `--role-name ${request.name}` : `Role name ${request.name}`} names an existing role (${holder.arn}) that is not this target's: ${describeOwnerTags(holder.tags)}. It was not changed.`,
        resolution: `Attach it as it is with --role-arn ${holder.arn}, or choose another name with --role-name.`,
      },
    };
  }
  const planned = planRole(
    {
      name: request.name,
      owner: facts.owner,
      boundary: facts.boundary,
      policyArns: request.policyArns,
      inlineDocument: request.inlineDocument,
    },
    holder,
  );
  if ('refused' in planned)
    return { refused: { message: planned.refused, resolution: 'Choose another name with --role-name.' } };
  const warnings = [
    ...(request.inlineDocument && grantsEverything(request.inlineDocument)
      ? [everythingWarning('The policy file')]
      : []),
    ...request.policyArns.filter(isAdministratorAccess).map(() => everythingWarning('AdministratorAccess')),
  ];
  const role: RoleAction = holder
    ? { kind: 'converge', name: holder.name, arn: holder.arn, steps: planned.steps }
    : { kind: 'create', name: request.name, steps: planned.steps };
  return finish(facts, role, warnings);
};

const finish = (facts: AttachFacts, role: RoleAction, warnings: string[]): AttachPlan => {
  const setsRole = role.kind === 'create' || facts.currentRoleArn !== role.arn;
  return {
    owner: facts.owner,
    role,
    setsRole,
    currentRoleArn: facts.currentRoleArn,
    redeploy: planRedeploy({
      appId: facts.owner.appId,
      hosting: facts.owner.hosting,
      changed: setsRole,
      wanted: facts.redeploy,
      repository: facts.repository,
      branchesOnAppDefault: facts.branchesOnAppDefault,
      pendingBranches: facts.pendingBranches,
    }),
    warnings,
  };
};

/** Plans `attach` from what was read: the role to use, create or converge, the target update, the redeploy. */
export const planAttach = (facts: AttachFacts): AttachPlan | Refusal =>
  facts.request.kind === 'existing' ? existingRolePlan(facts, facts.request.role) : newRolePlan(facts, facts.request);

/** Whether a plan changes nothing at all. */
export const changesNothing = (plan: AttachPlan): boolean =>
  !plan.setsRole && (plan.role.kind === 'use' || plan.role.steps.length === 0);

/** The lines of the plan as `attach` prints it (and `--dry-run` stops after). */
export const describeAttachPlan = (plan: AttachPlan, describeStep: (step: RoleStep) => string): string[] => {
  const target = describeTarget(plan.owner.appId, plan.owner.hosting);
  const steps =
    plan.role.kind === 'use' ? [`use the existing role ${plan.role.arn} as it is`] : plan.role.steps.map(describeStep);
  const attach = plan.setsRole
    ? `set the compute role of ${target} (now: ${plan.currentRoleArn ?? 'none'})`
    : `${target} already uses it`;
  const redeploy =
    plan.redeploy.kind === 'start'
      ? [
          `start a release job of ${plan.redeploy.branches.map((branch) => `branch ${branch}`).join(', ') || 'no branch'}`,
        ]
      : [];
  return [...steps, attach, ...redeploy];
};
