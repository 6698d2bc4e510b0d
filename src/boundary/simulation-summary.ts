import type { CheckedResource, UncheckedResource } from './simulation-plan';
import {
  countOutcomes,
  groupFindings,
  isProtected,
  suggestDeny,
  verdictOf,
  type DenyStatement,
  type Finding,
  type FindingGroup,
  type Outcome,
  type Verdict,
} from './simulation-report';

/** A role of the env as `simulate` reports it (also its JSON shape). */
export type SimulatedRole = { role: string; arn: string; boundary: string | null; carriesEnvBoundary: boolean };

/** The result of `simulate` (also its `--json` shape). */
export type SimulationReport = {
  env: string;
  /** The other env; null with `--action`. */
  against: string | null;
  account: string;
  /** The env's boundary (`''`: none). */
  boundary: string;
  /** Null with `--action`, where the outcomes are the answer. */
  verdict: Verdict | null;
  roles: SimulatedRole[];
  resources: CheckedResource[];
  notChecked: UncheckedResource[];
  outcomes: Record<Outcome, number>;
  findings: Finding[];
  suggestedStatement: DenyStatement | null;
  requests: Record<string, number>;
  rolesNotFound: string[];
};

/** What the report is built from. */
export type SimulationFacts = Omit<SimulationReport, 'verdict' | 'outcomes' | 'findings' | 'suggestedStatement'> & {
  /** Every (role, action, resource) answered. */
  findings: Finding[];
  /** Every ARN simulated → every ARN form of its resource. */
  formsOf: Record<string, string[]>;
};

/**
 * The report of one run: counts, verdict (with `--against`), the suggested Deny, and the findings the JSON keeps
 * (with `--against`, only the pairs neither the boundary nor an SCP denies; with `--action`, every pair).
 */
export const buildReport = ({ findings, formsOf, ...facts }: SimulationFacts): SimulationReport => {
  const outcomes = countOutcomes(findings);
  const against = facts.against !== null;
  // Keys in the documented order, so the JSON reads the same way the reference shows it.
  return {
    env: facts.env,
    against: facts.against,
    account: facts.account,
    boundary: facts.boundary,
    verdict: against ? verdictOf(outcomes) : null,
    roles: facts.roles,
    resources: facts.resources,
    notChecked: facts.notChecked,
    outcomes,
    findings: against ? findings.filter((finding) => !isProtected(finding)) : findings,
    suggestedStatement: suggestDeny(findings, formsOf, facts.against),
    requests: facts.requests,
    rolesNotFound: facts.rolesNotFound,
  };
};

/** One line of the human report, with how loud it is. */
export type ReportLine = { level: 'info' | 'success' | 'warn' | 'error'; text: string };

// Enough names to recognise a group by; the JSON has them all.
const NAMES_SHOWN = 5;

// "dynamodb:GetItem, Query, Scan": the service is said once while it stays the same.
const actionList = (actions: readonly string[]): string => {
  let service = '';
  return actions
    .map((action) => {
      const [prefix] = action.split(':');
      const shown = prefix === service ? action.slice(prefix.length + 1) : action;
      service = prefix;
      return shown;
    })
    .join(', ');
};

const namesList = (names: readonly string[]): string =>
  `${names.slice(0, NAMES_SHOWN).join(', ')}${names.length > NAMES_SHOWN ? ` +${names.length - NAMES_SHOWN} more` : ''}`;

const roleList = (roles: readonly string[], total: number): string =>
  `${roles.length} of ${total} role(s): ${namesList(roles)}`;

const groupLine = (group: FindingGroup, total: number): string =>
  `  ${group.outcome}: ${actionList(group.actions)} on ${group.resource} — ${roleList(group.roles, total)}`;

const notCheckedLine = (notChecked: readonly UncheckedResource[]): string => {
  const byType = new Map<string, string[]>();
  for (const { type, logicalId } of notChecked) byType.set(type, [...(byType.get(type) ?? []), logicalId]);
  const parts = [...byType]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, ids]) => `${ids.length} ${type} (${namesList(ids)})`);
  return `Not checked (types simulate has no actions for): ${parts.join(', ')}.`;
};

