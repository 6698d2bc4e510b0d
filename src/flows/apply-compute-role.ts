import type { HostingPort, HostingTarget, RolesPort } from '../aws/ports';
import { INLINE_POLICY_NAME, type RoleStep } from '../compute-role/plan';
import { GuardError } from '../errors';

/** How long to wait for IAM to propagate a new role before Amplify accepts it. */
export type PropagationPolicy = { attempts: number; delayMs: number; sleep: (ms: number) => Promise<void> };

/** Up to about a minute: a new role usually propagates within seconds. */
export const DEFAULT_PROPAGATION: PropagationPolicy = {
  attempts: 6,
  delayMs: 2000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

// Amplify refuses a role it cannot assume yet with a 400; other refusals are final.
const notYetPropagated = (error: unknown): boolean =>
  error instanceof GuardError && error.cause instanceof Error && /BadRequest|InvalidParameter/.test(error.cause.name);

const runStep = async (roles: RolesPort, roleName: string, step: RoleStep): Promise<string | undefined> => {
  switch (step.action) {
    case 'create-role':
      return roles.create({
        name: step.name,
        trustPolicy: step.trustPolicy,
        boundary: step.boundary || undefined,
        tags: step.tags,
        description: 'Amplify Hosting SSR compute role (amplify-iam-guard)',
      });
    case 'attach-policy':
      return void (await roles.attachPolicy(roleName, step.policyArn));
    case 'detach-policy':
      return void (await roles.detachPolicy(roleName, step.policyArn));
    case 'put-inline-policy':
      return void (await roles.putInlinePolicy(roleName, INLINE_POLICY_NAME, step.document));
    case 'delete-inline-policy':
      return void (await roles.deleteInlinePolicy(roleName, INLINE_POLICY_NAME));
    case 'set-boundary':
      return void (await roles.setBoundary(roleName, step.boundary || undefined));
  }
};

/** What `attach` will do: role steps, then the compute role of the target when it is not already that role. */
export type AttachWork = {
  appId: string;
  target: HostingTarget;
  roleName: string;
  roleArn?: string;
  steps: RoleStep[];
  currentRoleArn?: string;
};

/**
 * Applies the role steps and sets the target's compute role, retrying while IAM propagates a new role. When a
 * later step fails after the role was created, deletes the role again and says so in the error.
 */
export const applyAttach = async (
  ports: { roles: RolesPort; hosting: HostingPort },
  work: AttachWork,
  propagation: PropagationPolicy = DEFAULT_PROPAGATION,
): Promise<{ roleArn: string; created: boolean; attached: boolean }> => {
  let roleArn = work.roleArn;
  let created = false;
  try {
    for (const step of work.steps) {
      const arn = await runStep(ports.roles, work.roleName, step);
      if (step.action === 'create-role') {
        roleArn = arn;
        created = true;
      }
    }
    if (!roleArn)
      throw new GuardError('ResourceDoesNotExistError', { message: `IAM returned no ARN for role ${work.roleName}.` });
    if (work.currentRoleArn === roleArn) return { roleArn, created, attached: false };
    for (let attempt = 1; ; attempt++) {
      try {
        await ports.hosting.setComputeRole(work.appId, work.target, roleArn);
        break;
      } catch (error) {
        if (!created || attempt >= propagation.attempts || !notYetPropagated(error)) throw error;
        await propagation.sleep(propagation.delayMs * attempt);
      }
    }
    return { roleArn, created, attached: true };
  } catch (error) {
    if (!created) throw error;
    const cleanup = await ports.roles.delete(work.roleName).then(
      () => `The role ${work.roleName} it had created was deleted again.`,
      (cleanupError: unknown) =>
        `The role ${work.roleName} it had created could not be deleted (${cleanupError instanceof Error ? cleanupError.message : String(cleanupError)}): delete it by hand.`,
    );
    const reason = error instanceof GuardError ? error : undefined;
    throw new GuardError(
      reason?.name ?? 'DeploymentError',
      {
        message: `${reason?.message ?? (error instanceof Error ? error.message : String(error))} ${cleanup}`,
        resolution: reason?.resolution ?? 'Fix the cause above and run `amplify compute-role attach` again.',
      },
      error,
    );
  }
};
