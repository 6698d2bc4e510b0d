import { describePlan, planRepairs } from '../../../src/boundary/fix-plan';
import type { EnvVerification, RoleCheck } from '../../../src/boundary/verify-report';

const E = 'arn:aws:iam::123456789012:policy/Boundary';
const role = (name: string, check: Partial<RoleCheck>): RoleCheck => ({
  role: name,
  stack: 'amplify-shop-dev',
  status: 'missing',
  actual: null,
  ...check,
});
const env = (roles: RoleCheck[], extra: Partial<EnvVerification> = {}): EnvVerification => ({
  env: 'dev',
  expected: E,
  policyExists: true,
  roles,
  ...extra,
});

describe('the plan of verify --fix', () => {
  it('repairs roles without a boundary and roles changed outside CloudFormation', () => {
    const plan = planRepairs(
      env([
        role('ok-role', { status: 'ok', actual: E }),
        role('stripped', { cause: 'changed-outside' }),
        role('swapped', {
          status: 'mismatch',
          actual: 'arn:aws:iam::aws:policy/AdministratorAccess',
          cause: 'changed-outside',
        }),
        role('lacking', { cause: 'template-lacks' }),
        role('new-env', { cause: 'not-pushed' }),
      ]),
    );
    expect(plan.repair).toEqual(['stripped', 'swapped', 'lacking', 'new-env']);
    expect(plan.leave).toEqual([]);
  });

  it('leaves roles whose template sets another boundary, deleted roles and the compute role', () => {
    const plan = planRepairs(
      env([
        role('custom', {
          status: 'mismatch',
          actual: 'arn:aws:iam::123456789012:policy/Stricter',
          cause: 'template-sets-other',
        }),
        role('custom-none', { cause: 'template-sets-other' }),
        role('gone', { status: 'not-found', cause: 'not-found' }),
        role('compute', { stack: 'hosting: app/main', cause: 'compute-role' }),
        role('old', { status: 'mismatch', actual: 'arn:aws:iam::123456789012:policy/Old', cause: 'not-pushed' }),
      ]),
    );
    expect(plan.repair).toEqual([]);
    expect(plan.leave.map((left) => left.role)).toEqual(['custom', 'custom-none', 'gone', 'compute', 'old']);
    expect(plan.leave[0]?.reason).toBe('its template sets its own boundary');
  });

  it('does nothing when the env has no boundary on purpose', () => {
    const plan = planRepairs(
      env([role('added', { status: 'mismatch', actual: E, cause: 'changed-outside' })], { expected: '' }),
    );
    expect(plan.repair).toEqual([]);
    expect(plan.blocked).toContain('no boundary on purpose');
  });

  it('does nothing when no boundary is configured, and names how to set one instead of calling it on purpose', () => {
    const plan = planRepairs(
      env([role('added', { status: 'mismatch', actual: E, cause: 'changed-outside' })], {
        expected: '',
        configured: false,
      }),
    );
    expect(plan.repair).toEqual([]);
    expect(plan.blocked).not.toContain('on purpose');
    expect(plan.blocked).toContain('`amplify boundary set --env dev --policy-name <name>`');
  });

  it('does nothing when the boundary policy does not exist', () => {
    const plan = planRepairs(env([role('stripped', { cause: 'changed-outside' })], { policyExists: false }));
    expect(plan.repair).toEqual([]);
    expect(describePlan(plan)).toEqual([
      `Env "dev": nothing will be repaired: the boundary policy ${E} does not exist; create it, or choose another with \`amplify boundary set --env dev\`.`,
    ]);
  });

  it('describes the roles it will change and those it leaves', () => {
    const plan = planRepairs(
      env([role('stripped', { cause: 'changed-outside' }), role('gone', { status: 'not-found', cause: 'not-found' })]),
    );
    expect(describePlan(plan)).toEqual([
      `Env "dev": put permissions boundary ${E} on 1 role(s):`,
      '  + stripped',
      '  = gone left as it is: deleted outside CloudFormation',
    ]);
  });
});
