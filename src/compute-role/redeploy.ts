import { describeTarget, type HostingTarget } from './hosting-target';

/**
 * What happens after a compute role changes: a running SSR app keeps the role it was deployed with until the
 * branch's next deployment. `start`: release jobs to start now (`--redeploy`, app connected to a repository);
 * `advise`: lines telling the user how to put the change in effect; `in-effect`: `--redeploy` found nothing
 * waiting for a deployment; `none`: nothing changed and nothing was asked.
 */
export type Redeploy =
  | { kind: 'none' }
  | { kind: 'in-effect'; note: string }
  | { kind: 'start'; branches: string[]; notes: string[] }
  | { kind: 'advise'; notes: string[] };

/** What deciding the redeploy of a hosting target needs. */
export type RedeployInput = {
  appId: string;
  hosting: HostingTarget;
  /** Whether the target's compute role changed in this run. */
  changed: boolean;
  /** `--redeploy` was given. */
  wanted: boolean;
  repository?: string;
  branchesOnAppDefault: readonly string[];
  /**
   * Branches of the target whose role is set but `pending` (set after the branch's last deployment), as read
   * before this run changed anything; only read when the role is unchanged and `--redeploy` was given.
   */
  pendingBranches?: readonly string[];
};

const byHand = (appId: string, branches: readonly string[]): string =>
  `App ${appId} is deployed by hand (it has no repository), so nothing can start that deployment here: deploy a new build of ${branches.length > 0 ? branches.map((branch) => `branch ${branch}`).join(', ') : 'each branch'} (\`amplify publish\`, or a manual deployment in the Amplify console).`;

/**
 * Decides the redeploy of a hosting target. A role set by an earlier run and still `pending` is what that run
 * advised `--redeploy` for: the deployment starts now even though nothing else changes. A role already in effect
 * needs none, and none starts.
 */
export const planRedeploy = (input: RedeployInput): Redeploy => {
  const where = describeTarget(input.appId, input.hosting);
  if (!input.changed) {
    if (!input.wanted) return { kind: 'none' };
    const pending = [...(input.pendingBranches ?? [])];
    if (pending.length === 0) {
      return {
        kind: 'in-effect',
        note: `The compute role of ${where} is already in effect (every branch deployed after it was set): no deployment was started.`,
      };
    }
    const note = `The compute role of ${where} was set after the last deployment of ${pending.map((branch) => `branch ${branch}`).join(', ')}: it is pending until that deployment.`;
    if (!input.repository) return { kind: 'advise', notes: [note, byHand(input.appId, pending)] };
    return { kind: 'start', branches: pending, notes: [note] };
  }
  const branches = input.hosting.kind === 'app' ? [...input.branchesOnAppDefault] : [input.hosting.branch];
  const pending = `The change is not in effect yet: a running SSR app picks up the compute role of ${where} only at the branch's next deployment.`;
  if (!input.repository) return { kind: 'advise', notes: [pending, byHand(input.appId, branches)] };
  if (!input.wanted) {
    return {
      kind: 'advise',
      notes: [pending, 'Run the command with --redeploy to start that deployment now, or push a commit to the branch.'],
    };
  }
  return { kind: 'start', branches, notes: [] };
};
