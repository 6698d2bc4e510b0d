import {
  classify,
  countOutcomes,
  groupFindings,
  suggestDeny,
  verdictFails,
  verdictOf,
  type Finding,
} from '../../../src/boundary/simulation-report';

const pair = { action: 'dynamodb:Scan', resource: 'arn:aws:dynamodb:us-east-1:222222222222:table/t' };

describe('classify', () => {
  it('reads an allowed pair as allowed, whatever the details say', () => {
    expect(classify({ ...pair, decision: 'allowed', allowedByBoundary: true })).toBe('allowed');
  });

  it('blames the boundary first when it does not allow the pair', () => {
    expect(
      classify({ ...pair, decision: 'explicitDeny', allowedByBoundary: false, allowedByOrganizations: false }),
    ).toBe('denied-by-boundary');
    expect(classify({ ...pair, decision: 'implicitDeny', allowedByBoundary: false })).toBe('denied-by-boundary');
  });

  it('blames an SCP when the boundary allows the pair and the organization does not', () => {
    expect(
      classify({ ...pair, decision: 'implicitDeny', allowedByBoundary: true, allowedByOrganizations: false }),
    ).toBe('denied-by-organization');
  });

  it('reads a denial with the boundary allowing (or absent) as the role policy only', () => {
    expect(classify({ ...pair, decision: 'implicitDeny', allowedByBoundary: true, allowedByOrganizations: true })).toBe(
      'denied-by-role-policy',
    );
    // A role without a boundary gets no PermissionsBoundaryDecisionDetail at all: nothing but its policies deny.
    expect(classify({ ...pair, decision: 'explicitDeny' })).toBe('denied-by-role-policy');
  });
});

const finding = (role: string, action: string, resource: string, outcome: Finding['outcome']): Finding => ({
  role,
  action,
  resource,
  outcome,
});

describe('verdictOf', () => {
  const verdict = (...outcomes: Array<Finding['outcome']>) =>
    verdictOf(countOutcomes(outcomes.map((outcome) => finding('r', 'a:B', 'x', outcome))));

  it('is a leak as soon as one pair is allowed', () => {
    expect(verdict('denied-by-boundary', 'denied-by-role-policy', 'allowed')).toBe('leak');
  });

  it('is not-isolated when only role policies deny some pair', () => {
    expect(verdict('denied-by-boundary', 'denied-by-organization', 'denied-by-role-policy')).toBe('not-isolated');
  });

  it('is isolated when the boundary or an SCP denies every pair, and when there is nothing to check', () => {
    expect(verdict('denied-by-boundary', 'denied-by-organization')).toBe('isolated');
    expect(verdict()).toBe('isolated');
  });

  it('counts every outcome, zero included', () => {
    expect(countOutcomes([finding('r', 'a:B', 'x', 'allowed')])).toEqual({
      allowed: 1,
      'denied-by-boundary': 0,
      'denied-by-organization': 0,
      'denied-by-role-policy': 0,
    });
  });
});

describe('suggestDeny', () => {
  const table = 'arn:aws:dynamodb:us-east-1:222222222222:table/Todo-prod';
  const bucketObjects = 'arn:aws:s3:::uploads-prod/*';
  const formsOf = {
    [table]: [table, `${table}/*`],
    [bucketObjects]: ['arn:aws:s3:::uploads-prod', bucketObjects],
  };

  it('denies every service touched on every form of each resource the boundary leaves open', () => {
    const statement = suggestDeny(
      [
        finding('fn', 'dynamodb:GetItem', table, 'allowed'),
        finding('fn', 'dynamodb:Scan', table, 'denied-by-role-policy'),
        finding('auth', 's3:GetObject', bucketObjects, 'denied-by-organization'),
        finding(
          'auth',
          'lambda:InvokeFunction',
          'arn:aws:lambda:us-east-1:222222222222:function:f',
          'denied-by-boundary',
        ),
      ],
      formsOf,
      'prod',
    );
    expect(statement).toEqual({
      Sid: 'DenyProdEnvResources',
      Effect: 'Deny',
      Action: ['dynamodb:*', 's3:*'],
      Resource: [
        'arn:aws:dynamodb:us-east-1:222222222222:table/Todo-prod',
        `${table}/*`,
        'arn:aws:s3:::uploads-prod',
        bucketObjects,
      ],
    });
  });

  it('suggests nothing when the boundary denies every pair', () => {
    expect(suggestDeny([finding('fn', 'dynamodb:GetItem', table, 'denied-by-boundary')], formsOf, 'prod')).toBeNull();
  });

  it('keeps a Sid IAM accepts for any env name, and a neutral one for given pairs', () => {
    const open = [finding('fn', 'dynamodb:Scan', table, 'allowed')];
    expect(suggestDeny(open, formsOf, 'feature-x_2')?.Sid).toBe('DenyFeaturex2EnvResources');
    expect(suggestDeny(open, {}, null)).toEqual({
      Sid: 'DenySimulatedResources',
      Effect: 'Deny',
      Action: ['dynamodb:*'],
      Resource: [table],
    });
  });
});

describe('groupFindings', () => {
  it('puts the actions one set of roles shares on one resource on one line, allowed first', () => {
    const table = 'arn:aws:dynamodb:us-east-1:2:table/t';
    const groups = groupFindings([
      finding('b', 'dynamodb:Scan', table, 'denied-by-role-policy'),
      finding('a', 'dynamodb:GetItem', table, 'allowed'),
      finding('b', 'dynamodb:GetItem', table, 'allowed'),
      finding('a', 'dynamodb:Query', table, 'allowed'),
      finding('b', 'dynamodb:Query', table, 'allowed'),
    ]);
    expect(groups).toEqual([
      { outcome: 'allowed', resource: table, actions: ['dynamodb:GetItem', 'dynamodb:Query'], roles: ['a', 'b'] },
      { outcome: 'denied-by-role-policy', resource: table, actions: ['dynamodb:Scan'], roles: ['b'] },
    ]);
  });
});

describe('verdictFails', () => {
  it('fails a leak always, not-isolated only under boundary.required, and never without a verdict', () => {
    expect([verdictFails('leak', false), verdictFails('leak', true)]).toEqual([true, true]);
    expect([verdictFails('not-isolated', false), verdictFails('not-isolated', true)]).toEqual([false, true]);
    expect([verdictFails('isolated', true), verdictFails(null, true)]).toEqual([false, false]);
  });
});
