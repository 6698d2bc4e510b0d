import { boundaryRow, type BoundarySettings, type ShownEnv } from '../../../src/boundary/show-report';

const dev: ShownEnv = { name: 'dev', account: '123456789012', region: 'us-east-1' };
const defaults: BoundarySettings = { policyPath: '/', required: false };
const required: BoundarySettings = { policyPath: '/', required: true };
const named: BoundarySettings = { policyName: 'AmplifyBoundary', policyPath: '/org/', required: false };
const OWN = 'arn:aws:iam::123456789012:policy/Boundary';

describe('boundaryRow', () => {
  it('reports a valid boundary from team-provider-info', () => {
    expect(boundaryRow({ ...dev, boundary: OWN }, defaults)).toEqual({
      env: 'dev',
      account: '123456789012',
      region: 'us-east-1',
      boundary: OWN,
      source: 'team-provider-info',
      valid: true,
      problem: null,
    });
  });

  it('reports a boundary of another account as not valid, with the problem', () => {
    const row = boundaryRow({ ...dev, boundary: 'arn:aws:iam::999999999999:policy/B' }, defaults);
    expect(row).toMatchObject({ source: 'team-provider-info', valid: false });
    expect(row.problem).toContain('belongs to account 999999999999');
  });

  it('reports a malformed boundary as not valid', () => {
    const row = boundaryRow({ ...dev, boundary: 'Boundary' }, defaults);
    expect(row.valid).toBe(false);
    expect(row.problem).toContain('"Boundary" is not a valid IAM policy ARN');
  });

  it('reports a boundary of the wrong partition as not valid', () => {
    expect(boundaryRow({ ...dev, boundary: 'arn:aws-cn:iam::123456789012:policy/B' }, defaults).valid).toBe(false);
  });

  it('reports "" in team-provider-info as no boundary, valid unless one is required', () => {
    expect(boundaryRow({ ...dev, boundary: '' }, defaults)).toMatchObject({
      boundary: '',
      source: 'team-provider-info',
      valid: true,
      problem: null,
    });
    const row = boundaryRow({ ...dev, boundary: '' }, required);
    expect(row).toMatchObject({ source: 'team-provider-info', valid: false });
    expect(row.problem).toContain('requires a boundary');
  });

  it("prefers the env's own value over the iam-guard policy name", () => {
    expect(boundaryRow({ ...dev, boundary: OWN }, named)).toMatchObject({
      boundary: OWN,
      source: 'team-provider-info',
    });
    expect(boundaryRow({ ...dev, boundary: '' }, named)).toMatchObject({ boundary: '', source: 'team-provider-info' });
  });

  it("resolves the iam-guard policy name in the env's account when the env has no value", () => {
    expect(boundaryRow({ name: 'gov', account: '444444444444', region: 'us-gov-west-1' }, named)).toEqual({
      env: 'gov',
      account: '444444444444',
      region: 'us-gov-west-1',
      boundary: 'arn:aws-us-gov:iam::444444444444:policy/org/AmplifyBoundary',
      source: 'iam-guard policy name',
      valid: true,
      problem: null,
    });
  });

  it('cannot resolve the policy name of an env whose account is unknown', () => {
    const row = boundaryRow({ name: 'new', region: 'us-east-1' }, named);
    expect(row).toMatchObject({ account: null, boundary: '', source: 'iam-guard policy name', valid: false });
    expect(row.problem).toContain('"AmplifyBoundary" cannot be resolved');
  });

  it('reports an env with no boundary configured anywhere as not valid, naming how to set one', () => {
    const row = boundaryRow(dev, defaults);
    expect(row).toMatchObject({ boundary: '', source: 'none', valid: false });
    expect(row.problem).toContain('No permissions boundary is configured for env "dev"');
    expect(row.problem).toContain('`amplify boundary set --env dev --policy-name <name>`');
    expect(row.problem).toContain('`--permissions-boundary <arn>`');
    expect(boundaryRow(dev, required)).toMatchObject({
      source: 'none',
      valid: false,
      problem: expect.stringContaining(
        'amplify/iam-guard.json requires a boundary, but no permissions boundary is configured for env "dev"',
      ) as unknown,
    });
  });

  it('says the account was not checked when the env has no StackId', () => {
    const row = boundaryRow({ name: 'new', region: 'us-east-1', boundary: OWN }, defaults);
    expect(row).toMatchObject({ account: null, region: 'us-east-1', valid: false });
    expect(row.problem).toContain('account of env "new" is not known');
  });

  it('still reports a malformed ARN of an env whose account is unknown as malformed', () => {
    const row = boundaryRow({ name: 'new', boundary: 'nope' }, defaults);
    expect(row).toMatchObject({ account: null, region: null, valid: false });
    expect(row.problem).toContain('"nope" is not a valid IAM policy ARN');
  });
});
