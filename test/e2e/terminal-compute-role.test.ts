import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, type Sandbox } from './support/amplify-cli';
import { createPolicies, DEV_BOUNDARY, initBoundedProject } from './support/bounded-project';
import { connectApp } from './support/hosting';
import { hostingState, projectFiles, roleBoundaries } from './support/snapshot';
import { expectCancelled, KEY, question, runAtTerminal, type Exchange } from './support/terminal';

const motoUrl = process.env.MOTO_URL as string;
const APP = 'd1exampleapp';
const READ_ONLY = 'arn:aws:iam::123456789012:policy/SsrReadOnly';
const STATIC_KEYS = {
  MY_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  MY_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const REMOVE_QUESTION = question('Remove MY_ACCESS_KEY_ID, MY_SECRET_ACCESS_KEY from branch legacy?');

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;

const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const variablesOfLegacy = () => fake.apps.get(APP)?.branches.get('legacy')?.environmentVariables;
const auditFix = () => runAtTerminal(sandbox, ['compute-role', 'audit', '--fix'], { cwd: project });

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  await createPolicies(motoUrl, DEFAULT_CREDENTIALS, [{ name: 'SsrReadOnly' }]);
  project = await initBoundedProject(sandbox, motoUrl);
  fake.addApp({ appId: APP, name: 'shop' });
  fake.addBranch(APP, {
    branchName: 'main',
    backendEnvironmentArn: `arn:aws:amplify:us-east-1:123456789012:apps/${APP}/backendenvironments/dev`,
  });
  fake.addBranch(APP, { branchName: 'preview' });
  await connectApp(project, 'dev', APP);
});
afterAll(() => fake.stop());

// Every scenario starts from a branch that still holds the keys, with a compute role already in effect: set
// by hand, and the branch deployed since.
beforeEach(() => {
  fake.addBranch(APP, {
    branchName: 'legacy',
    computeRoleArn: 'arn:aws:iam::123456789012:role/legacy-compute',
    environmentVariables: { ...STATIC_KEYS, SITE_NAME: 'shop' },
  });
  fake.addJob(APP, 'legacy');
});

describe('amplify compute-role audit --fix at a terminal', () => {
  it('removes the static keys once the removal is confirmed', async () => {
    const run = auditFix();
    await run.answer(REMOVE_QUESTION, `y${KEY.enter}`);
    const end = await run.end();
    expect(end.screen).toContain('Removed branch legacy: MY_ACCESS_KEY_ID');
    expect(end.screen).not.toContain(STATIC_KEYS.MY_ACCESS_KEY_ID);
    expect(end.code).toBe(0);
    expect(variablesOfLegacy()).toEqual({ SITE_NAME: 'shop' });
  });

  it('keeps the variables when the removal is declined', async () => {
    const run = auditFix();
    await run.answer(REMOVE_QUESTION, `n${KEY.enter}`);
    const end = await run.end();
    expect(end.screen).not.toContain('Removed branch legacy');
    expect(end.code).not.toBe(0);
    expect(variablesOfLegacy()).toEqual({ ...STATIC_KEYS, SITE_NAME: 'shop' });
  });
});

describe('Ctrl-C during amplify compute-role audit --fix', () => {
  it('at the confirmation ends the run and changes nothing', async () => {
    const files = await projectFiles(project);
    const hosting = hostingState(fake);
    const run = auditFix();
    await run.waitFor(REMOVE_QUESTION);
    const end = await run.interrupt();
    expect(await projectFiles(project)).toEqual(files);
    expect(hostingState(fake)).toEqual(hosting);
    expectCancelled(end);
  });
});

/** The interactive attach flow up to its last question: create a role with one managed policy and no inline one. */
const createRoleUpToConfirm = (branch: string): Exchange[] => [
  [question(`Compute role for branch ${branch} of app ${APP}`), KEY.enter],
  [question('Managed policy ARNs for the role'), `${READ_ONLY}${KEY.enter}`],
  [question('Inline policy file'), KEY.enter],
];
const CONFIRM_PLAN = question('Apply this plan?');

describe('amplify compute-role attach at a terminal', () => {
  it('creates the role it planned and attaches it once the plan is confirmed', async () => {
    const run = runAtTerminal(sandbox, ['compute-role', 'attach'], { cwd: project });
    await run.converse([...createRoleUpToConfirm('main'), [CONFIRM_PLAN, `y${KEY.enter}`]]);
    const end = await run.end();
    expect(end.screen).toContain(`Plan for role amplify-${APP}-main-compute`);
    expect(end.code).toBe(0);
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: `amplify-${APP}-main-compute` }));
    expect(Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(DEV_BOUNDARY);
    expect(fake.apps.get(APP)?.branches.get('main')?.computeRoleArn).toBe(Role?.Arn);
  });
});

describe('Ctrl-C during amplify compute-role attach', () => {
  it('at the plan confirmation ends the run, creating and attaching nothing', async () => {
    const files = await projectFiles(project);
    const hosting = hostingState(fake);
    const roles = await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS);
    const run = runAtTerminal(sandbox, ['compute-role', 'attach', '--branch', 'preview'], { cwd: project });
    await run.converse(createRoleUpToConfirm('preview'));
    await run.waitFor(CONFIRM_PLAN);
    const end = await run.interrupt();
    expect(await projectFiles(project)).toEqual(files);
    expect(hostingState(fake)).toEqual(hosting);
    expect(await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS)).toEqual(roles);
    expectCancelled(end);
  });
});
