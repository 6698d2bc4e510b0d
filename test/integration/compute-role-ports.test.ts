import { AmplifyClient } from '@aws-sdk/client-amplify';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { createHostingPort } from '../../src/aws/hosting';
import { createRolesPort } from '../../src/aws/roles';
import { INLINE_POLICY_NAME, planRole, TAGS } from '../../src/compute-role/plan';
import { COMPUTE_TRUST_POLICY, trustsAmplify } from '../../src/compute-role/trust';
import { applyAttach } from '../../src/flows/apply-compute-role';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';

const endpoint = process.env.MOTO_URL as string;
const region = 'us-east-1';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const READ_ONLY = 'arn:aws:iam::123456789012:policy/SsrReadOnly';
const INLINE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::shop-assets/*' }],
});

let fake: AmplifyFake;
const iamClient = () => new IAMClient({ region, endpoint, credentials: DEFAULT_CREDENTIALS });
const hosting = () =>
  createHostingPort(
    new AmplifyClient({ region, endpoint: fake.url, credentials: DEFAULT_CREDENTIALS, maxAttempts: 1 }),
    'dev',
  );
const noWait = { attempts: 4, delayMs: 1, sleep: () => Promise.resolve() };

beforeAll(async () => {
  fake = await startAmplifyFake();
});
afterAll(() => fake.stop());
beforeEach(async () => {
  await resetMoto(endpoint);
  fake.reset();
  for (const name of ['AmplifyBoundary', 'SsrReadOnly']) {
    await iamClient().send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  }
  fake.addApp({ appId: 'app1', name: 'shop' });
});

const spec = (policyArns: string[], inlineDocument?: string) => ({
  name: 'amplify-app1-main-compute',
  boundary: BOUNDARY,
  policyArns,
  inlineDocument,
  tags: { [TAGS.app]: 'app1', [TAGS.branch]: 'main', [TAGS.env]: 'dev' },
});

describe('compute roles in IAM (moto) and Amplify (the fake)', () => {
  it('creates the role, attaches it to a branch named with a slash, and converges it to other policies', async () => {
    fake.addBranch('app1', { branchName: 'feature/x' });
    const roles = createRolesPort(iamClient(), 'dev');
    const target = { kind: 'branch' as const, branch: 'feature/x' };
    const first = planRole(spec([READ_ONLY], INLINE), await roles.describe('amplify-app1-main-compute'));
    if (!('steps' in first)) throw new Error('refused');
    const result = await applyAttach(
      { roles, hosting: hosting() },
      { appId: 'app1', target, roleName: 'amplify-app1-main-compute', steps: first.steps },
      noWait,
    );
    expect(result).toMatchObject({ created: true, attached: true });
    expect(fake.apps.get('app1')?.branches.get('feature/x')?.computeRoleArn).toBe(result.roleArn);

    const role = await roles.describe('amplify-app1-main-compute');
    expect(role).toMatchObject({
      boundary: BOUNDARY,
      managedPolicies: [READ_ONLY],
      inlinePolicies: [INLINE_POLICY_NAME],
      tags: spec([]).tags,
    });
    expect(trustsAmplify(role?.trustPolicy)).toBe(true);
    expect(role?.trustPolicy).toEqual(COMPUTE_TRUST_POLICY);
    expect(planRole(spec([READ_ONLY], INLINE), role)).toEqual({ steps: [] });

    const next = planRole(spec([BOUNDARY]), role);
    if (!('steps' in next)) throw new Error('refused');
    await applyAttach(
      { roles, hosting: hosting() },
      {
        appId: 'app1',
        target,
        roleName: 'amplify-app1-main-compute',
        roleArn: role?.arn,
        steps: next.steps,
        currentRoleArn: role?.arn,
      },
      noWait,
    );
    expect(await roles.describe('amplify-app1-main-compute')).toMatchObject({
      managedPolicies: [BOUNDARY],
      inlinePolicies: [],
    });
  });

  it('waits while Amplify cannot assume a new role yet', async () => {
    fake.addBranch('app1', { branchName: 'main' });
    fake.failNext({
      operation: 'UpdateBranch',
      status: 400,
      errorType: 'BadRequestException',
      message: 'role cannot be assumed',
      times: 2,
    });
    const roles = createRolesPort(iamClient(), 'dev');
    const plan = planRole(spec([READ_ONLY]), undefined);
    if (!('steps' in plan)) throw new Error('refused');
    const result = await applyAttach(
      { roles, hosting: hosting() },
      {
        appId: 'app1',
        target: { kind: 'branch', branch: 'main' },
        roleName: 'amplify-app1-main-compute',
        steps: plan.steps,
      },
      noWait,
    );
    expect(result.attached).toBe(true);
    expect(fake.apps.get('app1')?.branches.get('main')?.computeRoleArn).toBe(result.roleArn);
  });

  it('deletes the role it created when the branch does not exist', async () => {
    const roles = createRolesPort(iamClient(), 'dev');
    const plan = planRole(spec([READ_ONLY]), undefined);
    if (!('steps' in plan)) throw new Error('refused');
    await expect(
      applyAttach(
        { roles, hosting: hosting() },
        {
          appId: 'app1',
          target: { kind: 'branch', branch: 'gone' },
          roleName: 'amplify-app1-main-compute',
          steps: plan.steps,
        },
        noWait,
      ),
    ).rejects.toThrow(/it had created was deleted again/);
    expect(await roles.describe('amplify-app1-main-compute')).toBeUndefined();
  });

  it('lists every branch across pages', async () => {
    for (let index = 0; index < 120; index++) fake.addBranch('app1', { branchName: `b${index}` });
    const branches = await hosting().listBranches('app1');
    expect(branches).toHaveLength(120);
    expect(fake.log.filter((operation) => operation === 'ListBranches').length).toBeGreaterThan(1);
  });
});
