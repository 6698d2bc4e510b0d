import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEnvSession } from '../../src/aws/env-session';
import type { StaticCredentials } from '../../src/aws/ports';
import { simulateMode } from '../../src/boundary/simulate-input';
import { buildReport, type SimulationReport } from '../../src/boundary/simulation-summary';
import { simulateEnv, type SessionEnv } from '../../src/read/simulate-env';
import { DEFAULT_CONFIG } from '../../src/project/guard-config';
import { projectPaths } from '../../src/project/paths';
import { startIamSimulator, type IamSimulator } from '../fakes/iam-simulator';
import { credentialsInAccount, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { roleResource, tableResource } from '../support/templates';

const motoUrl = process.env.MOTO_URL as string;
const region = 'us-east-1';
const DEV = '123456789012';
const PROD = '222222222222';
const APP_ID = 'd1shopapp';

let simulator: IamSimulator;
let root: string;
const endpointBefore = process.env.AWS_ENDPOINT_URL;
let prodCredentials: StaticCredentials;

type Env = { name: string; account: string; credentials: StaticCredentials; boundary: string; stackName: string };

const document = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

/** A function role that may use any DynamoDB table and any bucket, as a function given "all tables" access has. */
const functionRole = (name: string, boundary: string) => {
  const role = roleResource(name, boundary);
  return {
    ...role,
    Properties: {
      ...role.Properties,
      Policies: [
        {
          PolicyName: 'storage',
          PolicyDocument: document({ Effect: 'Allow', Action: ['dynamodb:*', 's3:*'], Resource: '*' }),
        },
      ],
    },
  };
};

/** Deploys an env: a boundary policy, a root stack with an auth and a function role, a nested stack with a table. */
const deployEnv = async (
  name: string,
  account: string,
  credentials: StaticCredentials,
  boundaryDocument: object,
): Promise<Env> => {
  const boundary = (
    await new IAMClient({ region, credentials }).send(
      new CreatePolicyCommand({ PolicyName: `${name}Boundary`, PolicyDocument: JSON.stringify(boundaryDocument) }),
    )
  ).Policy!.Arn!;
  const s3 = new S3Client({ region, credentials, forcePathStyle: true });
  const templates = `shop-${name}-templates`;
  await s3.send(new CreateBucketCommand({ Bucket: templates }));
  await s3.send(
    new PutObjectCommand({
      Bucket: templates,
      Key: 'storage.json',
      Body: JSON.stringify({
        Resources: {
          TodoTable: tableResource(`Todo-${name}`),
          Uploads: { Type: 'AWS::S3::Bucket', Properties: { BucketName: `shop-${name}-uploads` } },
          Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/shop/${name}` } },
        },
      }),
    }),
  );
  const stackName = `amplify-shop-${name}`;
  await new CloudFormationClient({ region, credentials }).send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: JSON.stringify({
        Resources: {
          AuthRole: roleResource(`shop-${name}-authRole`, boundary),
          FunctionRole: functionRole(`shop-${name}-fnRole`, boundary),
          Storage: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: { TemplateURL: `https://s3.amazonaws.com/${templates}/storage.json` },
          },
        },
      }),
    }),
  );
  return { name, account, credentials, boundary, stackName };
};

const open = async (env: Env, appId?: string): Promise<SessionEnv> => ({
  env: { name: env.name, account: env.account, region, stackName: env.stackName, appId },
  session: await openEnvSession(
    { name: env.name, account: env.account, region },
    { region, credentials: env.credentials },
  ),
});

const simulate = async (
  own: Env,
  flags: { against?: Env; actions?: string[]; resources?: string[] },
): Promise<SimulationReport> => {
  const envs = [own, flags.against].filter((env): env is Env => env !== undefined);
  const mode = simulateMode(
    own.name,
    { against: flags.against?.name, actions: flags.actions, resources: flags.resources },
    envs,
  );
  const ownEnv = await open(own);
  const other = flags.against ? await open(flags.against, APP_ID) : undefined;
  const simulation = await simulateEnv({
    paths: projectPaths(root),
    config: DEFAULT_CONFIG,
    own: ownEnv,
    other,
    expected: own.boundary,
    mode,
  });
  return buildReport({
    env: own.name,
    against: flags.against?.name ?? null,
    account: own.account,
    boundary: own.boundary,
    roles: simulation.roles,
    resources: simulation.plan.resources,
    notChecked: simulation.plan.notChecked,
    findings: simulation.findings,
    formsOf: simulation.plan.formsOf,
    requests: ownEnv.session.aws.requests?.() ?? {},
    rolesNotFound: simulation.rolesNotFound,
  });
};

/** dev's boundary allows everything but explicitly denies every resource of prod's account. */
const devBoundary = document(
  { Effect: 'Allow', Action: '*', Resource: '*' },
  {
    Effect: 'Deny',
    Action: '*',
    Resource: [
      `arn:aws:dynamodb:*:${PROD}:table/*`,
      'arn:aws:s3:::shop-prod-*',
      `arn:aws:iam::${PROD}:role/*`,
      `arn:aws:ssm:*:${PROD}:parameter/amplify/*/prod/*`,
    ],
  },
);
const openBoundary = document({ Effect: 'Allow', Action: '*', Resource: '*' });

