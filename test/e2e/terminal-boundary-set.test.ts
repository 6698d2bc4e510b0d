import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { startMoto, type MotoServer } from '../support/moto';
import { createSandbox, type Sandbox } from './support/amplify-cli';
import { createPolicies, initBoundedProject } from './support/bounded-project';
import { projectFiles, roleBoundaries } from './support/snapshot';
import { expectCancelled, KEY, question, runAtTerminal, type TerminalRun } from './support/terminal';

const ACCOUNT = '123456789012';
const STRICT = `arn:aws:iam::${ACCOUNT}:policy/org/StrictBoundary`;
const PICKER = question(`Permissions boundary for env "dev" (account ${ACCOUNT}, us-east-1)`);

let moto: MotoServer;
let motoUrl: string;
let sandbox: Sandbox;
let project: string;
let initialTpi: string;

const tpiPath = (): string => join(project, 'amplify/team-provider-info.json');
const boundaryOfDev = async (): Promise<unknown> =>
  (JSON.parse(await readFile(tpiPath(), 'utf8')) as Record<string, { awscloudformation: Record<string, unknown> }>).dev
    ?.awscloudformation.PermissionsBoundaryPolicyArn;
const boundarySet = () => runAtTerminal(sandbox, ['boundary', 'set'], { cwd: project });

beforeAll(async () => {
  // A moto of its own that knows the AWS-managed policies, so that one picked is checked as IAM would.
  moto = await startMoto({ MOTO_IAM_LOAD_MANAGED_POLICIES: 'true' });
  motoUrl = moto.url;
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS });
  await createPolicies(motoUrl, DEFAULT_CREDENTIALS, [
    { name: 'StrictBoundary', path: '/org/' },
    { name: 'ReadOnlyExtras' },
  ]);
  project = await initBoundedProject(sandbox, motoUrl);
  initialTpi = await readFile(tpiPath(), 'utf8');
});

afterAll(() => moto.stop());

// Each scenario starts from the env as init left it, whatever ran before.
beforeEach(() => writeFile(tpiPath(), initialTpi));

describe('amplify boundary set at a terminal', () => {
  it("filters the account's policies as you type and records the one picked", async () => {
    const run = boundarySet();
    await run.answer(PICKER, 'Strict');
    await run.answer('❯ /org/StrictBoundary', KEY.enter);
    const end = await run.end();
    expect(end.code).toBe(0);
    expect(end.screen).toContain(`permissions boundary set to ${STRICT}`);
    expect(await boundaryOfDev()).toBe(STRICT);
  });

  it('keeps asking for an ARN until the one typed is valid, showing why', async () => {
    const run = boundarySet();
    await run.answer(PICKER, 'Enter an ARN');
    await run.answer('❯ Enter an ARN', KEY.enter);
    await run.answer(question('IAM policy ARN'), `not-an-arn${KEY.enter}`);
    await run.waitFor('"not-an-arn" is not a valid IAM policy ARN');
    expect(run.screen()).not.toContain('permissions boundary set to');
    // The question stays with the bad value in it: clear that, then type a good one.
    run.send(`${KEY.backspace.repeat('not-an-arn'.length)}${STRICT}${KEY.enter}`);
    const end = await run.end();
    expect(end.code).toBe(0);
    expect(await boundaryOfDev()).toBe(STRICT);
  });

  it('takes an AWS-managed policy ARN', async () => {
    const managed = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    const run = boundarySet();
    await run.answer(PICKER, 'AWS-managed');
    await run.answer('❯ Use an AWS-managed policy ARN', KEY.enter);
    await run.answer(question('AWS-managed policy ARN'), `${managed}${KEY.enter}`);
    const end = await run.end();
    expect(end.code).toBe(0);
    expect(end.screen).toContain(`permissions boundary set to ${managed}`);
    expect(await boundaryOfDev()).toBe(managed);
  });

  it('records "" when the boundary is removed on purpose', async () => {
    const run = boundarySet();
    await run.answer(PICKER, 'Remove the');
    await run.answer('❯ Remove the boundary', KEY.enter);
    const end = await run.end();
    expect(end.code).toBe(0);
    expect(end.screen).toContain('removed on purpose');
    expect(await boundaryOfDev()).toBe('');
  });
});

describe('Ctrl-C during amplify boundary set', () => {
  const interruptedAt = async (reach: (run: TerminalRun) => Promise<void>): Promise<void> => {
    const files = await projectFiles(project);
    const roles = await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS);
    const run = boundarySet();
    await reach(run);
    const end = await run.interrupt();
    expect(await projectFiles(project)).toEqual(files);
    expect(await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS)).toEqual(roles);
    expectCancelled(end);
  };

  it('at the picker ends the run and changes nothing', () =>
    interruptedAt(async (run) => {
      await run.answer(PICKER, 'Strict');
      await run.waitFor('❯ /org/StrictBoundary');
    }));

  it('at the ARN input ends the run and changes nothing', () =>
    interruptedAt(async (run) => {
      await run.answer(PICKER, 'Enter an ARN');
      await run.answer('❯ Enter an ARN', KEY.enter);
      await run.answer(question('IAM policy ARN'), STRICT);
      await run.waitFor(STRICT);
    }));
});
