import type { HostContext } from '../../../src/host/context';
import { fakeEnvAws, forbiddenAws, type FakeAccount } from '../helpers/fake-aws';
import {
  expectStopped,
  DEV_ACCOUNT,
  devProvider,
  keepingExitCode,
  makeProject,
  raiseEvent,
  type EventRun,
  type TempProject,
} from '../helpers/event-harness';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const NESTED = 'arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-x-dev-customjobs-1/abc';
const HOSTING_INIT = { command: 'init', options: { amplify: '{"envName":"dev"}', yes: true, forcePush: true } };

let project: TempProject;
afterEach(() => project.remove());

const roleWith = (boundary?: string) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: {}, ...(boundary ? { PermissionsBoundary: boundary } : {}) },
});

/** The env as a Hosting build deploys it: the root stack's roles, and a nested stack whose role lost its boundary. */
const strippedNestedRole = (): FakeAccount => ({
  policies: [BOUNDARY],
  roles: {
    'amplify-x-dev-authRole': BOUNDARY,
    'amplify-x-dev-unauthRole': BOUNDARY,
    'jobs-dev': undefined,
  },
  stacks: {
    'amplify-x-dev': [
      { logicalId: 'AuthRole', type: 'AWS::IAM::Role', physicalId: 'amplify-x-dev-authRole' },
      { logicalId: 'UnauthRole', type: 'AWS::IAM::Role', physicalId: 'amplify-x-dev-unauthRole' },
      { logicalId: 'customjobs', type: 'AWS::CloudFormation::Stack', physicalId: NESTED },
    ],
    [NESTED]: [{ logicalId: 'JobsRole', type: 'AWS::IAM::Role', physicalId: 'jobs-dev' }],
    'amplify-x-dev-customjobs-1': [{ logicalId: 'JobsRole', type: 'AWS::IAM::Role', physicalId: 'jobs-dev' }],
  },
  templates: {
    'amplify-x-dev': { body: { Resources: { AuthRole: roleWith(BOUNDARY), UnauthRole: roleWith(BOUNDARY) } } },
    'amplify-x-dev-customjobs-1': { body: { Resources: { JobsRole: roleWith(BOUNDARY) } } },
  },
});

const boundedProject = async (): Promise<void> => {
  project = await makeProject({ dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) } });
  await project.write('amplify/iam-guard.json', { boundary: { required: true } });
};

describe('amplify init --forcePush, as an Amplify Hosting build deploys', () => {
  it('proves the whole stack tree in PostInit after the PrePush of the same run, as PostPush would', async () => {
    await boundedProject();
    const envAws = fakeEnvAws(DEV_ACCOUNT, strippedNestedRole());
    const context: HostContext = { input: { plugin: 'core', ...HOSTING_INIT } };
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      await raiseEvent({ cwd: project.root, envAws, context }, 'PrePush', HOSTING_INIT);
      run = await raiseEvent({ cwd: project.root, envAws, context }, 'PostInit', HOSTING_INIT);
    });
    expect(run?.error).toBeUndefined();
    expect(exitCode).toBe(1);
    expect(run!.printed()).toContain(`Env "dev": 3 IAM role(s) checked against ${BOUNDARY}: 2 ok, 1 missing.`);
    expect(run!.printed()).toContain(
      'jobs-dev (missing, changed-outside, from nested stack customjobs): Its boundary was changed outside CloudFormation, which no push repairs: run `amplify boundary verify --env dev --fix`.',
    );
    expect(run!.printed()).not.toContain('its auth and unauth roles carry it');
  });

  it("keeps --permissions-boundary '' of a new project's init --forcePush as \"\", which the CLI drops", async () => {
    project = await makeProject({ dev: { awscloudformation: devProvider() } });
    const init = { command: 'init', options: { 'permissions-boundary': '', yes: true, forcePush: true } };
    const context: HostContext = { input: { plugin: 'core', ...init } };
    const envAws = fakeEnvAws(DEV_ACCOUNT, {
      roles: { 'amplify-x-dev-authRole': undefined, 'amplify-x-dev-unauthRole': undefined },
    });
    await raiseEvent({ cwd: project.root, envAws, context }, 'PrePush', init);
    const run = await raiseEvent({ cwd: project.root, envAws, context }, 'PostInit', init);
    expect(run.error).toBeUndefined();
    expect(await project.readJson('amplify/team-provider-info.json')).toMatchObject({
      dev: { awscloudformation: { PermissionsBoundaryPolicyArn: '' } },
    });
  });

  it('checks once when PostPush and PostInit both reach the proof in one run', async () => {
    await boundedProject();
    const envAws = fakeEnvAws(DEV_ACCOUNT, strippedNestedRole());
    const context: HostContext = { input: { plugin: 'core', ...HOSTING_INIT } };
    let initialised: EventRun | undefined;
    await keepingExitCode(async () => {
      await raiseEvent({ cwd: project.root, envAws, context }, 'PrePush', HOSTING_INIT);
      await raiseEvent({ cwd: project.root, envAws, context }, 'PostPush', HOSTING_INIT);
      initialised = await raiseEvent({ cwd: project.root, envAws, context }, 'PostInit', HOSTING_INIT);
    });
    expect(initialised!.lines).toEqual([]);
  });

  it('checks only the auth and unauth roles in a PostInit with no push before it, naming the cause and its fix', async () => {
    await boundedProject();
    const account = strippedNestedRole();
    account.roles!['amplify-x-dev-authRole'] = undefined;
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent({ cwd: project.root, envAws: fakeEnvAws(DEV_ACCOUNT, account) }, 'PostInit', {
        command: 'init',
        options: { yes: true },
      });
    });
    expect(exitCode).toBe(1);
    expect(run!.printed()).toContain(`Env "dev": 2 IAM role(s) checked against ${BOUNDARY}: 1 ok, 1 missing.`);
    expect(run!.printed()).toContain(
      'amplify-x-dev-authRole (missing, changed-outside, from root): Its boundary was changed outside CloudFormation, which no push repairs: run `amplify boundary verify --env dev --fix`.',
    );
    expect(run!.printed()).not.toContain('push --force');
  });
});

