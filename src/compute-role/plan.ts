import { COMPUTE_TRUST_POLICY } from './trust';

/** Tags that mark a role as created by this plugin (and for which app, branch and env). */
export const TAGS = {
  app: 'amplify-iam-guard:app',
  branch: 'amplify-iam-guard:branch',
  env: 'amplify-iam-guard:env',
} as const;

/** The name of the inline policy (`--policy-file`) on roles this plugin creates. */
export const INLINE_POLICY_NAME = 'amplify-iam-guard-inline';

/** What a role this plugin creates should be. */
export type RoleSpec = {
  name: string;
  boundary: string;
  policyArns: string[];
  inlineDocument?: string;
  tags: Record<string, string>;
};

/** What is known of a role that already exists. */
export type ExistingRole = {
  arn: string;
  tags: Record<string, string>;
  boundary?: string;
  managedPolicies: string[];
  inlinePolicies: string[];
  pluginInlineDocument?: string;
};

/** One change to a role. */
export type RoleStep =
  | { action: 'create-role'; name: string; trustPolicy: string; boundary: string; tags: Record<string, string> }
  | { action: 'attach-policy'; policyArn: string }
  | { action: 'detach-policy'; policyArn: string }
  | { action: 'put-inline-policy'; document: string }
  | { action: 'delete-inline-policy' }
  | { action: 'set-boundary'; boundary: string };

/** Whether this plugin created a role (its tags say so); roles it did not create are never changed or deleted. */
export const createdByPlugin = (role: { tags: Record<string, string> }): boolean => TAGS.app in role.tags;

/** JSON with object keys sorted at every level, so documents that differ only in key order compare equal. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([key, item]) => [key, canonical(item)]),
        )
      : value;

const sameJson = (a: string | undefined, b: string | undefined): boolean => {
  const normal = (text: string | undefined): string | undefined =>
    text === undefined ? undefined : JSON.stringify(canonical(JSON.parse(text)));
  try {
    return normal(a) === normal(b);
  } catch {
    return a === b;
  }
};

/** The steps that create a role, or bring a role this plugin created to the spec; `refused` for a foreign role. */
export const planRole = (
  spec: RoleSpec,
  existing: ExistingRole | undefined,
): { steps: RoleStep[] } | { refused: string } => {
  if (!existing) {
    return {
      steps: [
        {
          action: 'create-role',
          name: spec.name,
          trustPolicy: JSON.stringify(COMPUTE_TRUST_POLICY),
          boundary: spec.boundary,
          tags: spec.tags,
        },
        ...spec.policyArns.map((policyArn): RoleStep => ({ action: 'attach-policy', policyArn })),
        ...(spec.inlineDocument ? [{ action: 'put-inline-policy', document: spec.inlineDocument } as const] : []),
      ],
    };
  }
  if (!createdByPlugin(existing)) {
    return {
      refused: `A role named ${spec.name} already exists (${existing.arn}) and was not created by amplify-iam-guard.`,
    };
  }
  const steps: RoleStep[] = [
    ...spec.policyArns
      .filter((arn) => !existing.managedPolicies.includes(arn))
      .map((policyArn): RoleStep => ({ action: 'attach-policy', policyArn })),
    ...existing.managedPolicies
      .filter((arn) => !spec.policyArns.includes(arn))
      .map((policyArn): RoleStep => ({ action: 'detach-policy', policyArn })),
  ];
  if (spec.inlineDocument && !sameJson(spec.inlineDocument, existing.pluginInlineDocument)) {
    steps.push({ action: 'put-inline-policy', document: spec.inlineDocument });
  }
  if (!spec.inlineDocument && existing.inlinePolicies.includes(INLINE_POLICY_NAME))
    steps.push({ action: 'delete-inline-policy' });
  if ((existing.boundary ?? '') !== spec.boundary) steps.push({ action: 'set-boundary', boundary: spec.boundary });
  return { steps };
};

/** One line of the plan `attach` prints (and `--dry-run` stops after). */
export const describeStep = (step: RoleStep): string => {
  switch (step.action) {
    case 'create-role':
      return `create role ${step.name} trusting only amplify.amazonaws.com (sts:AssumeRole), boundary ${step.boundary || 'none'}, tags ${Object.entries(
        step.tags,
      )
        .map(([key, value]) => `${key}=${value}`)
        .join(', ')}`;
    case 'attach-policy':
      return `attach managed policy ${step.policyArn}`;
    case 'detach-policy':
      return `detach managed policy ${step.policyArn}`;
    case 'put-inline-policy':
      return `put inline policy ${INLINE_POLICY_NAME} from the policy file`;
    case 'delete-inline-policy':
      return `delete inline policy ${INLINE_POLICY_NAME}`;
    case 'set-boundary':
      return step.boundary ? `set permissions boundary ${step.boundary}` : 'remove the permissions boundary';
  }
};
