import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreatePolicyCommand, CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { createEnvAws } from '../../src/aws/factory';
import type { StaticCredentials } from '../../src/aws/ports';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_ACCOUNT, DEFAULT_CREDENTIALS } from '../support/accounts';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { resetMoto } from '../support/moto';
import { describePortContract } from '../support/port-contract';

const endpoint = process.env.MOTO_URL as string;
const region = 'us-east-1';
const OTHER_ACCOUNT = '222222222222';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

// moto forgets the second account's user on every reset, so its credentials are made again after each one.
let credentials: Record<string, StaticCredentials> = {};
const as = (account: string): StaticCredentials => {
  const found = credentials[account];
  if (!found) throw new Error(`no credentials for account ${account}`);
  return found;
};

let amplify: AmplifyFake;
const saved = process.env.AWS_ENDPOINT_URL_AMPLIFY;

// moto has no Amplify: the hosting port talks to the project's Amplify stand-in, which holds one account's apps.
beforeAll(async () => {
  process.env.AWS_ENDPOINT_URL = endpoint;
  amplify = await startAmplifyFake();
  process.env.AWS_ENDPOINT_URL_AMPLIFY = amplify.url;
});
afterAll(async () => {
  process.env.AWS_ENDPOINT_URL_AMPLIFY = saved;
  await amplify.stop();
});

// The SDK adapters on moto: every case of the shared contract except the two moto cannot express
// (it never answers AccessDenied, and it matches role names exactly); those run against the in-memory world.
describePortContract('the SDK adapters on moto', {
  accounts: { first: DEFAULT_ACCOUNT, second: OTHER_ACCOUNT },
  can: { denyGetPolicy: false, findRolesIgnoringCase: false },
  reset: async () => {
    await resetMoto(endpoint);
    amplify.reset();
    credentials = {
      [DEFAULT_ACCOUNT]: DEFAULT_CREDENTIALS,
      [OTHER_ACCOUNT]: await credentialsInAccount(endpoint, OTHER_ACCOUNT),
    };
  },
  ports: (account) => createEnvAws({ region, credentials: as(account) }, 'dev'),
  seed: {
    policy: async (account, name) => {
      const iam = new IAMClient({ region, credentials: as(account) });
      const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
      return Policy?.Arn ?? '';
    },
    role: async (account, role) => {
      const iam = new IAMClient({ region, credentials: as(account) });
      await iam.send(
        new CreateRoleCommand({
          RoleName: role.name,
          AssumeRolePolicyDocument: TRUST,
          PermissionsBoundary: role.boundary,
        }),
      );
    },
    stackWithRole: async (account, stack, roleName) => {
      const cloudformation = new CloudFormationClient({ region, credentials: as(account) });
      const template = {
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: { RoleName: roleName, AssumeRolePolicyDocument: JSON.parse(TRUST) as unknown },
          },
        },
      };
      await cloudformation.send(new CreateStackCommand({ StackName: stack, TemplateBody: JSON.stringify(template) }));
    },
    app: (app, branches) => {
      amplify.addApp(app);
      for (const branch of branches) amplify.addBranch(app.appId, branch);
      return Promise.resolve();
    },
    denyGetPolicy: () => Promise.reject(new Error('moto cannot deny a call')),
  },
});