describe('PrePush in a build', () => {
  it('names the env variable and the committed policy name when a push would strip the boundary under CI', async () => {
    project = await makeProject({ dev: { awscloudformation: devProvider() } });
    await project.write('amplify/#current-cloud-backend/amplify-meta.json', {
      providers: { awscloudformation: { PermissionsBoundaryPolicyArn: BOUNDARY } },
    });
    const run = await raiseEvent({ cwd: project.root, env: { CI: 'true' }, envAws: forbiddenAws() }, 'PrePush', {
      command: 'push',
      options: { yes: true },
    });
    const error = expectStopped(run);
    expect(error.message).toContain('a push would strip the boundary from every IAM role');
    expect(error.resolution).toContain(`amplify boundary set --env dev --permissions-boundary ${BOUNDARY}`);
    expect(error.resolution).toContain(`AMPLIFY_PERMISSIONS_BOUNDARY_ARN=${BOUNDARY}`);
    expect(error.resolution).toContain('{"boundary":{"policyName":"AmplifyBoundary"}} in amplify/iam-guard.json');
  });

  it('names them when a required boundary is missing, too', async () => {
    project = await makeProject({ dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: '' }) } });
    await project.write('amplify/iam-guard.json', { boundary: { required: true } });
    const run = await raiseEvent({ cwd: project.root, env: { CI: '1' } }, 'PrePush', {
      command: 'push',
      options: { yes: true },
    });
    const error = expectStopped(run);
    expect(error.resolution).toContain('AMPLIFY_PERMISSIONS_BOUNDARY_ARN=<arn>');
    expect(error.resolution).toContain('"policyName":"<policy name>"');
  });

  it('keeps the message of a person at a terminal free of build advice when the key is there', async () => {
    project = await makeProject({ dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: '' }) } });
    await project.write('amplify/iam-guard.json', { boundary: { required: true } });
    const run = await raiseEvent({ cwd: project.root }, 'PrePush', { command: 'push', options: { yes: true } });
    expect(expectStopped(run).resolution).not.toContain('AMPLIFY_PERMISSIONS_BOUNDARY_ARN');
  });
});

describe('PostPull', () => {
  const pulled = async (provider: Record<string, unknown>): Promise<void> => {
    project = await makeProject({ dev: { awscloudformation: devProvider(provider) } });
    await project.write('amplify/#current-cloud-backend/awscloudformation/build/root-cloudformation-stack.json', {
      Resources: { AuthRole: roleWith(BOUNDARY), UnauthRole: roleWith(BOUNDARY) },
    });
    await project.write('amplify/backend/amplify-meta.json', {
      providers: { awscloudformation: { PermissionsBoundaryPolicyArn: '' } },
    });
  };
  const tpiBoundary = async (): Promise<unknown> =>
    ((await project.readJson('amplify/team-provider-info.json')) as Record<string, { awscloudformation: object }>).dev
      ?.awscloudformation;

  it('writes the boundary of the last deployment back into team-provider-info and amplify-meta, and says so', async () => {
    await pulled({});
    const run = await raiseEvent({ cwd: project.root, envAws: forbiddenAws() }, 'PostPull', {
      command: 'pull',
      options: { yes: true },
    });
    expect(run.error).toBeUndefined();
    expect(await tpiBoundary()).toMatchObject({ PermissionsBoundaryPolicyArn: BOUNDARY, StackName: 'amplify-x-dev' });
    expect(await project.readJson('amplify/backend/amplify-meta.json')).toEqual({
      providers: { awscloudformation: { PermissionsBoundaryPolicyArn: BOUNDARY } },
    });
    expect(run.lines).toEqual([
      {
        level: 'info',
        text: `amplify-iam-guard: restored permissions boundary ${BOUNDARY} of env "dev" to team-provider-info from its last deployment (amplify pull leaves it out).`,
      },
    ]);
  });

  it('leaves a key that is there alone, even "" for none on purpose', async () => {
    await pulled({ PermissionsBoundaryPolicyArn: '' });
    const run = await raiseEvent({ cwd: project.root }, 'PostPull', { command: 'pull', options: {} });
    expect(run.lines).toEqual([]);
    expect(await tpiBoundary()).toMatchObject({ PermissionsBoundaryPolicyArn: '' });
  });

  it('writes nothing when the last deployment had no boundary', async () => {
    project = await makeProject({ dev: { awscloudformation: devProvider() } });
    await project.write('amplify/#current-cloud-backend/amplify-meta.json', { providers: { awscloudformation: {} } });
    const run = await raiseEvent({ cwd: project.root }, 'PostPull', { command: 'pull', options: {} });
    expect(run.lines).toEqual([]);
    expect(await tpiBoundary()).not.toHaveProperty('PermissionsBoundaryPolicyArn');
  });
});
