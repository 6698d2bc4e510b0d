import { CreatePolicyCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, initProject, type Sandbox } from './support/amplify-cli';
import { connectApp } from './support/hosting';

/**
 * Compute roles through the real CLI, each scenario on its own Amplify app (and a fresh iam-guard.json), so
 * that none depends on another having run first.
 */
const motoUrl = process.env.MOTO_URL as string;
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const READ_ONLY = 'arn:aws:iam::123456789012:policy/SsrReadOnly';
const WRITE = 'arn:aws:iam::123456789012:policy/SsrWrite';

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;
const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const amplify = (...args: string[]) => sandbox.amplify(args, { cwd: project });
const guardConfigPath = () => join(project, 'amplify/iam-guard.json');
const readGuardConfig = () => readFile(guardConfigPath(), 'utf8');
const policiesOf = async (role: string): Promise<string[]> =>
  ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies ?? []).map(
    (policy) => policy.PolicyArn ?? '',
  );
const nameOf = (arn: string | undefined): string => (arn ?? '').slice((arn ?? '').lastIndexOf('/') + 1);

/** A new hosting app with these branches, connected to the project's env dev, and no iam-guard.json. */
const newApp = async (appId: string, branches: string[], repository?: string) => {
  fake.addApp({ appId, name: 'shop', repository });
  for (const branchName of branches) fake.addBranch(appId, { branchName });
  await connectApp(project, 'dev', appId);
  await rm(guardConfigPath(), { force: true });
  return (name: string) => fake.apps.get(appId)?.branches.get(name);
};

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  for (const name of ['AmplifyBoundary', 'SsrReadOnly', 'SsrWrite'])
    await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  project = await initProject(sandbox, {
    name: 'targets',
    env: 'dev',
    profile: 'default',
    extraArgs: ['--permissions-boundary', BOUNDARY],
  });
});
afterAll(() => fake.stop());

describe('compute roles never cross hosting targets', () => {
  it('gives feature/x and feature-x different roles, and neither run changes the other’s policies', async () => {
    const branch = await newApp('d1collide', ['feature/x', 'feature-x']);
    const slash = await amplify('compute-role', 'attach', '--branch', 'feature/x', '--policy-arns', READ_ONLY, '--yes');
    expect(slash.code).toBe(0);
    const dash = await amplify('compute-role', 'attach', '--branch', 'feature-x', '--policy-arns', WRITE, '--yes');
    expect(dash.code).toBe(0);
    const slashRole = nameOf(branch('feature/x')?.computeRoleArn);
    const dashRole = nameOf(branch('feature-x')?.computeRoleArn);
    expect(slashRole).toBe('amplify-d1collide-feature-x-compute');
    expect(dashRole).toMatch(/^amplify-d1collide-feature-x-[0-9a-f]{8}-compute$/);
    expect(await policiesOf(slashRole)).toEqual([READ_ONLY]);
    expect(await policiesOf(dashRole)).toEqual([WRITE]);

    const again = await amplify('compute-role', 'attach', '--branch', 'feature/x', '--policy-arns', READ_ONLY, '--yes');
    expect(again.code).toBe(0);
    expect(await policiesOf(dashRole)).toEqual([WRITE]);
    expect(nameOf(branch('feature/x')?.computeRoleArn)).toBe(slashRole);
  });
});

describe('compute-role detach checks everything before it changes anything', () => {
  it('leaves branch, app and iam-guard.json as they were when --delete-role is refused', async () => {
    const branch = await newApp('d1preflight', ['dev', 'main']);
    const attach = await amplify('compute-role', 'attach', '--branch', 'dev', '--policy-arns', READ_ONLY, '--yes');
    expect(attach.code).toBe(0);
    const roleArn = branch('dev')?.computeRoleArn ?? '';
    // The same role now also serves the app default, so deleting it must be refused.
    const app = fake.apps.get('d1preflight');
    if (app) app.computeRoleArn = roleArn;
    const before = await readGuardConfig();

    const result = await amplify('compute-role', 'detach', '--branch', 'dev', '--delete-role', '--yes');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`--delete-role refused: role ${roleArn} is still used by the app default`);
    expect(branch('dev')?.computeRoleArn).toBe(roleArn);
    expect(fake.apps.get('d1preflight')?.computeRoleArn).toBe(roleArn);
    expect(await readGuardConfig()).toBe(before);
    expect(await policiesOf(nameOf(roleArn))).toEqual([READ_ONLY]);
  });
});

describe('compute-role attach --redeploy', () => {
  it('starts a release job of the branch; show says pending until that job has deployed, then in effect', async () => {
    const branch = await newApp('d1redeploy', ['dev'], 'https://github.com/example/shop');
    const result = await amplify('compute-role', 'attach', '--policy-arns', READ_ONLY, '--redeploy', '--yes');
    expect(result.code).toBe(0);
    expect(fake.jobs('d1redeploy', 'dev')[0]).toMatchObject({ jobType: 'RELEASE' });
    expect(result.stdout).toContain('Started release job 1 of branch dev');
    expect(branch('dev')?.computeRoleArn).toContain('amplify-d1redeploy-dev-compute');

    const state = async () =>
      (JSON.parse((await amplify('compute-role', 'show', '--json')).stdout) as { branches: Array<{ state: string }> })
        .branches[0]?.state;
    expect(await state()).toBe('pending');
    const release = fake.jobs('d1redeploy', 'dev')[0];
    if (release) release.status = 'SUCCEED';
    expect(await state()).toBe('in-effect');

    const detached = await amplify('compute-role', 'detach', '--yes');
    expect(detached.code).toBe(0);
    expect(detached.stdout).toContain("only at the branch's next deployment");
  });

  it('says what to run instead for an app deployed by hand, and starts no job', async () => {
    await newApp('d1manual', ['dev']);
    const logStart = fake.log.length;
    const result = await amplify('compute-role', 'attach', '--policy-arns', READ_ONLY, '--redeploy', '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('App d1manual is deployed by hand');
    expect(fake.jobs('d1manual', 'dev')).toEqual([]);
    expect(fake.log.slice(logStart)).not.toContain('StartJob');

    const shown = await amplify('compute-role', 'show');
    expect(shown.stdout).toContain('pending (next deployment)');
  });
});
