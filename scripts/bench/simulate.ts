/**
 * The `simulate` row of `npm run bench`: `amplify boundary simulate --against` of an env of 30 roles against an env
 * of 40 resources, in the real Amplify CLI, every AWS request 20 ms late, next to the same SimulatePrincipalPolicy
 * requests made one at a time (and 4 at a time) from this process. moto has no policy simulator: the project's
 * test double answers it in front of moto, reading each role's policies once. The section it writes is the last
 * of RESULTS.md. Runs alone with `node .sandbox/build/scripts/bench/simulate.js [--rounds <n>]`.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openEnvSession, type EnvSession } from '../../src/aws/env-session';
import type { StaticCredentials } from '../../src/aws/ports';
import { partitionOfRegion } from '../../src/boundary/partition';
import { planAgainst, type SimulationRequest } from '../../src/boundary/simulation-plan';
import { findStackResources, findStackRoles } from '../../src/flows/verify-env';
import { mapLimit } from '../../src/util/map-limit';
import { startIamSimulator, type IamSimulator } from '../../test/fakes/iam-simulator';
import {
  createSandbox,
  initProject,
  PLUGIN_ROOT,
  providersFor,
  type Sandbox,
} from '../../test/e2e/support/amplify-cli';
import { credentialsInAccount, DEFAULT_ACCOUNT, DEFAULT_CREDENTIALS } from '../../test/support/accounts';
import { startLatencyProxy, type LatencyProxy } from '../../test/support/latency-proxy';
import { startMoto, type MotoServer } from '../../test/support/moto';
import { addToRootStack } from '../../test/support/root-stack';
import { median } from './results';
import { growStackTree } from './stack-tree';

const DELAY_MS = 20;
const PROD_ACCOUNT = '222222222222';
const REGION = 'us-east-1';
const SECTION = '## simulate: 30 roles against 40 resources';

type Env = { name: string; credentials: StaticCredentials; account: string; stackName: string; bucket: string };

const document = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

const readEnv = async (project: string, name: string, credentials: StaticCredentials, account: string) => {
  const tpi = JSON.parse(await readFile(join(project, 'amplify/team-provider-info.json'), 'utf8')) as Record<
    string,
    { awscloudformation: { StackName: string; DeploymentBucketName: string } }
  >;
  const { StackName, DeploymentBucketName } = tpi[name].awscloudformation;
  return { name, credentials, account, stackName: StackName, bucket: DeploymentBucketName };
};

/** 37 resources next to the 3 every env has (auth and unauth roles, deployment bucket): 40 to check. */
const prodResources = (): Record<string, unknown> => {
  const resources: Record<string, unknown> = {};
  for (let index = 0; index < 10; index += 1) {
    resources[`Table${index}`] = {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: `Bench${index}-prod`,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
    };
  }
  for (let index = 0; index < 9; index += 1) {
    resources[`Bucket${index}`] = { Type: 'AWS::S3::Bucket', Properties: { BucketName: `bench-prod-bucket${index}` } };
    resources[`Topic${index}`] = { Type: 'AWS::SNS::Topic', Properties: { TopicName: `bench-prod-topic${index}` } };
    resources[`Queue${index}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `bench-prod-queue${index}` } };
  }
  return resources;
};

const session = (env: Env): Promise<EnvSession> =>
  openEnvSession(
    { name: env.name, account: env.account, region: REGION },
    { region: REGION, credentials: env.credentials },
  );

/** The requests simulate makes, planned the way it plans them, to be sent again from this process. */
const planRequests = async (dev: Env, prod: Env): Promise<SimulationRequest[]> => {
  const [own, other] = await Promise.all([session(dev), session(prod)]);
  const roles = await findStackRoles(own.aws, dev.stackName);
  const principals = await Promise.all(
    roles.map(async ({ role }) => {
      const read = await own.aws.iam.roleBoundary(role);
      return { role, arn: read.found ? (read.arn ?? '') : '' };
    }),
  );
  return planAgainst({
    principals,
    resources: await findStackResources(other.aws, prod.stackName),
    place: { partition: partitionOfRegion(REGION), region: REGION, account: prod.account },
  }).requests;
};

/** Sends the planned SimulatePrincipalPolicy requests with at most `limit` in flight; returns milliseconds. */
const timeRequests = async (dev: Env, requests: SimulationRequest[], limit: number): Promise<number> => {
  const { aws } = await session(dev);
  const start = performance.now();
  await mapLimit(requests, limit, (request) =>
    aws.simulator.simulate(request.roleArn, request.actions, request.resources),
  );
  return performance.now() - start;
};

const rewriteSection = async (file: string, section: string): Promise<void> => {
  const text = await readFile(file, 'utf8');
  const start = text.indexOf(SECTION);
  await writeFile(file, `${(start >= 0 ? text.slice(0, start) : text).trimEnd()}\n\n${section}`);
};

/** Runs the simulate bench in its own moto, and writes its section at the end of RESULTS.md. */
export const benchSimulate = async (rounds: number): Promise<string> => {
  let moto: MotoServer | undefined;
  let simulator: IamSimulator | undefined;
  let proxy: LatencyProxy | undefined;
  let sandbox: Sandbox | undefined;
  const loadBefore = loadavg()[1].toFixed(1);
  try {
    moto = await startMoto();
    simulator = await startIamSimulator(moto.url, { pageSize: 1000, keepPolicies: true });
    proxy = await startLatencyProxy(simulator.url, DELAY_MS);
    const prodCredentials = await credentialsInAccount(moto.url, PROD_ACCOUNT);
    sandbox = await createSandbox(moto.url, { default: DEFAULT_CREDENTIALS, prod: prodCredentials });
    const boundary = (credentials: StaticCredentials, policy: string) =>
      new IAMClient({ region: REGION, endpoint: moto!.url, credentials }).send(
        new CreatePolicyCommand({ PolicyName: 'AmplifyBoundary', PolicyDocument: policy }),
      );
    await boundary(
      DEFAULT_CREDENTIALS,
      document(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: [`arn:aws:*:*:${PROD_ACCOUNT}:*`, 'arn:aws:s3:::*prod*'] },
      ),
    );
    await boundary(prodCredentials, document({ Effect: 'Allow', Action: '*', Resource: '*' }));
    console.log('simulate bench: amplify init dev and prod…');
    const project = await initProject(sandbox, {
      name: 'bench',
      env: 'dev',
      profile: 'default',
      extraArgs: ['--permissions-boundary', `arn:aws:iam::${DEFAULT_ACCOUNT}:policy/AmplifyBoundary`],
    });
    const prodInit = await sandbox.amplify(
      ['init', '--yes', '--envName', 'prod', '--providers', providersFor('prod')],
      {
        cwd: project,
      },
    );
    if (prodInit.code !== 0) throw new Error(`amplify init --envName prod failed:\n${prodInit.output}`);
    const dev = await readEnv(project, 'dev', DEFAULT_CREDENTIALS, DEFAULT_ACCOUNT);
    const prod = await readEnv(project, 'prod', prodCredentials, PROD_ACCOUNT);
    const roles = await growStackTree({
      motoUrl: moto.url,
      credentials: DEFAULT_CREDENTIALS,
      rootStack: dev.stackName,
      bucket: dev.bucket,
      boundary: `arn:aws:iam::${DEFAULT_ACCOUNT}:policy/AmplifyBoundary`,
      shape: { nestedStacks: 2, rolesPerStack: 14 },
    });
    await addToRootStack(
      new CloudFormationClient({ region: REGION, endpoint: moto.url, credentials: prodCredentials }),
      prod.stackName,
      prodResources(),
    );

    process.env.AWS_ENDPOINT_URL = proxy.url;
    const requests = await planRequests(dev, prod);
    const viaProxy = { AWS_ENDPOINT_URL: proxy.url };
    let cliRequests: Record<string, number> = {};
    let verdict = '';
    let resources = 0;
    const measures: Array<[string, () => Promise<number>]> = [
      [
        'cli',
        async () => {
          proxy!.resetCounts();
          const start = performance.now();
          const result = await sandbox!.amplify(
            ['boundary', 'simulate', '--env', 'dev', '--against', 'prod', '--json'],
            {
              cwd: project,
              env: viaProxy,
            },
          );
          const ms = performance.now() - start;
          if (result.code !== 0) throw new Error(`simulate exited ${String(result.code)}:\n${result.output}`);
          const report = JSON.parse(result.stdout) as { verdict: string; resources: unknown[] };
          verdict = report.verdict;
          resources = report.resources.length;
          cliRequests = proxy!.counts();
          return ms;
        },
      ],
      ['four', () => timeRequests(dev, requests, 4)],
      ['one', () => timeRequests(dev, requests, 1)],
    ];
    const samples: Array<Record<string, number>> = [];
    for (let round = 0; round <= rounds; round += 1) {
      const sample: Record<string, number> = {};
      for (let step = 0; step < measures.length; step += 1) {
        const [name, measure] = measures[(round + step) % measures.length];
        sample[name] = await measure();
      }
      if (round > 0) samples.push(sample);
      console.log(
        `${round === 0 ? 'warm-up' : `round ${round}`}: ${Object.entries(sample)
          .map(([name, ms]) => `${name} ${Math.round(ms)} ms`)
          .join(', ')}`,
      );
    }
    const of = (name: string): number => median(samples.map((sample) => sample[name]));
    const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
    const simulations = cliRequests.SimulatePrincipalPolicy ?? 0;
    // Only a machine whose load exceeds its CPUs is called busy, so the note says what this run saw.
    const busy = Math.max(Number(loadBefore), loadavg()[1]) > cpus().length;
    const section = [
      SECTION,
      '',
      `${new Date().toISOString()}, commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PLUGIN_ROOT }).toString().trim()}; ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version} on ${platform()} ${release()}; load average ${loadBefore} → ${loadavg()[1].toFixed(1)} (5 min); medians of ${rounds} interleaved rounds after a warm-up, every request ${DELAY_MS} ms late.`,
      '',
      `- \`amplify boundary simulate --env dev --against prod --json\`: ${roles} roles of dev against ${resources} resources of prod (another account), verdict \`${verdict}\`.`,
      `- Requests made by one run: ${Object.entries(cliRequests)
        .map(([action, count]) => `${action} ${count}`)
        .join(
          ', ',
        )}; ${simulations} SimulatePrincipalPolicy = ${requests.length} (one per role and resource ARN form) + ${simulations - requests.length} further pages.`,
      '',
      '| measure | median |',
      '|---|---|',
      `| the whole command in the real CLI (start-up, both envs' stacks, roles, ${requests.length} simulations 4 at a time) | ${seconds(of('cli'))} |`,
      `| the same ${requests.length} SimulatePrincipalPolicy requests, 4 in flight | ${seconds(of('four'))} |`,
      `| the same ${requests.length} SimulatePrincipalPolicy requests, one at a time | ${seconds(of('one'))} |`,
      '',
      `The simulations alone are ${(of('one') / of('four')).toFixed(1)}× faster 4 at a time than one at a time. The test double answers each SimulatePrincipalPolicy in one page (AWS may split an answer into several; simulate follows every Marker) and reads each role's policies from moto once, so its own time is small next to the 20 ms of each request.${busy ? ' Other work kept the CPUs busy during this run (see the load average): compare the rows of one run, not across runs.' : ''}`,
      '',
    ].join('\n');
    const file = join(PLUGIN_ROOT, 'scripts/bench/RESULTS.md');
    await rewriteSection(file, section);
    execFileSync(process.execPath, [join(PLUGIN_ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--write', file], {
      cwd: PLUGIN_ROOT,
    });
    return section;
  } finally {
    await proxy?.stop();
    await simulator?.stop();
    await moto?.stop();
    if (sandbox) await rm(sandbox.home, { recursive: true, force: true });
  }
};

if (require.main === module) {
  const index = process.argv.indexOf('--rounds');
  const rounds = index >= 0 ? Number(process.argv[index + 1]) : 5;
  benchSimulate(rounds).then(
    (section) => console.log(`\n${section}`),
    (error: unknown) => {
      console.error(
        `Simulate bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exitCode = 1;
    },
  );
}
