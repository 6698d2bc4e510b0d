import { DeleteRolePermissionsBoundaryCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, type Sandbox } from './support/amplify-cli';
import { DEV_BOUNDARY, initBoundedProject } from './support/bounded-project';
import { roleBoundaries } from './support/snapshot';
import { expectCancelled, KEY, question, runAtTerminal } from './support/terminal';

const motoUrl = process.env.MOTO_URL as string;
const REPAIR = question("Put the env's permissions boundary on the roles listed above?");

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;
let authRole: string;

const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const boundaryOf = async (role: string): Promise<string | undefined> =>
  (await iam.send(new GetRoleCommand({ RoleName: role }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn;
const verifyFix = () => runAtTerminal(sandbox, ['boundary', 'verify', '--fix'], { cwd: project });

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  project = await initBoundedProject(sandbox, motoUrl);
  const tpi = JSON.parse(await readFile(join(project, 'amplify/team-provider-info.json'), 'utf8')) as Record<
    string,
    { awscloudformation: Record<string, string> }
  >;
  authRole = tpi.dev.awscloudformation.AuthRoleName;
});
afterAll(() => fake.stop());

// Someone removed the auth role's boundary outside CloudFormation, which no push repairs.
beforeEach(() => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: authRole })));

describe('amplify boundary verify --fix at a terminal', () => {
  it('shows the plan, and puts the boundary back once the repair is confirmed', async () => {
    const run = verifyFix();
    await run.waitFor(REPAIR);
    expect(run.screen()).toContain(authRole);
    run.send(`y${KEY.enter}`);
    const end = await run.end();
    expect(await boundaryOf(authRole)).toBe(DEV_BOUNDARY);
    expect(end.code).toBe(0);
  });

  it('changes nothing when the answer is no', async () => {
    const before = await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS);
    const run = verifyFix();
    await run.answer(REPAIR, `n${KEY.enter}`);
    const end = await run.end();
    expect(end.screen).toContain('Nothing was changed.');
    expect(end.code).not.toBe(0);
    expect(await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS)).toEqual(before);
  });

  it('changes nothing when the question is answered with Ctrl-C', async () => {
    const before = await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS);
    const run = verifyFix();
    await run.waitFor(REPAIR);
    const end = await run.interrupt();
    expectCancelled(end);
    expect(await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS)).toEqual(before);
    expect(await boundaryOf(authRole)).toBeUndefined();
  });
});
