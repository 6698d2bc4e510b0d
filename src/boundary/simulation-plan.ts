import { FUNCTION_SECRETS, resourceTypeOf, type ArnForm, type ArnPlace, type ResourceType } from './resource-types';

/** A role whose policies IAM's simulator evaluates. */
export type Principal = { role: string; arn: string };

/** A resource of the other env's stacks, as the stack listing gives it. */
export type ListedResource = { logicalId: string; type: string; physicalId: string; stack: string };

/** A resource `simulate` checks, named once by its own ARN (also its JSON shape). */
export type CheckedResource = { arn: string; type: string; stack: string | null; logicalId: string | null };

/** A resource of a type `simulate` does not check (also its JSON shape). */
export type UncheckedResource = { logicalId: string; type: string; stack: string };

/** One `SimulatePrincipalPolicy` question: these actions on these resources, for one role. */
export type SimulationRequest = { role: string; roleArn: string; actions: readonly string[]; resources: string[] };

/** What `simulate` asks, and what it needs to report the answers. */
export type SimulationPlan = {
  resources: CheckedResource[];
  notChecked: UncheckedResource[];
  requests: SimulationRequest[];
  /** Every ARN simulated → every ARN form of its resource, so a suggested Deny covers the whole resource. */
  formsOf: Record<string, string[]>;
};

// Nested stacks are walked into, so their contents are what is checked, not the stacks themselves.
const CONTAINER_TYPE = 'AWS::CloudFormation::Stack';

type Group = { form: ArnForm; arns: string[] };

const addResource = (
  plan: SimulationPlan,
  groups: Map<ArnForm, Group>,
  row: ResourceType,
  physicalId: string,
  place: ArnPlace,
  where: { stack: string | null; logicalId: string | null },
): void => {
  const arns = row.forms.map((form) => form.arn(physicalId, place));
  plan.resources.push({ arn: arns[0], type: row.type, ...where });
  row.forms.forEach((form, index) => {
    const group = groups.get(form) ?? { form, arns: [] };
    group.arns.push(arns[index]);
    groups.set(form, group);
    plan.formsOf[arns[index]] = arns;
  });
};

/**
 * The questions of `simulate --against`: for each role, one request per ARN form of each resource type present
 * (that form's actions on every resource of the type), plus the other env's function secrets when the project
 * has an Amplify app id.
 */
export const planAgainst = (input: {
  principals: readonly Principal[];
  resources: readonly ListedResource[];
  place: ArnPlace;
  secrets?: { appId: string; env: string };
}): SimulationPlan => {
  const plan: SimulationPlan = { resources: [], notChecked: [], requests: [], formsOf: {} };
  const groups = new Map<ArnForm, Group>();
  for (const resource of input.resources) {
    if (resource.type === CONTAINER_TYPE) continue;
    const row = resourceTypeOf(resource.type);
    if (!row) {
      plan.notChecked.push({ logicalId: resource.logicalId, type: resource.type, stack: resource.stack });
      continue;
    }
    addResource(plan, groups, row, resource.physicalId, input.place, {
      stack: resource.stack,
      logicalId: resource.logicalId,
    });
  }
  if (input.secrets) {
    const { appId, env } = input.secrets;
    addResource(plan, groups, FUNCTION_SECRETS, `${appId}/${env}`, input.place, { stack: null, logicalId: null });
  }
  for (const principal of input.principals) {
    for (const { form, arns } of groups.values()) {
      plan.requests.push({ role: principal.role, roleArn: principal.arn, actions: form.actions, resources: arns });
    }
  }
  return plan;
};

/** The questions of `simulate --action … --resource …`: exactly those pairs, one request per role. */
export const planPairs = (input: {
  principals: readonly Principal[];
  actions: readonly string[];
  resources: readonly string[];
}): SimulationPlan => ({
  resources: input.resources.map((arn) => ({ arn, type: serviceOfArn(arn), stack: null, logicalId: null })),
  notChecked: [],
  requests: input.principals.map((principal) => ({
    role: principal.role,
    roleArn: principal.arn,
    actions: input.actions,
    resources: [...input.resources],
  })),
  formsOf: Object.fromEntries(input.resources.map((arn) => [arn, [arn]])),
});

/** The service an ARN belongs to (`arn:aws:dynamodb:…` → `dynamodb`), the only type known of a given ARN. */
export const serviceOfArn = (arn: string): string => arn.split(':')[2] ?? '';
