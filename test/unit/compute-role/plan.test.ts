import { ownerTags, TAGS, type RoleOwner } from '../../../src/compute-role/ownership';
import {
  describeStep,
  INLINE_POLICY_NAME,
  planRole,
  type RoleSpec,
  type RoleStep,
} from '../../../src/compute-role/plan';
import type { RoleInfo } from '../../../src/compute-role/role-info';
import { COMPUTE_TRUST_POLICY } from '../../../src/compute-role/trust';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const DDB_READ = 'arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess';
const SES_SEND = 'arn:aws:iam::123456789012:policy/SesSend';
const INLINE = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
const OWNER: RoleOwner = { appId: 'd1abcdef', env: 'dev', hosting: { kind: 'branch', branch: 'main' } };
const PLUGIN_TAGS = ownerTags(OWNER);

const spec = (overrides: Partial<RoleSpec> = {}): RoleSpec => ({
  name: 'amplify-d1abcdef-main-compute',
  boundary: BOUNDARY,
  policyArns: [S3_READ, DDB_READ],
  inlineDocument: INLINE,
  owner: OWNER,
  ...overrides,
});

/** The role as `spec()` would leave it after creation. */
const existing = (overrides: Partial<RoleInfo> = {}): RoleInfo => ({
  name: 'amplify-d1abcdef-main-compute',
  trustPolicy: {},
  arn: 'arn:aws:iam::123456789012:role/amplify-d1abcdef-main-compute',
  tags: PLUGIN_TAGS,
  boundary: BOUNDARY,
  managedPolicies: [S3_READ, DDB_READ],
  inlinePolicies: [INLINE_POLICY_NAME],
  pluginInlineDocument: INLINE,
  ...overrides,
});

const stepsOf = (plan: ReturnType<typeof planRole>): RoleStep[] => {
  if ('refused' in plan) throw new Error(`refused: ${plan.refused}`);
  return plan.steps;
};

describe('planRole for a role that does not exist yet', () => {
  it('creates it with the Amplify-only trust policy, the boundary and the tags, then attaches each policy and puts the inline one', () => {
    expect(stepsOf(planRole(spec(), undefined))).toEqual([
      {
        action: 'create-role',
        name: 'amplify-d1abcdef-main-compute',
        trustPolicy: JSON.stringify(COMPUTE_TRUST_POLICY),
        boundary: BOUNDARY,
        tags: PLUGIN_TAGS,
      },
      { action: 'attach-policy', policyArn: S3_READ },
      { action: 'attach-policy', policyArn: DDB_READ },
      { action: 'put-inline-policy', document: INLINE },
    ]);
  });

  it('creates a role with no inline policy when no policy file was given', () => {
    const steps = stepsOf(planRole(spec({ inlineDocument: undefined, policyArns: [S3_READ] }), undefined));
    expect(steps.map((step) => step.action)).toEqual(['create-role', 'attach-policy']);
  });

  it('creates a role without a boundary when the env has none', () => {
    const [create] = stepsOf(planRole(spec({ boundary: '' }), undefined));
    expect(create).toMatchObject({ action: 'create-role', boundary: '' });
  });
});

