import { describeTarget, type HostingTarget } from './hosting-target';

/**
 * What happens after a compute role changes: a running SSR app keeps the role it was deployed with until the
 * branch's next deployment. `start`: release jobs to start now (`--redeploy`, app connected to a repository);
 * `advise`: lines telling the user how to put the change in effect; `none`: nothing changed.
 */
export type Redeploy =
  { kind: 'none' } | { kind: 'start'; branches: string[]; notes: string[] } | { kind: 'advise'; notes: string[] };

/** Decides the redeploy after a compute-role change of a hosting target. */
export const planRedeploy = (input: {
  appId: string;
  hosting: HostingTarget;
  /** Whether the target's compute role changed. */
  changed: boolean;
  /** `--redeploy` was given. */
  wanted: boolean;
  repository?: string;
  branchesOnAppDefault: readonly string[];
}): Redeploy => {
  if (!input.changed) return { kind: 'none' };
  const branches = input.hosting.kind === 'app' ? [...input.branchesOnAppDefault] : [input.hosting.branch];
  const where = describeTarget(input.appId, input.hosting);
  const pending = `The change is not in effect yet: a running SSR app picks up the compute role of ${where} only at the branch's next deployment.`;
  if (!input.repository) {
    return {
      kind: 'advise',
      notes: [
        pending,
        `App ${input.appId} is deployed by hand (it has no repository), so nothing can start that deployment here: deploy a new build of ${branches.length > 0 ? branches.map((branch) => `branch ${branch}`).join(', ') : 'each branch'} (\`amplify publish\`, or a manual deployment in the Amplify console).`,
      ],
    };
  }
  if (!input.wanted) {
    return {
      kind: 'advise',
      notes: [pending, 'Run the command with --redeploy to start that deployment now, or push a commit to the branch.'],
    };
  }
  return { kind: 'start', branches, notes: [] };
};
