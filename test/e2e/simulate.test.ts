import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import type { StaticCredentials } from '../../src/aws/ports';
import { startIamSimulator, type IamSimulator } from '../fakes/iam-simulator';
import { credentialsInAccount, DEFAULT_CREDENTIALS } from '../support/accounts';
import { startLatencyProxy } from '../support/latency-proxy';
import { resetMoto } from '../support/moto';
import { addFunctionAndTable } from '../support/root-stack';
import { createSandbox, initProject, providersFor, type Sandbox } from './support/amplify-cli';
import { runAtTerminal } from './support/terminal';

const motoUrl = process.env.MOTO_URL as string;
const DEV = '123456789012';
const PROD = '222222222222';

let sandbox: Sandbox;
let simulator: IamSimulator;
let project: string;

const document = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const createBoundary = (credentials: StaticCredentials, policy: string): Promise<unknown> =>
  new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials }).send(
    new CreatePolicyCommand({ PolicyName: 'AmplifyBoundary', PolicyDocument: policy }),
  );

const cloudformation = (credentials: StaticCredentials) =>
  new CloudFormationClient({ region: 'us-east-1', endpoint: motoUrl, credentials });

// Only simulate goes through the double; everything else the CLI does talks to moto directly.
const simulate = (...args: string[]) =>
  sandbox.amplify(['boundary', 'simulate', ...args], { cwd: project, env: { AWS_ENDPOINT_URL: simulator.url } });

beforeAll(async () => {
  await resetMoto(motoUrl);
  simulator = await startIamSimulator(motoUrl);
  const prod = await credentialsInAccount(motoUrl, PROD);
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS, prod });
  // One policy name in both accounts, as organisations roll a boundary out: dev's denies prod's account, prod's is open.
  await createBoundary(
    DEFAULT_CREDENTIALS,
    document(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      {
        Effect: 'Deny',
        Action: '*',
        Resource: [`arn:aws:dynamodb:*:${PROD}:*`, `arn:aws:iam::${PROD}:role/*`, 'arn:aws:s3:::amplify-shop-prod-*'],
      },
    ),
  );
  await createBoundary(prod, document({ Effect: 'Allow', Action: '*', Resource: '*' }));
  project = await initProject(sandbox, {
    name: 'shop',
    env: 'dev',
    profile: 'default',
    extraArgs: ['--permissions-boundary', `arn:aws:iam::${DEV}:policy/AmplifyBoundary`],
  });
  const init = await sandbox.amplify(['init', '--yes', '--envName', 'prod', '--providers', providersFor('prod')], {
    cwd: project,
  });
  if (init.code !== 0) throw new Error(`amplify init --envName prod failed:\n${init.output}`);
  await addFunctionAndTable(cloudformation(DEFAULT_CREDENTIALS), project, 'shop', 'dev');
  await addFunctionAndTable(cloudformation(prod), project, 'shop', 'prod');
});

afterAll(() => simulator.stop());

describe('amplify boundary simulate in the real CLI', () => {
  it('proves dev isolated from prod: its boundary denies every checked action on prod’s resources', async () => {
    const result = await simulate('--env', 'dev', '--against', 'prod');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Simulated 3 role\(s\) of env "dev" against 5 resource\(s\) of env "prod" \(account 222222222222\)/,
    );
    expect(result.stdout).toContain('Outcomes: 0 allowed, ');
    expect(result.stdout).toContain('Env "prod" is in another account (222222222222)');
    expect(result.stdout).toContain("A resource's own policy");
    expect(result.stdout).toContain('Verdict: isolated.');
  });

  it('finds prod leaking into dev under an open boundary: exit 1, and the Deny that would close it', async () => {
    const result = await simulate('--env', 'prod', '--against', 'dev');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `allowed: dynamodb:GetItem, .* on arn:aws:dynamodb:us-east-1:${DEV}:table/Todo-dev — 1 of 3 role\\(s\\): shop-prod-fnRole`,
      ),
    );
    expect(result.stdout).toContain('"Sid": "DenyDevEnvResources"');
    expect(result.stdout).toContain(`"arn:aws:dynamodb:us-east-1:${DEV}:table/Todo-dev/*"`);
    expect(result.stdout).toContain('Verdict: leak.');

    const json = await simulate('--env', 'prod', '--against', 'dev', '--json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      verdict: string;
      against: string;
      suggestedStatement: { Effect: string; Action: string[] };
    };
    expect(report).toMatchObject({ verdict: 'leak', against: 'dev' });
    expect(report.suggestedStatement.Effect).toBe('Deny');
    expect(report.suggestedStatement.Action).toContain('dynamodb:*');
  });

  it('refuses the env against itself, naming --against, before any AWS call', async () => {
    const before = simulator.simulations();
    const result = await simulate('--env', 'prod', '--against', 'prod');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('--against prod is the env itself');
    expect(simulator.simulations()).toBe(before);
  });

  it('shows "Simulating n/m" in the CLI’s spinner at a terminal, and nothing of it under --json', async () => {
    // Each request 100 ms late, so the spinner is drawn while the simulations run.
    const slow = await startLatencyProxy(simulator.url, 100);
    try {
      const env = { AWS_ENDPOINT_URL: slow.url };
      const end = await runAtTerminal(sandbox, ['boundary', 'simulate', '--env', 'dev', '--against', 'prod'], {
        cwd: project,
        env,
      }).end();
      expect(end.code).toBe(0);
      // 3 roles × 5 ARN forms (a table 2, the deployment bucket 2, a role 1).
      expect(end.screen).toMatch(/Simulating \d+\/15/);
      expect(end.screen).toContain('Verdict: isolated.');
      const json = await runAtTerminal(
        sandbox,
        ['boundary', 'simulate', '--env', 'dev', '--against', 'prod', '--json'],
        {
          cwd: project,
          env,
        },
      ).end();
      expect(json.code).toBe(0);
      expect(json.screen).not.toContain('Simulating');
    } finally {
      await slow.stop();
    }
  });
});