const VERDICT_LINES: Record<Verdict, (report: SimulationReport) => ReportLine> = {
  isolated: (report) => ({
    level: 'success',
    text: `Verdict: isolated. The boundary of env "${report.env}" denies its roles every checked action on the resources of env "${report.against}".`,
  }),
  'not-isolated': (report) => ({
    level: 'warn',
    text: `Verdict: not-isolated. Only the roles' own policies deny ${report.outcomes['denied-by-role-policy']} pair(s): one policy change makes them allowed, and the boundary would not stop it.`,
  }),
  leak: (report) => ({
    level: 'error',
    text: `Verdict: leak. ${report.outcomes.allowed} pair(s) are allowed today: roles of env "${report.env}" can act on resources of env "${report.against}".`,
  }),
};

/** Whether the other env's resources are in another account than the env's roles. */
export type AccountSides = { otherAccount?: string };

/** The human report, line by line: what was asked, what is open, which roles stray, and the suggested Deny. */
export const reportLines = (report: SimulationReport, sides: AccountSides = {}): ReportLine[] => {
  const lines: ReportLine[] = [];
  const say = (level: ReportLine['level'], text: string): number => lines.push({ level, text });
  if (report.boundary === '')
    say(
      'warn',
      `Env "${report.env}" has no permissions boundary (none, on purpose): nothing caps what its roles may do.`,
    );
  const subject =
    report.against === null
      ? `${report.resources.length} given resource(s)`
      : `${report.resources.length} resource(s) of env "${report.against}"`;
  const pairs = Object.values(report.outcomes).reduce((sum, count) => sum + count, 0);
  const simulations = report.requests['iam:SimulatePrincipalPolicy'] ?? 0;
  say(
    'info',
    `Simulated ${report.roles.length} role(s) of env "${report.env}" against ${subject}${sides.otherAccount ? ` (account ${sides.otherAccount})` : ''}: ${pairs} (role, action, resource) pair(s) in ${simulations} SimulatePrincipalPolicy request(s).`,
  );
  say(
    'info',
    `Outcomes: ${Object.entries(report.outcomes)
      .map(([outcome, count]) => `${count} ${outcome}`)
      .join(', ')}.`,
  );

  const organization = report.outcomes['denied-by-organization'];
  if (report.against !== null && organization > 0)
    say('info', `${organization} pair(s) the boundary allows are denied only by an organization policy (SCP).`);
  if (report.findings.length > 0) {
    say(
      'info',
      report.against === null ? 'By action and resource:' : 'Not denied by the boundary (by action and resource):',
    );
    for (const group of groupFindings(report.findings)) say('info', groupLine(group, report.roles.length));
  }
  const strays = report.roles.filter((role) => !role.carriesEnvBoundary);
  if (strays.length > 0) {
    const expected = report.boundary === '' ? 'none' : report.boundary;
    say(
      'warn',
      `${strays.length} role(s) do not carry the env's boundary (${expected}): ${strays.map((role) => `${role.role} (${role.boundary ?? 'none'})`).join(', ')}.`,
    );
  }
  if (report.rolesNotFound.length > 0)
    say(
      'warn',
      `Not found in IAM (deleted outside CloudFormation), not simulated: ${report.rolesNotFound.join(', ')}.`,
    );
  if (report.notChecked.length > 0) say('info', notCheckedLine(report.notChecked));
  if (report.suggestedStatement) {
    say(
      'info',
      `Suggested statement for the boundary policy of env "${report.env}" (not applied: the boundary belongs to whoever governs the account):`,
    );
    for (const line of JSON.stringify(report.suggestedStatement, null, 2).split('\n')) say('info', line);
  }
  say(
    'info',
    "A resource's own policy (bucket, queue or topic policy) is not simulated for roles; an explicit Deny in the boundary also closes what such a policy could grant inside the same account.",
  );
  if (sides.otherAccount) {
    say(
      'info',
      `Env "${report.against}" is in another account (${sides.otherAccount}): this covers env "${report.env}"'s side (role policies, boundary, SCPs); a request across accounts also needs the resource's own policy to allow it, which the simulator does not read.`,
    );
  }
  if (report.verdict) lines.push(VERDICT_LINES[report.verdict](report));
  return lines;
};
