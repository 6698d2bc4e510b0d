import { isObject } from '../util/is-object';
import type { EnvAws, StackDetails, StackResource } from '../aws/ports';
import { decideCause, fixFor, type TemplateReading } from '../boundary/drift-cause';
import { resolveTemplateBoundary, showTemplateBoundary, type IntrinsicScope } from '../boundary/intrinsics';
import { targetPartition, type EnvTarget } from '../boundary/target';
import { parseTemplateText } from '../boundary/template-text';
import { stackLabel, type EnvVerification, type RoleCheck } from '../boundary/verify-report';
import type { BackendResource, DeployedResource } from '../project/templates';
import { mapLimit } from '../util/map-limit';

/** What explaining an env's off roles needs besides its AWS ports. */
export type DriftContext = {
  aws: Pick<EnvAws, 'stacks'>;
  target: EnvTarget;
  rootStack: string;
  /** The env is the checked-out one: the local copy of its last deployment is its own. */
  current: boolean;
  /** P from the local copy of the last deployment (undefined: there is none). */
  localPrevious: () => Promise<string | null | undefined>;
  /** The project's resources with the logical IDs of their nested stacks (amplify-meta.json). */
  deployed: readonly DeployedResource[];
  /** The template file of a resource, when the checkout holds one. */
  templateFileOf: (resource: BackendResource) => Promise<string | undefined>;
};

type StackReading =
  | { ok: true; template: Record<string, unknown>; details: StackDetails; resources: StackResource[] }
  | { ok: false; reason: string };

const STACK_CONCURRENCY = 4;
const MAX_NESTING = 8;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The PermissionsBoundary property of a resource in a parsed template. */
const boundaryProperty = (template: Record<string, unknown>, logicalId: string): unknown => {
  const resource = isObject(template.Resources) ? template.Resources[logicalId] : undefined;
  return isObject(resource) && isObject(resource.Properties) ? resource.Properties.PermissionsBoundary : undefined;
};

/**
 * Gives every role of the env's stacks that is not `ok` its cause, source and fix: reads the deployed template
 * (GetTemplate, DescribeStacks for parameter values, ListStackResources for logical IDs) once per stack that holds
 * such a role, and the env's boundary at its last deployment.
 */
export const explainDrift = async (verification: EnvVerification, context: DriftContext): Promise<EnvVerification> => {
  const off = verification.roles.filter((role) => role.status !== 'ok');
  if (off.length === 0) return verification;
  const { stacks } = context.aws;
  const rootLabel = stackLabel(context.rootStack);
  const readings = new Map<string, Promise<StackReading>>();
  const details = new Map<string, Promise<StackDetails>>();
  const describe = (stack: string): Promise<StackDetails> => {
    if (!details.has(stack)) details.set(stack, stacks.describeStack(stack));
    return details.get(stack)!;
  };
  const read = (stack: string): Promise<StackReading> => {
    if (!readings.has(stack)) {
      readings.set(
        stack,
        Promise.all([stacks.getTemplate(stack), describe(stack), stacks.listResources(stack)])
          .then(async ([body, found, resources]): Promise<StackReading> => {
            const template = await parseTemplateText(body);
            if (!isObject(template)) return { ok: false, reason: 'the template is not an object' };
            return { ok: true, template, details: found, resources };
          })
          .catch((error: unknown): StackReading => ({ ok: false, reason: reasonOf(error) })),
      );
    }
    return readings.get(stack)!;
  };
  const scope = (parameters: Record<string, string>): IntrinsicScope => ({
    parameters,
    partition: targetPartition(context.target),
    accountId: context.target.account,
    region: context.target.region,
  });

  let previous: Promise<string | null | undefined> | undefined;
  const lastDeployed = (): Promise<string | null | undefined> =>
    (previous ??= (async () => {
      const local = context.current ? await context.localPrevious() : undefined;
      if (local !== undefined) return local;
      // Elsewhere the root stack's auth role shows the boundary the CLI deployed the env with last.
      const root = await read(rootLabel);
      if (!root.ok) return undefined;
      const given = ['AuthRole', 'UnauthRole']
        .map((role) => resolveTemplateBoundary(boundaryProperty(root.template, role), scope(root.details.parameters)))
        .find((boundary) => boundary.kind === 'value');
      return given?.kind === 'value' ? given.arn : null;
    })());

  const topLevelId = async (stack: string): Promise<string | undefined> => {
    const root = await read(rootLabel);
    if (!root.ok) return undefined;
    let current = stack;
    for (let depth = 0; depth < MAX_NESTING; depth += 1) {
      const nested = root.resources.find(
        (resource) =>
          resource.type === 'AWS::CloudFormation::Stack' &&
          resource.physicalId &&
          stackLabel(resource.physicalId) === current,
      );
      if (nested) return nested.logicalId;
      const parent = (await describe(current).catch(() => undefined))?.parentId;
      if (!parent || stackLabel(parent) === rootLabel) return undefined;
      current = stackLabel(parent);
    }
    return undefined;
  };
  const sourceOf = async (stack: string): Promise<string | undefined> => {
    if (stack === rootLabel) return 'root';
    const logicalId = await topLevelId(stack);
    const resource = context.deployed.find((candidate) => candidate.logicalId === logicalId);
    if (!resource) return logicalId ? `nested stack ${logicalId}` : undefined;
    const file = await context.templateFileOf(resource);
    return `${resource.category}/${resource.resource}${file ? ` (${file})` : ''}`;
  };

  const explained = new Map<RoleCheck, RoleCheck>();
  await mapLimit(off, STACK_CONCURRENCY, async (role) => {
    const reading = await read(role.stack);
    let template: TemplateReading;
    if (!reading.ok) template = { kind: 'unreadable', reason: reading.reason };
    else {
      const logicalId = reading.resources.find(
        (resource) => resource.type === 'AWS::IAM::Role' && resource.physicalId === role.role,
      )?.logicalId;
      template =
        logicalId === undefined
          ? { kind: 'unreadable', reason: `role ${role.role} is not in the listing of stack ${role.stack}` }
          : resolveTemplateBoundary(boundaryProperty(reading.template, logicalId), scope(reading.details.parameters));
    }
    // P only matters when the template does not already give E.
    const needsPrevious =
      role.status !== 'not-found' &&
      (template.kind === 'none' || (template.kind === 'value' && template.arn !== verification.expected));
    const cause = decideCause({
      status: role.status,
      computeRole: false,
      expected: verification.expected,
      template,
      previous: needsPrevious ? await lastDeployed() : undefined,
    });
    const source = await sourceOf(role.stack);
    explained.set(role, {
      ...role,
      cause,
      ...(source ? { source } : {}),
      ...(template.kind === 'unreadable' ? {} : { template: showTemplateBoundary(template) }),
      fix: fixFor(cause, {
        env: verification.env,
        expected: verification.expected,
        current: context.current,
        source,
        template,
      }),
    });
  });
  return { ...verification, roles: verification.roles.map((role) => explained.get(role) ?? role) };
};

/** The env's compute role when it is not `ok`: it is in no stack, so its fix is `compute-role attach`. */
export const explainComputeRole = (role: RoleCheck, env: string, expected: string, current: boolean): RoleCheck => {
  if (role.status === 'ok') return role;
  const cause = decideCause({ status: role.status, computeRole: true, expected });
  return { ...role, cause, source: 'compute role', fix: fixFor(cause, { env, expected, current }) };
};
