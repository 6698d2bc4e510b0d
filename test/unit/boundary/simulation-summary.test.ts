import { buildReport, reportLines, type SimulationFacts } from '../../../src/boundary/simulation-summary';
import type { Finding } from '../../../src/boundary/simulation-report';

const TABLE = 'arn:aws:dynamodb:us-east-1:222222222222:table/Todo-prod';
const BOUNDARY = 'arn:aws:iam::111111111111:policy/DevBoundary';

const facts = (findings: Finding[], overrides: Partial<SimulationFacts> = {}): SimulationFacts => ({
  env: 'dev',
  against: 'prod',
  account: '111111111111',
  boundary: BOUNDARY,
  roles: Array.from({ length: 20 }, (_, index) => ({
    role: `dev-role${String(index).padStart(2, '0')}`,
    arn: `arn:aws:iam::111111111111:role/dev-role${index}`,
    boundary: index === 7 ? null : BOUNDARY,
    carriesEnvBoundary: index !== 7,
  })),
  resources: [{ arn: TABLE, type: 'AWS::DynamoDB::Table', stack: 'amplify-shop-prod', logicalId: 'TodoTable' }],
  notChecked: [
    { logicalId: 'A', type: 'AWS::Logs::LogGroup', stack: 's' },
    { logicalId: 'B', type: 'AWS::Logs::LogGroup', stack: 's' },
    { logicalId: 'C', type: 'AWS::Lambda::Permission', stack: 's' },
  ],
  findings,
  formsOf: { [TABLE]: [TABLE, `${TABLE}/*`] },
  requests: { 'iam:SimulatePrincipalPolicy': 40, 'iam:GetRole': 20 },
  rolesNotFound: [],
  ...overrides,
});

const pairs = (roles: number, action: string, outcome: Finding['outcome']): Finding[] =>
  Array.from({ length: roles }, (_, index) => ({
    role: `dev-role${String(index).padStart(2, '0')}`,
    action,
    resource: TABLE,
    outcome,
  }));

describe('buildReport', () => {
  it('keeps only the pairs neither the boundary nor an SCP denies, and suggests the Deny for them', () => {
    const report = buildReport(
      facts([...pairs(20, 'dynamodb:Scan', 'denied-by-boundary'), ...pairs(2, 'dynamodb:GetItem', 'allowed')]),
    );
    expect(report.verdict).toBe('leak');
    expect(report.outcomes).toEqual({
      allowed: 2,
      'denied-by-boundary': 20,
      'denied-by-organization': 0,
      'denied-by-role-policy': 0,
    });
    expect(report.findings).toHaveLength(2);
    expect(report.suggestedStatement?.Resource).toEqual([TABLE, `${TABLE}/*`]);
    expect(Object.keys(report)).toEqual([
      'env',
      'against',
      'account',
      'boundary',
      'verdict',
      'roles',
      'resources',
      'notChecked',
      'outcomes',
      'findings',
      'suggestedStatement',
      'requests',
      'rolesNotFound',
    ]);
  });

  it('keeps every pair with --action, where there is no verdict', () => {
    const report = buildReport(facts(pairs(3, 'dynamodb:Scan', 'denied-by-boundary'), { against: null }));
    expect(report.verdict).toBeNull();
    expect(report.findings).toHaveLength(3);
    expect(report.suggestedStatement).toBeNull();
  });
});

describe('reportLines', () => {
  it('groups 20 roles × 8 actions on one resource into one line per role set, naming a few roles', () => {
    const findings = ['GetItem', 'Query', 'Scan'].flatMap((action) => pairs(20, `dynamodb:${action}`, 'allowed'));
    const text = reportLines(buildReport(facts(findings)))
      .map((line) => line.text)
      .join('\n');
    expect(text).toContain(
      `  allowed: dynamodb:GetItem, Query, Scan on ${TABLE} — 20 of 20 role(s): dev-role00, dev-role01, dev-role02, dev-role03, dev-role04 +15 more`,
    );
    expect(text).toContain(
      'Outcomes: 60 allowed, 0 denied-by-boundary, 0 denied-by-organization, 0 denied-by-role-policy.',
    );
    expect(text).toContain("1 role(s) do not carry the env's boundary");
    expect(text).toContain(
      'Not checked (types simulate has no actions for): 1 AWS::Lambda::Permission (C), 2 AWS::Logs::LogGroup (A, B).',
    );
    expect(text).toContain('"Sid": "DenyProdEnvResources"');
    expect(text).toContain("A resource's own policy");
  });

  it('says first that nothing caps the roles when the env has no boundary, and ends with the verdict', () => {
    const lines = reportLines(buildReport(facts(pairs(1, 'dynamodb:Scan', 'denied-by-role-policy'), { boundary: '' })));
    expect(lines[0]).toEqual({
      level: 'warn',
      text: 'Env "dev" has no permissions boundary (none, on purpose): nothing caps what its roles may do.',
    });
    const last = lines[lines.length - 1];
    expect(last.level).toBe('warn');
    expect(last.text).toMatch(/^Verdict: not-isolated/);
  });

  it('adds the cross-account note only when the other env is in another account', () => {
    const report = buildReport(facts(pairs(1, 'dynamodb:Scan', 'denied-by-boundary')));
    const across = reportLines(report, { otherAccount: '222222222222' }).map((line) => line.text);
    expect(across.join('\n')).toContain('Env "prod" is in another account (222222222222)');
    expect(across[across.length - 1]).toMatch(/^Verdict: isolated/);
    expect(
      reportLines(report)
        .map((line) => line.text)
        .join('\n'),
    ).not.toContain('another account');
  });
});
