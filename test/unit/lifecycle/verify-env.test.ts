import type { StackResource, StacksPort } from '../../../src/aws/ports';
import { findStackRoles, verifyEnv } from '../../../src/read/verify-env';
import { accountAws, type AccountSeed } from '../../fakes/aws-world';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';
const ACCOUNT = '123456789012';
const fakeStacks = (seed: AccountSeed) => accountAws(ACCOUNT, seed).stacks;
const ROOT = 'amplify-x-dev';
const stackArn = (name: string): string => `arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/0f8e-${name}`;

const role = (logicalId: string, physicalId?: string): StackResource => ({
  logicalId,
  type: 'AWS::IAM::Role',
  physicalId,
});
const nested = (logicalId: string, physicalId: string): StackResource => ({
  logicalId,
  type: 'AWS::CloudFormation::Stack',
  physicalId,
});
const bucket: StackResource = { logicalId: 'Bucket', type: 'AWS::S3::Bucket', physicalId: 'my-bucket' };

/** A StacksPort that records which stacks were listed, to see that each is visited once. */
const listingStacks = (account: AccountSeed): { port: StacksPort; listed: string[] } => {
  const inner = fakeStacks(account);
  const listed: string[] = [];
  return {
    listed,
    port: {
      ...inner,
      listResources: (stack) => {
        listed.push(stack);
        return inner.listResources(stack);
      },
    },
  };
};

describe('findStackRoles', () => {
  it('finds the roles of nested stacks named by ARN (as AWS does), labelled by stack name', async () => {
    const stacks = {
      [ROOT]: [role('AuthRole', 'amplify-x-dev-authRole'), nested('authStack', stackArn('amplify-x-dev-auth'))],
      [stackArn('amplify-x-dev-auth')]: [role('UserPoolSmsRole', 'sms-role'), bucket],
    };
    expect(await findStackRoles({ stacks: fakeStacks({ stacks }) }, ROOT)).toEqual([
      { role: 'amplify-x-dev-authRole', stack: ROOT },
      { role: 'sms-role', stack: 'amplify-x-dev-auth' },
    ]);
  });

  it('finds the roles of nested stacks named by name (as moto does)', async () => {
    const stacks = {
      [ROOT]: [nested('apiStack', 'amplify-x-dev-api')],
      'amplify-x-dev-api': [role('AppSyncRole', 'appsync-role')],
    };
    expect(await findStackRoles({ stacks: fakeStacks({ stacks }) }, ROOT)).toEqual([
      { role: 'appsync-role', stack: 'amplify-x-dev-api' },
    ]);
  });

  it('goes three levels deep', async () => {
    const stacks = {
      [stackArn(ROOT)]: [role('AuthRole', 'level-1-role'), nested('function', stackArn('level-2'))],
      [stackArn('level-2')]: [role('LambdaRole', 'level-2-role'), nested('inner', 'level-3')],
      'level-3': [role('InnerRole', 'level-3-role')],
    };
    expect(await findStackRoles({ stacks: fakeStacks({ stacks }) }, stackArn(ROOT))).toEqual([
      { role: 'level-1-role', stack: ROOT },
      { role: 'level-2-role', stack: 'level-2' },
      { role: 'level-3-role', stack: 'level-3' },
    ]);
  });

  it('visits a nested stack listed twice only once', async () => {
    const shared = stackArn('shared');
    const { port, listed } = listingStacks({
      stacks: {
        [ROOT]: [nested('a', stackArn('a')), nested('b', stackArn('b')), nested('sharedDirect', shared)],
        [stackArn('a')]: [nested('shared', shared)],
        [stackArn('b')]: [nested('sharedAgain', shared)],
        [shared]: [role('SharedRole', 'shared-role')],
      },
    });
    const roles = await findStackRoles({ stacks: port }, ROOT);
    expect(roles).toEqual([{ role: 'shared-role', stack: 'shared' }]);
    expect(listed.filter((stack) => stack === shared)).toEqual([shared]);
  });

  it('skips roles and stacks without a physical id (not created yet, or failed)', async () => {
    const stacks = {
      [ROOT]: [role('Pending'), nested('pendingStack', ''), role('AuthRole', 'auth-role')],
    };
    expect(await findStackRoles({ stacks: fakeStacks({ stacks }) }, ROOT)).toEqual([
      { role: 'auth-role', stack: ROOT },
    ]);
  });

  it('finds no roles in a stack without roles', async () => {
    expect(await findStackRoles({ stacks: fakeStacks({ stacks: { [ROOT]: [bucket] } }) }, ROOT)).toEqual([]);
  });
});

describe('verifyEnv', () => {
  const stacks = {
    [ROOT]: [
      role('AuthRole', 'auth-role'),
      role('UnauthRole', 'unauth-role'),
      nested('functionStack', stackArn('amplify-x-dev-function')),
    ],
    [stackArn('amplify-x-dev-function')]: [role('LambdaRole', 'lambda-role'), role('GoneRole', 'gone-role')],
  };
  const account = (extra: AccountSeed = {}): AccountSeed => ({
    stacks,
    policies: [BOUNDARY],
    roles: {
      'auth-role': BOUNDARY,
      'unauth-role': undefined,
      'lambda-role': 'arn:aws:iam::123456789012:policy/Other',
    },
    ...extra,
  });
  const aws = (extra?: AccountSeed) => accountAws(ACCOUNT, account(extra));

  it('reports each role with its status, its stack and its actual boundary', async () => {
    expect(await verifyEnv('dev', BOUNDARY, aws(), ROOT)).toEqual({
      env: 'dev',
      expected: BOUNDARY,
      policyExists: true,
      roles: [
        { role: 'auth-role', stack: ROOT, status: 'ok', actual: BOUNDARY },
        { role: 'unauth-role', stack: ROOT, status: 'missing', actual: null },
        {
          role: 'lambda-role',
          stack: 'amplify-x-dev-function',
          status: 'mismatch',
          actual: 'arn:aws:iam::123456789012:policy/Other',
        },
        { role: 'gone-role', stack: 'amplify-x-dev-function', status: 'not-found', actual: null },
      ],
    });
  });

  it('says the boundary policy does not exist when IAM does not find it', async () => {
    expect((await verifyEnv('dev', BOUNDARY, aws({ policies: [] }), ROOT)).policyExists).toBe(false);
  });

  it('leaves policyExists null when IAM will not say (AccessDenied)', async () => {
    expect((await verifyEnv('dev', BOUNDARY, aws({ denied: ['iam:GetPolicy'] }), ROOT)).policyExists).toBeNull();
  });

  it('leaves policyExists null when no boundary is expected, and then roles without one are ok', async () => {
    const verification = await verifyEnv('dev', '', aws(), ROOT);
    expect(verification.policyExists).toBeNull();
    expect(verification.roles.map(({ role: name, status }) => `${name}: ${status}`)).toEqual([
      'auth-role: mismatch',
      'unauth-role: ok',
      'lambda-role: mismatch',
      'gone-role: not-found',
    ]);
  });
});
