import {
  findBuildSpecWrites,
  findCredentials,
  fixableVariables,
  withoutVariables,
  type AuditTarget,
  type BuildSpecWrite,
  type Finding,
} from './audit';
import type { RoleEffect } from './effect';
import type { HostingTarget } from './hosting-target';

/** An app or branch as the audit reads it, with whether a compute role is in effect there. */
export type AuditedPlace = AuditTarget & { hosting: HostingTarget; effect: RoleEffect };

/** One removal `--fix` would make: the variables left after it, for UpdateApp/UpdateBranch. */
export type AuditFix = { hosting: HostingTarget; where: string; remove: string[]; variables: Record<string, string> };

/** Everything `audit` found and would do, as data. */
export type AuditPlan = {
  findings: Finding[];
  buildSpecWrites: BuildSpecWrite[];
  /** The values of every flagged variable: the run's redactor must know them before any AWS call. */
  secrets: string[];
  fixes: AuditFix[];
  /** Removals held back, and why. */
  kept: string[];
};

/** The app and its branches as places to audit; the app's role is in effect once every branch runs with one. */
export const auditPlaces = (
  app: { variables: Record<string, string>; buildSpec?: string; computeRoleArn?: string },
  branches: ReadonlyArray<{
    branch: string;
    variables: Record<string, string>;
    buildSpec?: string;
    effect: RoleEffect;
  }>,
): AuditedPlace[] => [
  {
    scope: 'app',
    variables: app.variables,
    buildSpec: app.buildSpec,
    hosting: { kind: 'app' },
    // App variables reach every branch's build, so they may go only when every branch runs with a role.
    effect:
      branches.length === 0
        ? app.computeRoleArn
          ? 'in-effect'
          : 'none'
        : branches.every((branch) => branch.effect === 'in-effect')
          ? 'in-effect'
          : 'pending',
  },
  ...branches.map((branch): AuditedPlace => ({
    scope: 'branch',
    branch: branch.branch,
    variables: branch.variables,
    buildSpec: branch.buildSpec,
    hosting: { kind: 'branch', branch: branch.branch },
    effect: branch.effect,
  })),
];

const whereOf = (appId: string, place: AuditedPlace): string =>
  place.scope === 'app' ? `app ${appId}` : `branch ${place.branch}`;

/** Plans `audit` (and `--fix`): findings, build spec writes, the secrets to mask, and the removals. */
export const planAudit = (appId: string, places: readonly AuditedPlace[], fix: boolean): AuditPlan => {
  const perPlace = places.map((place) => ({ place, findings: findCredentials(place) }));
  const findings = perPlace.flatMap((entry) => entry.findings);
  // A branch's build reads the app's variables too, so the app's findings count for every branch.
  const appFlagged = findings.filter((finding) => finding.scope === 'app').map((finding) => finding.variable);
  const buildSpecWrites = places.flatMap((place) =>
    findBuildSpecWrites(place, [
      ...appFlagged,
      ...findings
        .filter((finding) => place.scope === 'branch' && finding.branch === place.branch)
        .map((finding) => finding.variable),
    ]),
  );
  const secrets = perPlace.flatMap(({ place, findings: found }) =>
    found.map((finding) => place.variables[finding.variable] ?? '').filter(Boolean),
  );
  const fixes: AuditFix[] = [];
  const kept: string[] = [];
  if (fix) {
    for (const { place, findings: found } of perPlace) {
      const remove = fixableVariables(found);
      if (remove.length === 0) continue;
      const where = whereOf(appId, place);
      if (place.effect !== 'in-effect') {
        kept.push(
          place.effect === 'pending'
            ? `${where}: ${remove.join(', ')} kept — its compute role is not in effect until the next deployment (\`amplify compute-role attach --redeploy\`, or deploy the branch), then run --fix again.`
            : `${where}: ${remove.join(', ')} kept — no compute role is in effect there yet (\`amplify compute-role attach\` first).`,
        );
        continue;
      }
      fixes.push({ hosting: place.hosting, where, remove, variables: withoutVariables(place.variables, remove) });
    }
  }
  return { findings, buildSpecWrites, secrets, fixes, kept };
};

/** The findings still there after the removals that were made. */
export const remainingFindings = (appId: string, findings: readonly Finding[], removed: readonly string[]): Finding[] =>
  findings.filter(
    (finding) =>
      !removed.includes(
        `${finding.scope === 'app' ? `app ${appId}` : `branch ${finding.branch ?? ''}`}: ${finding.variable}`,
      ),
  );