describe('planRole for a role that already exists', () => {
  it('refuses a role of that name the plugin did not create, naming the role', () => {
    const plan = planRole(spec(), existing({ tags: { team: 'web' } }));
    expect(plan).toEqual({
      refused: expect.stringContaining('arn:aws:iam::123456789012:role/amplify-d1abcdef-main-compute') as string,
    });
    expect('refused' in plan && plan.refused).toContain('it was not made by amplify-iam-guard');
  });

  it('refuses a role the plugin made for another branch, so feature-x never converges the role of feature/x', () => {
    const other = ownerTags({ ...OWNER, hosting: { kind: 'branch', branch: 'feature/x' } });
    const plan = planRole(spec(), existing({ tags: other, managedPolicies: [SES_SEND] }));
    expect('refused' in plan && plan.refused).toContain('amplify-iam-guard made it for branch feature/x');
  });

  it('adopts a role of an earlier version for the same branch and tags it with the env', () => {
    const older = { [TAGS.app]: 'd1abcdef', [TAGS.branch]: 'main' };
    expect(stepsOf(planRole(spec(), existing({ tags: older })))).toEqual([{ action: 'tag-role', tags: PLUGIN_TAGS }]);
  });

  it('changes nothing when the plugin’s role already matches the inputs', () => {
    expect(planRole(spec(), existing())).toEqual({ steps: [] });
  });

  it('changes nothing when the policies are the same in another order', () => {
    expect(planRole(spec({ policyArns: [DDB_READ, S3_READ] }), existing())).toEqual({ steps: [] });
  });

  it('attaches policies that are new and detaches those no longer wanted', () => {
    const steps = stepsOf(planRole(spec({ policyArns: [S3_READ, SES_SEND] }), existing()));
    expect(steps).toEqual([
      { action: 'attach-policy', policyArn: SES_SEND },
      { action: 'detach-policy', policyArn: DDB_READ },
    ]);
  });

  it('detaches every managed policy when none are wanted any more', () => {
    const steps = stepsOf(planRole(spec({ policyArns: [] }), existing()));
    expect(steps).toEqual([
      { action: 'detach-policy', policyArn: S3_READ },
      { action: 'detach-policy', policyArn: DDB_READ },
    ]);
  });

  it('puts the inline policy when the role does not have it yet', () => {
    const steps = stepsOf(planRole(spec(), existing({ inlinePolicies: [], pluginInlineDocument: undefined })));
    expect(steps).toEqual([{ action: 'put-inline-policy', document: INLINE }]);
  });

  it('puts the inline policy again when its content changed', () => {
    const changed = INLINE.replace('s3:GetObject', 's3:PutObject');
    expect(stepsOf(planRole(spec({ inlineDocument: changed }), existing()))).toEqual([
      { action: 'put-inline-policy', document: changed },
    ]);
  });

  it('ignores white space when comparing the inline policy', () => {
    const pretty = JSON.stringify(JSON.parse(INLINE), null, 2);
    expect(planRole(spec({ inlineDocument: pretty }), existing())).toEqual({ steps: [] });
  });

  it('deletes the plugin’s inline policy when no policy file is given any more', () => {
    expect(stepsOf(planRole(spec({ inlineDocument: undefined }), existing()))).toEqual([
      { action: 'delete-inline-policy' },
    ]);
  });

  it('leaves inline policies of other names alone', () => {
    const steps = stepsOf(
      planRole(
        spec({ inlineDocument: undefined }),
        existing({ inlinePolicies: ['hand-made'], pluginInlineDocument: undefined }),
      ),
    );
    expect(steps).toEqual([]);
  });

  it('sets the boundary when the env’s boundary changed', () => {
    const other = 'arn:aws:iam::123456789012:policy/org/OrgBoundary';
    expect(stepsOf(planRole(spec({ boundary: other }), existing()))).toEqual([
      { action: 'set-boundary', boundary: other },
    ]);
  });

  it('sets the boundary on a role that has none', () => {
    expect(stepsOf(planRole(spec(), existing({ boundary: undefined })))).toEqual([
      { action: 'set-boundary', boundary: BOUNDARY },
    ]);
  });

  it('removes the boundary when the env has none any more', () => {
    expect(stepsOf(planRole(spec({ boundary: '' }), existing()))).toEqual([{ action: 'set-boundary', boundary: '' }]);
  });

  it('changes nothing about the boundary when neither has one', () => {
    expect(planRole(spec({ boundary: '' }), existing({ boundary: undefined }))).toEqual({ steps: [] });
  });
});

describe('describeStep', () => {
  it('describes creating a role with its trust, boundary and tags', () => {
    const text = describeStep({
      action: 'create-role',
      name: 'amplify-d1abcdef-main-compute',
      trustPolicy: JSON.stringify(COMPUTE_TRUST_POLICY),
      boundary: BOUNDARY,
      tags: { [TAGS.app]: 'd1abcdef', [TAGS.branch]: 'main' },
    });
    expect(text).toBe(
      `create role amplify-d1abcdef-main-compute trusting only amplify.amazonaws.com (sts:AssumeRole), boundary ${BOUNDARY}, tags amplify-iam-guard:app=d1abcdef, amplify-iam-guard:branch=main`,
    );
  });

  it('says "boundary none" for a role created without a boundary', () => {
    expect(
      describeStep({ action: 'create-role', name: 'r', trustPolicy: '{}', boundary: '', tags: { [TAGS.app]: 'a' } }),
    ).toContain('boundary none');
  });

  it('describes each other step', () => {
    expect(describeStep({ action: 'attach-policy', policyArn: S3_READ })).toBe(`attach managed policy ${S3_READ}`);
    expect(describeStep({ action: 'detach-policy', policyArn: S3_READ })).toBe(`detach managed policy ${S3_READ}`);
    expect(describeStep({ action: 'put-inline-policy', document: INLINE })).toBe(
      `put inline policy ${INLINE_POLICY_NAME} from the policy file`,
    );
    expect(describeStep({ action: 'delete-inline-policy' })).toBe(`delete inline policy ${INLINE_POLICY_NAME}`);
    expect(describeStep({ action: 'set-boundary', boundary: BOUNDARY })).toBe(`set permissions boundary ${BOUNDARY}`);
    expect(describeStep({ action: 'set-boundary', boundary: '' })).toBe('remove the permissions boundary');
  });
});

describe('planRole compares the inline policy semantically', () => {
  it('plans nothing when the inline policy differs only in key order', () => {
    const stored = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const reordered =
      '{"Statement":[{"Resource":"*","Action":"s3:GetObject","Effect":"Allow"}],"Version":"2012-10-17"}';
    const plan = planRole(
      { name: 'r', owner: OWNER, boundary: '', policyArns: [], inlineDocument: reordered },
      {
        arn: 'arn:aws:iam::123456789012:role/r',
        tags: ownerTags(OWNER),
        managedPolicies: [],
        inlinePolicies: [INLINE_POLICY_NAME],
        pluginInlineDocument: stored,
      },
    );
    expect(plan).toEqual({ steps: [] });
  });
});
