import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, initProject, type Sandbox } from './support/amplify-cli';
import { connectApp } from './support/hosting';
import { hostingState, projectFiles } from './support/snapshot';
import { expectCancelled, KEY, question, runAtTerminal } from './support/terminal';

const motoUrl = process.env.MOTO_URL as string;
const APP = 'd1exampleapp';
const STATIC_KEYS = {
  MY_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  MY_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const REMOVE_QUESTION = question('Remove MY_ACCESS_KEY_ID, MY_SECRET_ACCESS_KEY from branch legacy?');

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;

const variablesOfLegacy = () => fake.apps.get(APP)?.branches.get('legacy')?.environmentVariables;
const auditFix = () => runAtTerminal(sandbox, ['compute-role', 'audit', '--fix'], { cwd: project });

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  project = await initProject(sandbox, { name: 'shop', env: 'dev', profile: 'default' });
  fake.addApp({ appId: APP, name: 'shop' });
  await connectApp(project, 'dev', APP);
});
afterAll(() => fake.stop());

// Every scenario starts from a branch that still holds the keys, with a compute role already in effect.
beforeEach(() =>
  fake.addBranch(APP, {
    branchName: 'legacy',
    computeRoleArn: 'arn:aws:iam::123456789012:role/legacy-compute',
    environmentVariables: { ...STATIC_KEYS, SITE_NAME: 'shop' },
  }),
);

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
