import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AmplifyFake } from '../fakes/amplify-fake';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import type { Sandbox } from './support/amplify-cli';
import { DEV_BOUNDARY, pushableBoundedProject } from './support/bounded-project';
import { projectFiles, roleBoundaries } from './support/snapshot';
import { expectCancelled, KEY, question, runAtTerminal } from './support/terminal';

const motoUrl = process.env.MOTO_URL as string;
const GUARD_QUESTION = question('What should this push do with the boundary?');

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;

type Tpi = Record<string, { awscloudformation: Record<string, unknown> }>;
const tpiPath = (): string => join(project, 'amplify/team-provider-info.json');
const readTpi = async (): Promise<Tpi> => JSON.parse(await readFile(tpiPath(), 'utf8')) as Tpi;
const push = () => runAtTerminal(sandbox, ['push', '--force'], { cwd: project });

beforeAll(async () => {
  ({ fake, sandbox, project } = await pushableBoundedProject(motoUrl));
});

afterAll(() => fake.stop());

// A checkout that lost the boundary key (say, a team-provider-info from before it was set) of a deployed env.
beforeEach(async () => {
  const tpi = await readTpi();
  delete tpi.dev?.awscloudformation.PermissionsBoundaryPolicyArn;
  await writeFile(tpiPath(), JSON.stringify(tpi, null, 2));
});

describe('amplify push at a terminal when team-provider-info lost the deployed boundary', () => {
  it('keeps the deployed boundary when asked to, and the push goes on with it', async () => {
    const run = push();
    await run.answer(GUARD_QUESTION, KEY.enter);
    await run.answer(question('Are you sure you want to continue?'), `y${KEY.enter}`);
    const end = await run.end();
    expect(end.code).toBe(0);
    expect(end.screen).toContain(`Env "dev" was deployed with permissions boundary ${DEV_BOUNDARY}`);
    expect(end.screen).toContain(`wrote permissions boundary ${DEV_BOUNDARY} for env "dev" to team-provider-info`);
    expect((await readTpi()).dev?.awscloudformation.PermissionsBoundaryPolicyArn).toBe(DEV_BOUNDARY);
    expect(Object.values(await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS))).toEqual([DEV_BOUNDARY, DEV_BOUNDARY]);
  });
});

describe('amplify push at a terminal, boundary removed on purpose', () => {
  it('records "" when asked to remove it', async () => {
    const run = push();
    await run.answer(GUARD_QUESTION, `${KEY.down}${KEY.enter}`);
    // Declined, so the deployed roles keep their boundary for the other scenarios; the answer is recorded before.
    await run.answer(question('Are you sure you want to continue?'), `n${KEY.enter}`);
    const end = await run.end();
    expect(end.screen).toContain('recorded no boundary ("") for env "dev" in team-provider-info');
    expect((await readTpi()).dev?.awscloudformation.PermissionsBoundaryPolicyArn).toBe('');
  });
});

describe('Ctrl-C during amplify push', () => {
  it('at the boundary question ends the run before anything deploys, and changes nothing', async () => {
    const files = await projectFiles(project);
    const roles = await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS);
    const run = push();
    await run.waitFor(GUARD_QUESTION);
    const end = await run.interrupt();
    expect(await projectFiles(project)).toEqual(files);
    expect(await roleBoundaries(motoUrl, DEFAULT_CREDENTIALS)).toEqual(roles);
    expectCancelled(end);
  });
});
