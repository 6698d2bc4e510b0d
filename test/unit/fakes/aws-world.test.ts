import { createWorld, forbiddenAws, type AwsWorld } from '../../fakes/aws-world';
import { describePortContract } from '../../support/port-contract';

const FIRST = '123456789012';
const SECOND = '222222222222';
let world: AwsWorld = createWorld();

// The same contract the SDK adapters keep on moto (test/integration/port-contract.test.ts), here with every case:
// the world can deny a call and follows IAM in ignoring the case of role names.
describePortContract('the in-memory world', {
  accounts: { first: FIRST, second: SECOND },
  can: { denyGetPolicy: true, findRolesIgnoringCase: true },
  reset: () => {
    world = createWorld();
    return Promise.resolve();
  },
  ports: (account) => Promise.resolve(world.aws(account, 'dev')),
  seed: {
    policy: (account, name) => {
      const arn = `arn:aws:iam::${account}:policy/${name}`;
      world.addPolicy(arn);
      return Promise.resolve(arn);
    },
    role: (account, role) => {
      world.addRole(account, role);
      return Promise.resolve();
    },
    stackWithRole: (account, stack, roleName) => {
      world.seed(account, {
        roles: { [roleName]: undefined },
        stacks: { [stack]: [{ logicalId: 'Role', type: 'AWS::IAM::Role', physicalId: roleName }] },
      });
      return Promise.resolve();
    },
    app: (app, branches) => {
      world.addApp(FIRST, app, branches);
      return Promise.resolve();
    },
    denyGetPolicy: (account) => {
      world.account(account).denied.add('iam:GetPolicy');
      return Promise.resolve();
    },
  },
});

describe('the in-memory world beyond the shared contract', () => {
  it('fails every call in forbidden mode, naming the action', async () => {
    const aws = forbiddenAws();
    await expect(aws.iam.policyExists('arn:aws:iam::aws:policy/ReadOnlyAccess')).rejects.toThrow('iam:GetPolicy');
    await expect(aws.identity.account()).rejects.toThrow('sts:GetCallerIdentity');
    await expect(aws.stacks.listResources('amplify-x-dev')).rejects.toThrow('cloudformation:ListStackResources');
    await expect(aws.roles.create({ name: 'r', trustPolicy: '{}', tags: {}, description: '' })).rejects.toThrow(
      'iam:CreateRole',
    );
    await expect(aws.hosting.listBranches('d1abc')).rejects.toThrow('amplify:ListBranches');
    await expect(aws.simulator.simulate('arn', ['s3:GetObject'], ['*'])).rejects.toThrow('iam:SimulatePrincipalPolicy');
  });

  it('answers an AWS-managed policy in every account, and lists it in none', async () => {
    const managed = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    world = createWorld();
    world.addPolicy(managed);
    for (const account of [FIRST, SECOND]) {
      await expect(world.aws(account).iam.policyExists(managed)).resolves.toBe('exists');
      await expect(world.aws(account).iam.listCustomerPolicies()).resolves.toEqual([]);
    }
  });

  it('answers any denied action with AccessDenied, in the words the adapters use', async () => {
    world = createWorld({
      [FIRST]: { templates: { 'amplify-x-dev': { body: {} } }, denied: ['cloudformation:GetTemplate'] },
    });
    await expect(world.aws(FIRST, 'dev').stacks.getTemplate('amplify-x-dev')).rejects.toThrow(
      'AWS denied cloudformation:GetTemplate on amplify-x-dev with the credentials of env "dev"',
    );
    await expect(world.aws(FIRST).stacks.describeStack('amplify-x-dev')).resolves.toEqual({
      parameters: {},
      parentId: undefined,
    });
  });

  it('finds a stack by its ARN as well as its name', async () => {
    world = createWorld({ [FIRST]: { stacks: { 'amplify-x-dev': [] } } });
    const arn = `arn:aws:cloudformation:us-east-1:${FIRST}:stack/amplify-x-dev/0f8e`;
    await expect(world.aws(FIRST).stacks.listResources(arn)).resolves.toEqual([]);
  });

  it('counts only a succeeded job as the last deployment of a branch, and refuses an unknown branch', async () => {
    world = createWorld();
    const app = world.addApp(FIRST, { appId: 'd1abc', name: 'shop', environmentVariables: {}, repository: 'r' }, [
      { branchName: 'main', environmentVariables: {} },
    ]);
    const { hosting } = world.aws(FIRST);
    const jobId = await hosting.startRelease('d1abc', 'main');
    await expect(hosting.lastDeployment('d1abc', 'main')).resolves.toBeUndefined();
    const started = app.jobs.get('main')?.find((job) => job.jobId === jobId);
    if (started) started.status = 'SUCCEED';
    await expect(hosting.lastDeployment('d1abc', 'main')).resolves.toEqual(started?.startTime);
    await expect(hosting.setComputeRole('d1abc', { kind: 'branch', branch: 'gone' }, 'arn')).rejects.toThrow(
      'Branch gone not found',
    );
    await expect(world.aws(SECOND).hosting.getApp('d1abc')).rejects.toThrow('App d1abc not found');
  });
});
