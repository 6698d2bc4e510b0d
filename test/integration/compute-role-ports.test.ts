import { AmplifyClient } from '@aws-sdk/client-amplify';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { createHostingPort } from '../../src/aws/hosting';
import { createRolesPort } from '../../src/aws/roles';
import { planAttach, type AttachPlan } from '../../src/compute-role/attach-plan';
import type { HostingTarget } from '../../src/compute-role/hosting-target';
import { ownerTags } from '../../src/compute-role/ownership';
import { INLINE_POLICY_NAME, planRole } from '../../src/compute-role/plan';
import { COMPUTE_TRUST_POLICY, trustsAmplify } from '../../src/compute-role/trust';
import { applyAttach } from '../../src/apply/apply-compute-role';
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

const MAIN_OWNER = { appId: 'app1', env: 'dev', hosting: { kind: 'branch', branch: 'main' } } as const;
const spec = (policyArns: string[], inlineDocument?: string) => ({
  name: 'amplify-app1-main-compute',
  owner: MAIN_OWNER,
  boundary: BOUNDARY,
  policyArns,
  inlineDocument,
});

/** The attach plan for a role of branch main, set on `hosting` (which now has `currentRoleArn`). */
const attachPlan = async (
  roles: ReturnType<typeof createRolesPort>,
  hostingTarget: HostingTarget,
  policyArns: string[],
  inlineDocument?: string,
  currentRoleArn?: string,
): Promise<AttachPlan> => {
  const plan = planAttach({
    owner: { ...MAIN_OWNER, hosting: hostingTarget },
    boundary: BOUNDARY,
    currentRoleArn,
    branchesOnAppDefault: [],
    redeploy: false,
    request: {
      kind: 'create',
      name: 'amplify-app1-main-compute',
      holder: await roles.describe('amplify-app1-main-compute'),
      named: false,
      policyArns,
      inlineDocument,
    },
  });
  if ('refused' in plan) throw new Error(plan.refused.message);
  return plan;
};

describe('compute roles in IAM (moto) and Amplify (the fake)', () => {
  it('creates the role, attaches it to a branch named with a slash, and converges it to other policies', async () => {
    fake.addBranch('app1', { branchName: 'feature/x' });
    const roles = createRolesPort(iamClient(), 'dev');
    const target = { kind: 'branch' as const, branch: 'feature/x' };
    const result = await applyAttach(
      { roles, hosting: hosting() },
      await attachPlan(roles, target, [READ_ONLY], INLINE),
      noWait,
    );
    expect(result).toMatchObject({ created: true });
    expect(fake.apps.get('app1')?.branches.get('feature/x')?.computeRoleArn).toBe(result.roleArn);

    const role = await roles.describe('amplify-app1-main-compute');
    expect(role).toMatchObject({
      boundary: BOUNDARY,
      managedPolicies: [READ_ONLY],
      inlinePolicies: [INLINE_POLICY_NAME],
      tags: ownerTags({ ...MAIN_OWNER, hosting: target }),
    });
    expect(trustsAmplify(role?.trustPolicy)).toBe(true);
    expect(role?.trustPolicy).toEqual(COMPUTE_TRUST_POLICY);
    expect(planRole({ ...spec([READ_ONLY], INLINE), owner: { ...MAIN_OWNER, hosting: target } }, role)).toEqual({
      steps: [],
    });

    await applyAttach(
      { roles, hosting: hosting() },
      await attachPlan(roles, target, [BOUNDARY], undefined, role?.arn),
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
    const result = await applyAttach(
      { roles, hosting: hosting() },
      await attachPlan(roles, { kind: 'branch', branch: 'main' }, [READ_ONLY]),
      noWait,
    );
    expect(fake.apps.get('app1')?.branches.get('main')?.computeRoleArn).toBe(result.roleArn);
  });

  it('deletes the role it created when the branch does not exist', async () => {
    const roles = createRolesPort(iamClient(), 'dev');
    const plan = await attachPlan(roles, { kind: 'branch', branch: 'gone' }, [READ_ONLY]);
    await expect(applyAttach({ roles, hosting: hosting() }, plan, noWait)).rejects.toThrow(
      /it had created was deleted again/,
    );
    expect(await roles.describe('amplify-app1-main-compute')).toBeUndefined();
  });

  it('tags a role of an earlier version with its env when it converges it (iam:TagRole)', async () => {
    fake.addBranch('app1', { branchName: 'main' });
    const roles = createRolesPort(iamClient(), 'dev');
    await roles.create({
      name: 'amplify-app1-main-compute',
      trustPolicy: JSON.stringify(COMPUTE_TRUST_POLICY),
      boundary: BOUNDARY,
      tags: { 'amplify-iam-guard:app': 'app1', 'amplify-iam-guard:branch': 'main' },
      description: 'made by an earlier version',
    });
    await applyAttach({ roles, hosting: hosting() }, await attachPlan(roles, MAIN_OWNER.hosting, [READ_ONLY]), noWait);
    expect((await roles.describe('amplify-app1-main-compute'))?.tags).toEqual(ownerTags(MAIN_OWNER));
  });

  it('starts a release job and reads the branch’s last deployment back, newest first', async () => {
    fake.addApp({ appId: 'app2', name: 'shop', repository: 'https://github.com/example/shop' });
    fake.addBranch('app2', { branchName: 'feature/x' });
    expect(await hosting().lastDeployment('app2', 'feature/x')).toBeUndefined();
    fake.addJob('app2', 'feature/x', 1_700_000_000);
    expect(await hosting().lastDeployment('app2', 'feature/x')).toEqual(new Date(1_700_000_000_000));
    const jobId = await hosting().startRelease('app2', 'feature/x');
    expect(fake.jobs('app2', 'feature/x')[0]).toMatchObject({ jobId, jobType: 'RELEASE', status: 'PENDING' });
    // A job still running has not deployed anything yet.
    expect(await hosting().lastDeployment('app2', 'feature/x')).toEqual(new Date(1_700_000_000_000));
    const started = fake.jobs('app2', 'feature/x')[0];
    if (started) started.status = 'SUCCEED';
    expect((await hosting().lastDeployment('app2', 'feature/x'))?.getTime()).toBeGreaterThan(1_700_000_000_000);
    expect((await hosting().getApp('app2')).repository).toBe('https://github.com/example/shop');
  });

  it('lists every branch across pages', async () => {
    for (let index = 0; index < 120; index++) fake.addBranch('app1', { branchName: `b${index}` });
    const branches = await hosting().listBranches('app1');
    expect(branches).toHaveLength(120);
    expect(fake.log.filter((operation) => operation === 'ListBranches').length).toBeGreaterThan(1);
  });
});
