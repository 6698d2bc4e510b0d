/** Where a compute role is set in Amplify Hosting: one branch, or the app default for all branches. */
export type HostingTarget = { kind: 'branch'; branch: string } | { kind: 'app' };

/** The compute-role fields of an app or branch that decide which role a branch runs with. */
type RoleHolder = { computeRoleArn?: string };

/** The role set directly on a hosting target (not inherited), from the app and its branches as read once. */
export const currentRoleOf = (
  app: RoleHolder,
  branches: ReadonlyArray<RoleHolder & { branchName: string }>,
  target: HostingTarget,
): string | undefined =>
  target.kind === 'app'
    ? app.computeRoleArn
    : branches.find((branch) => branch.branchName === target.branch)?.computeRoleArn;

/** The compute role in effect for a branch: its own, else the app default. */
export const effectiveRole = (branch: RoleHolder | undefined, appDefault: string | undefined): string | undefined =>
  branch?.computeRoleArn ?? appDefault;

/** A hosting target described for people: `branch main of app d123` or `the app default of app d123`. */
export const describeTarget = (appId: string, target: HostingTarget): string =>
  target.kind === 'app' ? `the app default of app ${appId}` : `branch ${target.branch} of app ${appId}`;

/** Whether two hosting targets are the same place. */
export const sameTarget = (a: HostingTarget, b: HostingTarget): boolean =>
  a.kind === b.kind && (a.kind === 'app' || (b.kind === 'branch' && a.branch === b.branch));
