import type { SimulatorPort, StackResource } from '../../../src/aws/ports';
import { SIMULATE_CONCURRENCY, simulateEnv } from '../../../src/read/simulate-env';
import type { Progress } from '../../../src/host/io';
import { DEFAULT_CONFIG } from '../../../src/project/guard-config';
import { projectPaths } from '../../../src/project/paths';
import { accountAws } from '../../fakes/aws-world';

const BOUNDARY = 'arn:aws:iam::111111111111:policy/DevBoundary';
const role = (name: string): StackResource => ({ logicalId: name, type: 'AWS::IAM::Role', physicalId: name });
const table = (name: string): StackResource => ({ logicalId: name, type: 'AWS::DynamoDB::Table', physicalId: name });

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('simulateEnv', () => {
  it('asks at most four simulations at once, and shows "Simulating n/m" as they come back', async () => {
    const roles = Array.from({ length: 6 }, (_, index) => `dev-role${index}`);
    const own = accountAws('111111111111', {
      roles: Object.fromEntries(roles.map((name) => [name, BOUNDARY])),
      stacks: { 'amplify-shop-dev': roles.map(role) },
    });
    const other = accountAws('222222222222', {
      stacks: { 'amplify-shop-prod': [table('Todo-prod'), table('Order-prod')] },
    });
    let inFlight = 0;
    let most = 0;
    const waiting: Array<() => void> = [];
    const simulator: SimulatorPort = {
      simulate: (_roleArn, actions, resources) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        return new Promise((resolve) =>
          waiting.push(() => {
            inFlight -= 1;
            resolve(
              actions.flatMap((action) =>
                resources.map((resource) => ({ action, resource, decision: 'implicitDeny', allowedByBoundary: false })),
              ),
            );
          }),
        );
      },
    };
    const shown: string[] = [];
    const progress: Progress = {
      start: (text) => shown.push(text),
      update: (text) => shown.push(text),
      stop: () => {},
    };
    const run = simulateEnv({
      paths: projectPaths('/nonexistent-project'),
      config: DEFAULT_CONFIG,
      own: {
        env: { name: 'dev', stackName: 'amplify-shop-dev' },
        session: {
          aws: {
            ...own,
            iam: {
              ...own.iam,
              roleBoundary: (name) =>
                Promise.resolve({ found: true, boundary: BOUNDARY, arn: `arn:aws:iam::111111111111:role/${name}` }),
            },
            simulator,
          },
          target: { env: 'dev', account: '111111111111', region: 'us-east-1' },
        },
      },
      other: {
        env: { name: 'prod', stackName: 'amplify-shop-prod' },
        session: { aws: other, target: { env: 'prod', account: '222222222222', region: 'us-east-1' } },
      },
      expected: BOUNDARY,
      mode: { kind: 'against', against: 'prod' },
      progress,
    });
    let finished = false;
    void run.finally(() => (finished = true)).catch(() => {});
    // Answers whatever waits, a wave at a time, until the run is over (the stack reads come first).
    while (!finished) {
      await settle();
      waiting.splice(0).forEach((answer) => answer());
    }
    const simulation = await run;
    expect(most).toBe(SIMULATE_CONCURRENCY);
    // 6 roles × 2 ARN forms of a table.
    expect(shown).toContain('Simulating 0/12');
    expect(shown).toContain('Simulating 12/12');
    expect(simulation.findings).toHaveLength(6 * 2 * 8 * 2);
    expect(simulation.findings.every((finding) => finding.outcome === 'denied-by-boundary')).toBe(true);
    expect(simulation.roles.every((one) => one.carriesEnvBoundary)).toBe(true);
  });
});

describe('simulateEnv with a hosting app', () => {
  it("simulates the env's compute role too, and the other env's function secrets under the project's app id", async () => {
    const computeRoleArn = 'arn:aws:iam::111111111111:role/amplify-d1shop-dev-compute';
    const own = accountAws('111111111111', {
      stacks: { 'amplify-shop-dev': [role('dev-authRole')] },
      apps: [
        {
          app: { appId: 'd1shop', name: 'shop', environmentVariables: {} },
          branches: [{ branchName: 'dev', computeRoleArn, environmentVariables: {} }],
        },
      ],
    });
    const other = accountAws('222222222222', { stacks: { 'amplify-shop-prod': [] } });
    const asked: Array<{ roleArn: string; resources: readonly string[] }> = [];
    const simulation = await simulateEnv({
      paths: projectPaths('/nonexistent-project'),
      config: DEFAULT_CONFIG,
      own: {
        env: { name: 'dev', stackName: 'amplify-shop-dev', appId: 'd1shop' },
        session: {
          aws: {
            ...own,
            iam: {
              ...own.iam,
              roleBoundary: (name) =>
                Promise.resolve({ found: true, boundary: undefined, arn: `arn:aws:iam::111111111111:role/${name}` }),
            },
            simulator: {
              simulate: (roleArn, actions, resources) => {
                asked.push({ roleArn, resources });
                return Promise.resolve(
                  actions.flatMap((action) => resources.map((resource) => ({ action, resource, decision: 'allowed' }))),
                );
              },
            },
          },
          target: { env: 'dev', account: '111111111111', region: 'us-east-1' },
        },
      },
      other: {
        env: { name: 'prod', stackName: 'amplify-shop-prod', appId: 'd1shop' },
        session: { aws: other, target: { env: 'prod', account: '222222222222', region: 'eu-west-1' } },
      },
      expected: BOUNDARY,
      mode: { kind: 'against', against: 'prod' },
    });
    expect(simulation.roles.map((one) => [one.role, one.carriesEnvBoundary])).toEqual([
      ['dev-authRole', false],
      ['amplify-d1shop-dev-compute', false],
    ]);
    expect(asked).toEqual([
      {
        roleArn: 'arn:aws:iam::111111111111:role/dev-authRole',
        resources: ['arn:aws:ssm:eu-west-1:222222222222:parameter/amplify/d1shop/prod/*'],
      },
      { roleArn: computeRoleArn, resources: ['arn:aws:ssm:eu-west-1:222222222222:parameter/amplify/d1shop/prod/*'] },
    ]);
  });
});
