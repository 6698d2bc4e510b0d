import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import {
  CreatePolicyCommand,
  DeleteRolePermissionsBoundaryCommand,
  GetRoleCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openEnvSession, type EnvSession } from '../../src/aws/env-session';
import { planRepairs } from '../../src/boundary/fix-plan';
import { diagnoseEnv } from '../../src/read/diagnose-env';
import { applyRepairs } from '../../src/apply/repair-roles';
import { projectPaths } from '../../src/project/paths';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { roleResource as role } from '../support/templates';

const endpoint = process.env.MOTO_URL as string;
const region = 'us-east-1';
const credentials = DEFAULT_CREDENTIALS;
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const STRICTER = 'arn:aws:iam::123456789012:policy/Stricter';
const TEMPLATE_FILE = 'amplify/backend/custom/jobs/jobs-cloudformation-template.json';

const iam = () => new IAMClient({ region, credentials });

/**
 * A root stack as the CLI deploys one (auth role with the boundary, a nested stack per resource), whose nested
 * "customjobs" stack builds its boundaries with Fn::Sub, a parameter, and one literal of its own.
 */
const deployEnv = async (): Promise<string> => {
  for (const name of ['AmplifyBoundary', 'Stricter'])
    await iam().send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  const s3 = new S3Client({ region, credentials, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'deployment' }));
  await s3.send(
    new PutObjectCommand({
      Bucket: 'deployment',
      Key: 'jobs.json',
      Body: JSON.stringify({
        Parameters: { boundaryArn: { Type: 'String' } },
        Resources: {
          SubRole: role('jobs-sub-role', {
            'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/AmplifyBoundary',
          }),
          ParamRole: role('jobs-param-role', { Ref: 'boundaryArn' }),
          OwnRole: role('jobs-own-role', STRICTER),
        },
      }),
    }),
  );
  await new CloudFormationClient({ region, credentials }).send(
    new CreateStackCommand({
      StackName: 'amplify-shop-dev',
      TemplateBody: JSON.stringify({
        Resources: {
          AuthRole: role('amplify-shop-dev-authRole', BOUNDARY),
          customjobs: {
            Type: 'AWS::CloudFormation::Stack',
            Properties: {
              TemplateURL: 'https://s3.amazonaws.com/deployment/jobs.json',
              Parameters: { boundaryArn: BOUNDARY },
            },
          },
        },
      }),
    }),
  );
  return 'amplify-shop-dev';
};

let root: string;
let session: EnvSession;

const writeProjectFile = async (relative: string, value: unknown): Promise<void> => {
  await mkdir(dirname(join(root, relative)), { recursive: true });
  await writeFile(join(root, relative), JSON.stringify(value));
};

beforeAll(() => {
  process.env.AWS_ENDPOINT_URL = endpoint;
});
beforeEach(async () => {
  await resetMoto(endpoint);
  root = await mkdtemp(join(tmpdir(), 'iam-guard-drift-'));
  await writeProjectFile('amplify/backend/amplify-meta.json', {
    providers: { awscloudformation: { StackName: 'amplify-shop-dev' } },
    custom: { jobs: { service: 'customCloudformation', providerMetadata: { logicalId: 'customjobs' } } },
  });
  await writeProjectFile(TEMPLATE_FILE, { Resources: {} });
  session = await openEnvSession({ name: 'dev', account: '123456789012', region }, { region, credentials });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const diagnose = async () => {
  const stack = 'amplify-shop-dev';
  return (
    await diagnoseEnv({
      paths: projectPaths(root),
      config: { boundary: { policyPath: '/', required: false }, environments: {} },
      env: { name: 'dev', stackName: stack, region, boundary: BOUNDARY },
      session,
      expected: BOUNDARY,
      current: true,
    })
  ).verification;
};

describe('why a role in a nested stack is off', () => {
  it('finds a boundary removed outside CloudFormation, resolving Fn::Sub and a parameter, and names its resource', async () => {
    await deployEnv();
    for (const name of ['jobs-sub-role', 'jobs-param-role'])
      await iam().send(new DeleteRolePermissionsBoundaryCommand({ RoleName: name }));
    const verification = await diagnose();
    const off = Object.fromEntries(
      verification.roles.filter((check) => check.status !== 'ok').map((check) => [check.role, check]),
    );
    expect(Object.keys(off).sort()).toEqual(['jobs-own-role', 'jobs-param-role', 'jobs-sub-role']);
    for (const name of ['jobs-sub-role', 'jobs-param-role']) {
      expect(off[name]).toMatchObject({
        status: 'missing',
        cause: 'changed-outside',
        template: BOUNDARY,
        source: `custom/jobs (${TEMPLATE_FILE})`,
      });
    }
    expect(off['jobs-own-role']).toMatchObject({
      status: 'mismatch',
      actual: STRICTER,
      cause: 'template-sets-other',
      template: STRICTER,
    });
    // One template read per stack holding an off role, plus the root's to learn the last deployed boundary.
    expect(session.aws.requests?.()).toMatchObject({
      'cloudformation:GetTemplate': 2,
      'cloudformation:DescribeStacks': 2,
      'iam:GetRole': 4,
      'sts:GetCallerIdentity': 1,
    });
  });

  it('repairs what it may and reports a failure partway: which roles got the boundary and which did not', async () => {
    await deployEnv();
    await iam().send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'jobs-sub-role' }));
    const plan = planRepairs(await diagnose());
    expect(plan.repair).toEqual(['jobs-sub-role']);
    expect(plan.leave.map((left) => left.role)).toEqual(['jobs-own-role']);

    // A role deleted between verify and the repair makes IAM refuse partway.
    const result = await applyRepairs(
      { ...plan, repair: ['jobs-sub-role', 'deleted-meanwhile', 'jobs-param-role'] },
      session.aws.roles,
    );
    expect(result.repaired).toEqual(['jobs-sub-role']);
    expect(result.notRepaired).toEqual(['deleted-meanwhile', 'jobs-param-role']);
    expect(String(result.error)).toContain('deleted-meanwhile');
    const { Role } = await iam().send(new GetRoleCommand({ RoleName: 'jobs-sub-role' }));
    expect(Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(BOUNDARY);
    const own = await iam().send(new GetRoleCommand({ RoleName: 'jobs-own-role' }));
    expect(own.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(STRICTER);
  });
});
