import { planRedeploy } from '../../../src/compute-role/redeploy';
import {
  changesNothing,
  describeAttachPlan,
  planAttach,
  type AttachFacts,
} from '../../../src/compute-role/attach-plan';
import { ownerTags, TAGS, type RoleOwner } from '../../../src/compute-role/ownership';
import { describeStep } from '../../../src/compute-role/plan';
import type { RoleInfo } from '../../../src/compute-role/role-info';

const APP = 'd1abcdef';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const FEATURE_DASH: RoleOwner = { appId: APP, env: 'dev', hosting: { kind: 'branch', branch: 'feature-x' } };
const FEATURE_SLASH: RoleOwner = { ...FEATURE_DASH, hosting: { kind: 'branch', branch: 'feature/x' } };
const AMPLIFY_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

const role = (name: string, overrides: Partial<RoleInfo> = {}): RoleInfo => ({
  arn: `arn:aws:iam::123456789012:role/${name}`,
  name,
  trustPolicy: AMPLIFY_TRUST,
  tags: {},
  managedPolicies: [],
  inlinePolicies: [],
  ...overrides,
});

const facts = (overrides: Partial<AttachFacts> = {}): AttachFacts => ({
  owner: FEATURE_DASH,
  boundary: BOUNDARY,
  branchesOnAppDefault: [],
  redeploy: false,
  repository: 'https://github.com/example/shop',
  request: { kind: 'create', name: 'amplify-d1abcdef-feature-x-compute', named: false, policyArns: [S3_READ] },
  ...overrides,
});

describe('planAttach creating a role', () => {
  it('creates the role tagged for the target, sets it, and says the change awaits the next deployment', () => {
    const plan = planAttach(facts());
    if ('refused' in plan) throw new Error(plan.refused.message);
    expect(plan.role).toMatchObject({ kind: 'create', name: 'amplify-d1abcdef-feature-x-compute' });
    expect(plan.role.kind === 'create' && plan.role.steps[0]).toMatchObject({
      action: 'create-role',
      tags: ownerTags(FEATURE_DASH),
    });
    expect(plan.setsRole).toBe(true);
    expect(plan.redeploy).toEqual({
      kind: 'advise',
      notes: [
        expect.stringContaining("only at the branch's next deployment") as string,
        expect.stringContaining('--redeploy') as string,
      ],
    });
  });

  it('refuses a role of that name made for feature/x, naming the flag when it came from --role-name', () => {
    const holder = role('shared', { tags: ownerTags(FEATURE_SLASH), managedPolicies: [BOUNDARY] });
    const plan = planAttach(
      facts({ request: { kind: 'create', name: 'shared', holder, named: true, policyArns: [S3_READ] } }),
    );
    expect('refused' in plan && plan.refused.message).toContain('--role-name shared names an existing role');
    expect('refused' in plan && plan.refused.message).toContain('made it for branch feature/x');
    expect('refused' in plan && plan.refused.resolution).toContain(`--role-arn ${holder.arn}`);
  });

  it('converges this target’s own role without setting it again when the target already uses it', () => {
    const holder = role('amplify-d1abcdef-feature-x-compute', {
      tags: ownerTags(FEATURE_DASH),
      boundary: BOUNDARY,
      managedPolicies: [ADMIN],
    });
    const plan = planAttach(
      facts({
        currentRoleArn: holder.arn,
        request: { kind: 'create', name: holder.name, holder, named: false, policyArns: [S3_READ] },
      }),
    );
    if ('refused' in plan) throw new Error(plan.refused.message);
    expect(plan.role.kind).toBe('converge');
    expect(plan.setsRole).toBe(false);
    expect(plan.redeploy).toEqual({ kind: 'none' });
    expect(changesNothing(plan)).toBe(false);
    expect(describeAttachPlan(plan, describeStep)).toEqual([
      `attach managed policy ${S3_READ}`,
      `detach managed policy ${ADMIN}`,
      `branch feature-x of app ${APP} already uses it`,
    ]);
  });

  it('warns when a policy allows every action on every resource', () => {
    const everything = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const plan = planAttach(
      facts({
        request: { kind: 'create', name: 'r', named: false, policyArns: [ADMIN], inlineDocument: everything },
      }),
    );
    expect('warnings' in plan && plan.warnings).toEqual([
      expect.stringContaining('The policy file allows "Action": "*" on "Resource": "*"') as string,
      expect.stringContaining('AdministratorAccess allows') as string,
    ]);
  });
});

