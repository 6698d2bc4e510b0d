import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { openEnvSession } from '../../src/aws/env-session';
import { verifyEnv } from '../../src/read/verify-env';
import type { StaticCredentials } from '../../src/aws/ports';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { roleResource as role } from '../support/templates';

const endpoint = process.env.MOTO_URL as string;
const region = 'us-east-1';

/** A root stack with two roles and a nested stack (itself with a nested stack), as Amplify deploys categories. */
const deployTree = async (credentials: StaticCredentials, account: string, prefix: string): Promise<string> => {
  const boundary = `arn:aws:iam::${account}:policy/AmplifyBoundary`;
  await new IAMClient({ region, credentials }).send(
    new CreatePolicyCommand({ PolicyName: 'AmplifyBoundary', PolicyDocument: ALLOW_ALL }),
  );
  const s3 = new S3Client({ region, credentials, forcePathStyle: true });
  const bucket = `${prefix}-templates`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const put = async (key: string, template: unknown): Promise<string> => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(template) }));
    return `https://s3.amazonaws.com/${bucket}/${key}`;
  };
  const deepest = await put('function.json', { Resources: { FnRole: role(`${prefix}-fn-role`) } });
  const middle = await put('api.json', {
    Resources: {
      ApiRole: role(`${prefix}-api-role`, boundary),
      Function: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: deepest } },
    },
  });
  const stackName = `${prefix}-root`;
  await new CloudFormationClient({ region, credentials }).send(
    new CreateStackCommand({
      StackName: stackName,
      TemplateBody: JSON.stringify({
        Resources: {
          AuthRole: role(`${prefix}-authRole`, boundary),
          UnauthRole: role(`${prefix}-unauthRole`, 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
          Api: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: middle } },
        },
      }),
    }),
  );
  return stackName;
};

beforeAll(() => {
  process.env.AWS_ENDPOINT_URL = endpoint;
});
beforeEach(() => resetMoto(endpoint));

describe('verify against stacks deployed through CloudFormation', () => {
  it('finds every role in the root and nested stacks and reports each one', async () => {
    const stack = await deployTree(DEFAULT_CREDENTIALS, '123456789012', 'shop-dev');
    const { aws } = await openEnvSession(
      { name: 'dev', account: '123456789012', region },
      { region, credentials: DEFAULT_CREDENTIALS },
    );
    const result = await verifyEnv('dev', 'arn:aws:iam::123456789012:policy/AmplifyBoundary', aws, stack);
    const byRole = Object.fromEntries(result.roles.map((check) => [check.role, check.status]));
    expect(byRole).toEqual({
      'shop-dev-authRole': 'ok',
      'shop-dev-unauthRole': 'mismatch',
      'shop-dev-api-role': 'ok',
      'shop-dev-fn-role': 'missing',
    });
    expect(result.policyExists).toBe(true);
    expect(result.roles.find((check) => check.role === 'shop-dev-authRole')?.stack).toBe('shop-dev-root');
  });

  it('verifies an env of a second account with that account’s credentials', async () => {
    const other = await credentialsInAccount(endpoint, '222222222222');
    const stack = await deployTree(other, '222222222222', 'shop-prod');
    const { aws, target } = await openEnvSession(
      { name: 'prod', account: '222222222222', region },
      { region, credentials: other },
    );
    expect(target.account).toBe('222222222222');
    const result = await verifyEnv('prod', 'arn:aws:iam::222222222222:policy/AmplifyBoundary', aws, stack);
    expect(
      result.roles
        .filter((check) => check.status === 'ok')
        .map((check) => check.role)
        .sort(),
    ).toEqual(['shop-prod-api-role', 'shop-prod-authRole']);
  });
});