let dev: Env;
let prod: Env;

beforeAll(async () => {
  simulator = await startIamSimulator(motoUrl, { pageSize: 3 });
  process.env.AWS_ENDPOINT_URL = simulator.url;
  root = await mkdtemp(join(tmpdir(), 'iam-guard-simulate-'));
  await resetMoto(motoUrl);
  prodCredentials = await credentialsInAccount(motoUrl, PROD);
  dev = await deployEnv('dev', DEV, DEFAULT_CREDENTIALS, devBoundary);
  prod = await deployEnv('prod', PROD, prodCredentials, openBoundary);
});
afterAll(async () => {
  // Later test files of this worker must not find their SDK clients pointed at a stopped server.
  if (endpointBefore === undefined) delete process.env.AWS_ENDPOINT_URL;
  else process.env.AWS_ENDPOINT_URL = endpointBefore;
  await simulator.stop();
  await rm(root, { recursive: true, force: true });
});

describe('simulate against stacks deployed through CloudFormation, with IAM’s simulator answered by the double', () => {
  it('finds dev isolated from prod when dev’s boundary denies prod’s resources, though a dev function may use any table', async () => {
    const report = await simulate(dev, { against: prod });
    expect(report.verdict).toBe('isolated');
    expect(report.roles.map((role) => [role.role, role.carriesEnvBoundary]).sort()).toEqual([
      ['shop-dev-authRole', true],
      ['shop-dev-fnRole', true],
    ]);
    expect(report.resources.map((resource) => resource.arn).sort()).toEqual([
      `arn:aws:dynamodb:us-east-1:${PROD}:table/Todo-prod`,
      `arn:aws:iam::${PROD}:role/shop-prod-authRole`,
      `arn:aws:iam::${PROD}:role/shop-prod-fnRole`,
      'arn:aws:s3:::shop-prod-uploads',
      `arn:aws:ssm:us-east-1:${PROD}:parameter/amplify/${APP_ID}/prod/*`,
    ]);
    expect(report.notChecked.map((resource) => [resource.logicalId, resource.type])).toEqual([
      ['Logs', 'AWS::Logs::LogGroup'],
    ]);
    // 2 roles × (2 table forms + 2 bucket forms + 1 role form + 1 secrets form), 8 actions of a table form in pages of 3.
    expect(report.outcomes['denied-by-boundary']).toBe(2 * (8 + 8 + 1 + 3 + 2 + 2 + 3));
    expect(report.findings).toEqual([]);
    expect(report.suggestedStatement).toBeNull();
    expect(report.requests['iam:SimulatePrincipalPolicy']).toBeGreaterThan(2 * 6);
  });

  it('finds prod leaking into dev with an open boundary, and suggests the Deny that closes it', async () => {
    const report = await simulate(prod, { against: dev });
    expect(report.verdict).toBe('leak');
    const devTable = `arn:aws:dynamodb:us-east-1:${DEV}:table/Todo-dev`;
    expect(report.findings).toContainEqual({
      role: 'shop-prod-fnRole',
      action: 'dynamodb:Scan',
      resource: devTable,
      outcome: 'allowed',
    });
    // The auth role has no policy of its own: only that stands between it and dev's table.
    expect(report.findings).toContainEqual({
      role: 'shop-prod-authRole',
      action: 'dynamodb:Scan',
      resource: devTable,
      outcome: 'denied-by-role-policy',
    });
    expect(report.outcomes['denied-by-boundary']).toBe(0);
    expect(report.suggestedStatement).toEqual({
      Sid: 'DenyDevEnvResources',
      Effect: 'Deny',
      Action: ['dynamodb:*', 'iam:*', 's3:*', 'ssm:*', 'sts:*'],
      Resource: [
        devTable,
        `${devTable}/*`,
        `arn:aws:iam::${DEV}:role/shop-dev-authRole`,
        `arn:aws:iam::${DEV}:role/shop-dev-fnRole`,
        'arn:aws:s3:::shop-dev-uploads',
        'arn:aws:s3:::shop-dev-uploads/*',
        `arn:aws:ssm:us-east-1:${DEV}:parameter/amplify/${APP_ID}/dev/*`,
      ],
    });
  });

  it('answers the docs’ own check, dynamodb:Scan on prod’s table, as denied by the boundary for every dev role', async () => {
    const table = `arn:aws:dynamodb:us-east-1:${PROD}:table/Todo-prod`;
    const report = await simulate(dev, { actions: ['dynamodb:Scan'], resources: [table] });
    expect(report.verdict).toBeNull();
    expect(report.findings.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { role: 'shop-dev-authRole', action: 'dynamodb:Scan', resource: table, outcome: 'denied-by-boundary' },
      { role: 'shop-dev-fnRole', action: 'dynamodb:Scan', resource: table, outcome: 'denied-by-boundary' },
    ]);
    expect(report.requests['iam:SimulatePrincipalPolicy']).toBe(2);
  });
});