describe('planAttach using an existing role', () => {
  it('refuses a role any principal may assume', () => {
    for (const principal of ['*', { AWS: '*' }]) {
      const open = role('open', {
        trustPolicy: {
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' },
            { Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' },
          ],
        },
      });
      const plan = planAttach(facts({ request: { kind: 'existing', role: open } }));
      expect('refused' in plan && plan.refused.message).toContain('lets any principal ("*") assume it');
    }
  });

  it('names principals other than Amplify in a warning', () => {
    const shared = role('shared', {
      boundary: BOUNDARY,
      trustPolicy: {
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: ['amplify.amazonaws.com', 'lambda.amazonaws.com'] },
            Action: 'sts:AssumeRole',
          },
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sts:AssumeRole' },
        ],
      },
    });
    const plan = planAttach(facts({ request: { kind: 'existing', role: shared } }));
    expect('warnings' in plan && plan.warnings).toEqual([
      'Role arn:aws:iam::123456789012:role/shared also trusts Service:lambda.amazonaws.com, AWS:arn:aws:iam::999999999999:root: they can act as the SSR app too.',
    ]);
  });

  it('uses a role it did not make as it is, never changing it', () => {
    const plan = planAttach(facts({ request: { kind: 'existing', role: role('hand-made', { boundary: BOUNDARY }) } }));
    if ('refused' in plan) throw new Error(plan.refused.message);
    expect(plan.role).toEqual({ kind: 'use', name: 'hand-made', arn: 'arn:aws:iam::123456789012:role/hand-made' });
  });
});

describe('planAttach and redeploying', () => {
  it('starts a release of the branch with --redeploy when the app has a repository', () => {
    const plan = planAttach(facts({ redeploy: true }));
    expect('redeploy' in plan && plan.redeploy).toEqual({ kind: 'start', branches: ['feature-x'], notes: [] });
  });

  it('tells what to run instead for an app deployed by hand, and starts nothing', () => {
    const plan = planAttach(facts({ redeploy: true, repository: undefined }));
    expect('redeploy' in plan && plan.redeploy).toEqual({
      kind: 'advise',
      notes: [expect.any(String), expect.stringContaining('deployed by hand') as string],
    });
  });

  it('redeploys every branch that runs with the app default when the app default changes', () => {
    const plan = planAttach(
      facts({
        owner: { appId: APP, env: 'dev', hosting: { kind: 'app' } },
        redeploy: true,
        branchesOnAppDefault: ['main', 'dev'],
      }),
    );
    expect('redeploy' in plan && plan.redeploy).toMatchObject({ kind: 'start', branches: ['main', 'dev'] });
  });

  it('adopts a role of an earlier version and tags it for its env', () => {
    const older = role('amplify-d1abcdef-feature-x-compute', {
      tags: { [TAGS.app]: APP, [TAGS.branch]: 'feature-x' },
      boundary: BOUNDARY,
      managedPolicies: [S3_READ],
    });
    const plan = planAttach(
      facts({ request: { kind: 'create', name: older.name, holder: older, named: false, policyArns: [S3_READ] } }),
    );
    expect('role' in plan && plan.role).toMatchObject({
      kind: 'converge',
      steps: [{ action: 'tag-role', tags: ownerTags(FEATURE_DASH) }],
    });
  });
});

describe('planRedeploy of a target whose role did not change', () => {
  const base = {
    appId: 'd1',
    hosting: { kind: 'branch', branch: 'dev' } as const,
    changed: false,
    repository: 'https://github.com/example/shop',
    branchesOnAppDefault: [],
  };

  it('starts the pending branches with --redeploy', () => {
    expect(planRedeploy({ ...base, wanted: true, pendingBranches: ['dev'] })).toMatchObject({
      kind: 'start',
      branches: ['dev'],
    });
  });

  it('says the role is in effect and starts nothing when no branch is pending', () => {
    const plan = planRedeploy({ ...base, wanted: true, pendingBranches: [] });
    expect(plan).toEqual({ kind: 'in-effect', note: expect.stringContaining('already in effect') as string });
  });

  it('says what to run instead for a pending branch of an app deployed by hand', () => {
    const plan = planRedeploy({ ...base, repository: undefined, wanted: true, pendingBranches: ['dev'] });
    expect(plan.kind).toBe('advise');
    expect(plan.kind === 'advise' && plan.notes.join(' ')).toContain('deployed by hand');
  });

  it('does nothing without --redeploy', () => {
    expect(planRedeploy({ ...base, wanted: false, pendingBranches: ['dev'] })).toEqual({ kind: 'none' });
  });
});
