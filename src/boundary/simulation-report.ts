/** What IAM's simulator decided for one action on one resource, as AWS names it. */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** One answer of the simulator: a role's action on one resource, with the boundary's and SCPs' part in it. */
export type SimulatedPair = {
  action: string;
  resource: string;
  decision: string;
  /** `PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary`; absent when the role has no boundary. */
  allowedByBoundary?: boolean;
  /** `OrganizationsDecisionDetail.AllowedByOrganizations`; absent outside an organization. */
  allowedByOrganizations?: boolean;
};

/** The four outcomes of a (role, action, resource), in the order reports list them. */
export const OUTCOMES = ['allowed', 'denied-by-boundary', 'denied-by-organization', 'denied-by-role-policy'] as const;

/** What a role may do to a resource: allowed, or which layer denies it. */
export type Outcome = (typeof OUTCOMES)[number];

/** One (role, action, resource) and its outcome (also its JSON shape). */
export type Finding = { role: string; action: string; resource: string; outcome: Outcome };

/** The answer of `simulate --against`. */
export type Verdict = 'isolated' | 'not-isolated' | 'leak';

/**
 * The outcome of one answer. The boundary is asked first: a pair it denies is protected whatever else says;
 * one it allows but only the role's own policies deny is one policy change away from `allowed`.
 */
export const classify = (pair: SimulatedPair): Outcome => {
  if (pair.decision === 'allowed') return 'allowed';
  if (pair.allowedByBoundary === false) return 'denied-by-boundary';
  if (pair.allowedByOrganizations === false) return 'denied-by-organization';
  return 'denied-by-role-policy';
};

/** How many pairs have each outcome (every outcome present, zero or not). */
export const countOutcomes = (findings: readonly Finding[]): Record<Outcome, number> => {
  const counts = Object.fromEntries(OUTCOMES.map((outcome) => [outcome, 0])) as Record<Outcome, number>;
  for (const finding of findings) counts[finding.outcome] += 1;
  return counts;
};

/** `leak` when any pair is allowed; `not-isolated` when only role policies deny some; else `isolated`. */
export const verdictOf = (counts: Record<Outcome, number>): Verdict =>
  counts.allowed > 0 ? 'leak' : counts['denied-by-role-policy'] > 0 ? 'not-isolated' : 'isolated';

/**
 * Whether a run with this verdict fails: a leak always; roles protected only by their own policies only where
 * `boundary.required` says every env must be capped by its boundary. Without a verdict (`--action`) it never does.
 */
export const verdictFails = (verdict: Verdict | null, boundaryRequired: boolean): boolean =>
  verdict === 'leak' || (verdict === 'not-isolated' && boundaryRequired);

/** Whether a pair is left out of the `--against` findings: the boundary or an SCP already denies it. */
export const isProtected = (finding: Finding): boolean =>
  finding.outcome === 'denied-by-boundary' || finding.outcome === 'denied-by-organization';

/** An IAM policy statement, as the suggestion prints it. */
export type DenyStatement = { Sid: string; Effect: 'Deny'; Action: string[]; Resource: string[] };

const sidPart = (name: string): string => {
  const clean = name.replace(/[^A-Za-z0-9]/g, '');
  return clean.charAt(0).toUpperCase() + clean.slice(1);
};

/**
 * One explicit Deny the env's boundary policy could add: every service's actions (`<service>:*`) on every ARN form
 * of each resource some role is not denied by the boundary. Null when the boundary already denies every pair.
 */
export const suggestDeny = (
  findings: readonly Finding[],
  formsOf: Readonly<Record<string, readonly string[]>>,
  against: string | null,
): DenyStatement | null => {
  const open = findings.filter((finding) => finding.outcome !== 'denied-by-boundary');
  if (open.length === 0) return null;
  const actions = new Set(open.map((finding) => `${finding.action.split(':')[0]}:*`));
  const resources = new Set(open.flatMap((finding) => formsOf[finding.resource] ?? [finding.resource]));
  return {
    Sid: against === null ? 'DenySimulatedResources' : `Deny${sidPart(against)}EnvResources`,
    Effect: 'Deny',
    Action: [...actions].sort(),
    Resource: [...resources].sort(),
  };
};

/** One group of the human report: the same outcome for the same roles on one resource, for several actions. */
export type FindingGroup = { outcome: Outcome; resource: string; actions: string[]; roles: string[] };

/**
 * Groups findings so that many roles × many resources stay readable: one line per resource and outcome, for the
 * actions that the same set of roles shares there.
 */
export const groupFindings = (findings: readonly Finding[]): FindingGroup[] => {
  const byPair = new Map<string, { outcome: Outcome; resource: string; action: string; roles: string[] }>();
  for (const { outcome, resource, action, role } of findings) {
    const key = `${outcome}\n${resource}\n${action}`;
    const entry = byPair.get(key) ?? { outcome, resource, action, roles: [] };
    entry.roles.push(role);
    byPair.set(key, entry);
  }
  const groups = new Map<string, FindingGroup>();
  for (const { outcome, resource, action, roles } of byPair.values()) {
    const sorted = [...new Set(roles)].sort();
    const key = `${outcome}\n${resource}\n${sorted.join(',')}`;
    const group = groups.get(key) ?? { outcome, resource, actions: [], roles: sorted };
    group.actions.push(action);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      OUTCOMES.indexOf(a.outcome) - OUTCOMES.indexOf(b.outcome) ||
      a.resource.localeCompare(b.resource) ||
      b.roles.length - a.roles.length,
  );
};
