import type { HostingPort, RolesPort } from '../aws/ports';
import type { AttachPlan } from '../compute-role/attach-plan';
import { INLINE_POLICY_NAME, type RoleStep } from '../compute-role/plan';
import type { Redeploy } from '../compute-role/redeploy';
import { GuardError } from '../errors';
import type { Printer } from '../host/io';
import type { Outcome } from '../host/outcome';

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
    case 'tag-role':
      return void (await roles.tag(roleName, step.tags));
  }
};

/**
 * Applies an attach plan: the role steps, then the target's compute role, retrying while IAM propagates a new
 * role. When a later step fails after the role was created, deletes the role again and says so in the error.
 */
export const applyAttach = async (
  ports: { roles: RolesPort; hosting: HostingPort },
  plan: AttachPlan,
  propagation: PropagationPolicy = DEFAULT_PROPAGATION,
): Promise<{ roleArn: string; created: boolean }> => {
  const { role } = plan;
  const { appId, hosting } = plan.owner;
  let roleArn = role.kind === 'create' ? undefined : role.arn;
  const created = role.kind === 'create';
  try {
    for (const step of role.kind === 'use' ? [] : role.steps) {
      const arn = await runStep(ports.roles, role.name, step);
      if (step.action === 'create-role') roleArn = arn;
    }
    if (!roleArn)
      throw new GuardError('ResourceDoesNotExistError', {
        message: `IAM returned no ARN for role ${role.name}.`,
        resolution: 'Run `amplify compute-role attach` again.',
      });
    if (!plan.setsRole) return { roleArn, created };
    for (let attempt = 1; ; attempt++) {
      try {
        await ports.hosting.setComputeRole(appId, hosting, roleArn);
        break;
      } catch (error) {
        if (!created || attempt >= propagation.attempts || !notYetPropagated(error)) throw error;
        await propagation.sleep(propagation.delayMs * attempt);
      }
    }
    return { roleArn, created };
  } catch (error) {
    if (!created) throw error;
    const cleanup = await ports.roles.delete(role.name).then(
      () => `The role ${role.name} it had created was deleted again.`,
      (cleanupError: unknown) =>
        `The role ${role.name} it had created could not be deleted (${cleanupError instanceof Error ? cleanupError.message : String(cleanupError)}): delete it by hand.`,
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

/**
 * Carries out the redeploy part of a plan: starts a release job per branch (`--redeploy`) or prints how to
 * put the change in effect. A failed start is reported, not thrown: the role change itself is done.
 */
export const applyRedeploy = async (
  hosting: HostingPort,
  appId: string,
  redeploy: Redeploy,
  print: Printer,
): Promise<Outcome> => {
  switch (redeploy.kind) {
    case 'none':
      return 'done';
    case 'advise':
      for (const note of redeploy.notes) print.warn(note);
      return 'done';
    case 'in-effect':
      print.info(redeploy.note);
      return 'done';
    case 'start': {
      for (const note of redeploy.notes) print.info(note);
      let outcome: Outcome = 'done';
      if (redeploy.branches.length === 0) print.info('No branch runs with the app default: nothing to redeploy.');
      for (const branch of redeploy.branches) {
        try {
          const jobId = await hosting.startRelease(appId, branch);
          print.success(
            `Started release job ${jobId} of branch ${branch}: the compute role is in effect once it has deployed.`,
          );
        } catch (error) {
          print.error(
            `Could not start the deployment of branch ${branch}: ${error instanceof Error ? error.message : String(error)} The compute role is set, and takes effect at the branch's next deployment.`,
          );
          outcome = 'failed';
        }
      }
      return outcome;
    }
  }
};
