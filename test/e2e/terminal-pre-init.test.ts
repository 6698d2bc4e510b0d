import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StaticCredentials } from '../../src/aws/ports';
import { credentialsInAccount, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, providersFor, type Sandbox } from './support/amplify-cli';
import { createPolicies, initBoundedProject } from './support/bounded-project';
import { projectFiles, roleBoundaries } from './support/snapshot';
import { expectCancelled, KEY, question, runAtTerminal } from './support/terminal';

const motoUrl = process.env.MOTO_URL as string;
const OTHER = '222222222222';
const PROD_BOUNDARY = `arn:aws:iam::${OTHER}:policy/ProdBoundary`;
const PICKER = question(`Permissions boundary for env "prod" (account ${OTHER}, us-east-1)`);

let sandbox: Sandbox;
let project: string;
let other: StaticCredentials;

const boundaryOf = async (env: string): Promise<unknown> =>
  (
    JSON.parse(await readFile(join(project, 'amplify/team-provider-info.json'), 'utf8')) as Record<
      string,
      { awscloudformation: Record<string, unknown> }
    >
  )[env]?.awscloudformation.PermissionsBoundaryPolicyArn;

// The CLI's own questions are settled by flags, so what is left to answer is the plugin's.
const initProd = () =>
  runAtTerminal(sandbox, ['init', '--envName', 'prod', '--providers', providersFor('prod')], { cwd: project });

beforeAll(async () => {
  await resetMoto(motoUrl);
  other = await credentialsInAccount(motoUrl, OTHER);
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS, prod: other });
  // The other account has no AmplifyBoundary, so the current env's boundary cannot be carried over.
  await createPolicies(motoUrl, other, [{ name: 'ProdBoundary' }]);
  project = await initBoundedProject(sandbox, motoUrl);
});

// Each scenario adds an env from dev, whatever env an earlier one left checked out.
beforeEach(() => sandbox.amplify(['env', 'checkout', 'dev'], { cwd: project }));

describe('amplify init --envName at a terminal, in an account without the current boundary', () => {
  it("asks with the new account's policies and creates the env with the one picked", async () => {
    const run = initProd();
    await run.answer(PICKER, 'Prod');
    await run.answer('❯ ProdBoundary', KEY.enter);
    const end = await run.end();
    expect(end.code).toBe(0);
    expect(end.screen).toContain('arn:aws:iam::222222222222:policy/AmplifyBoundary');
    expect(end.screen).toContain(`env "prod" (account ${OTHER}) gets permissions boundary ${PROD_BOUNDARY}`);
    expect(await boundaryOf('prod')).toBe(PROD_BOUNDARY);
    expect(Object.values(await roleBoundaries(motoUrl, other))).toEqual([PROD_BOUNDARY, PROD_BOUNDARY]);
  });
});

describe('Ctrl-C during amplify init --envName', () => {
  it('at the picker ends the run before the env exists, and changes nothing', async () => {
    const files = await projectFiles(project);
    const roles = await roleBoundaries(motoUrl, other);
    const run = runAtTerminal(sandbox, ['init', '--envName', 'qa', '--providers', providersFor('prod')], {
      cwd: project,
    });
    await run.answer(question(`Permissions boundary for env "qa" (account ${OTHER}, us-east-1)`), 'Prod');
    await run.waitFor('❯ ProdBoundary');
    const end = await run.interrupt();
    expect(await projectFiles(project)).toEqual(files);
    expect(await boundaryOf('qa')).toBeUndefined();
    expect(await roleBoundaries(motoUrl, other)).toEqual(roles);
    expectCancelled(end);
  });
});
