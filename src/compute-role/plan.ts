import { isObject } from '../util/is-object';
import { describeOwnerTags, mayChange, ownerTags, ownershipOf, type RoleOwner } from './ownership';
import type { RoleInfo } from './role-info';
import { COMPUTE_TRUST_POLICY } from './trust';

/** The name of the inline policy (`--policy-file`) on roles this plugin creates. */
export const INLINE_POLICY_NAME = 'amplify-iam-guard-inline';

/** What a role this plugin creates should be, and for whom. */
export type RoleSpec = {
  name: string;
  owner: RoleOwner;
  boundary: string;
  policyArns: string[];
  inlineDocument?: string;
};

/** One change to a role. */
export type RoleStep =
  | { action: 'create-role'; name: string; trustPolicy: string; boundary: string; tags: Record<string, string> }
  | { action: 'attach-policy'; policyArn: string }
  | { action: 'detach-policy'; policyArn: string }
  | { action: 'put-inline-policy'; document: string }
  | { action: 'delete-inline-policy' }
  | { action: 'set-boundary'; boundary: string }
  | { action: 'tag-role'; tags: Record<string, string> };

/** JSON with object keys sorted at every level, so documents that differ only in key order compare equal. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : isObject(value)
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

/**
 * The steps that create a role, or bring a role this plugin made for the same owner to the spec; `refused` for
 * a role not made by the plugin or made for another app, env or branch (those are never changed).
 */
export const planRole = (
  spec: RoleSpec,
  existing: Omit<RoleInfo, 'name' | 'trustPolicy'> | undefined,
): { steps: RoleStep[] } | { refused: string } => {
  const tags = ownerTags(spec.owner);
  if (!existing) {
    return {
      steps: [
        {
          action: 'create-role',
          name: spec.name,
          trustPolicy: JSON.stringify(COMPUTE_TRUST_POLICY),
          boundary: spec.boundary,
          tags,
        },
        ...spec.policyArns.map((policyArn): RoleStep => ({ action: 'attach-policy', policyArn })),
        ...(spec.inlineDocument ? [{ action: 'put-inline-policy', document: spec.inlineDocument } as const] : []),
      ],
    };
  }
  const ownership = ownershipOf(existing.tags, spec.owner);
  if (!mayChange(ownership)) {
    return {
      refused: `A role named ${spec.name} already exists (${existing.arn}) and is not this target's: ${describeOwnerTags(existing.tags)}.`,
    };
  }
  const steps: RoleStep[] = [
    ...(ownership === 'older-version' ? [{ action: 'tag-role', tags } as const] : []),
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
    case 'tag-role':
      return `tag the role (made by an earlier version) ${Object.entries(step.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ')}`;
  }
};
