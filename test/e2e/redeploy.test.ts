import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, initProject, type Sandbox } from './support/amplify-cli';
import { connectApp } from './support/hosting';

const motoUrl = process.env.MOTO_URL as string;
const APP = 'd3redeploy';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const READ_ONLY = 'arn:aws:iam::123456789012:policy/SsrReadOnly';
const ROLE_ARN = `arn:aws:iam::123456789012:role/amplify-${APP}-main-compute`;

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;
const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const attach = (...extra: string[]) =>
  sandbox.amplify(['compute-role', 'attach', '--policy-arns', READ_ONLY, '--yes', ...extra], { cwd: project });

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  for (const name of ['AmplifyBoundary', 'SsrReadOnly'])
    await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  project = await initProject(sandbox, {
    name: 'redeploy',
    env: 'dev',
    profile: 'default',
    extraArgs: ['--permissions-boundary', BOUNDARY],
  });
  fake.addApp({ appId: APP, name: 'redeploy', repository: 'https://github.com/example/redeploy' });
  fake.addBranch(APP, {
    branchName: 'main',
    backendEnvironmentArn: `arn:aws:amplify:us-east-1:123456789012:apps/${APP}/backendenvironments/dev`,
  });
  await connectApp(project, 'dev', APP);
}, 300_000);
afterAll(async () => {
  iam.destroy();
  await fake.stop();
});

describe('compute-role attach, then attach --redeploy', () => {
  it('starts the deployment a plain attach advised while the role is pending, and none once it is in effect', async () => {
    const first = await attach();
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Run the command with --redeploy to start that deployment now');
    expect(fake.jobs(APP, 'main')).toEqual([]);

    const redeployed = await attach('--redeploy');
    expect(redeployed.code).toBe(0);
    expect(redeployed.stdout).toContain(`Nothing to change: branch main of app ${APP} already uses ${ROLE_ARN}.`);
    expect(redeployed.stdout).toContain('Started release job 1 of branch main');
    expect(fake.jobs(APP, 'main')).toEqual([expect.objectContaining({ jobType: 'RELEASE' })]);

    // The branch deploys after the role was set: from then on the role is in effect.
    fake.addJob(APP, 'main', Math.floor(Date.now() / 1000) + 2);
    const again = await attach('--redeploy');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`The compute role of branch main of app ${APP} is already in effect`);
    expect(again.stdout).toContain('no deployment was started');
    expect(fake.jobs(APP, 'main')).toHaveLength(2);
  });
});
