import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fakeEnvAws } from '../helpers/fake-aws';
import {
  DEV_ACCOUNT,
  devProvider,
  makeProject,
  raiseEvent,
  type EventSetup,
  type TempProject,
  expectStopped,
} from '../helpers/event-harness';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';
const FOREIGN = 'arn:aws:iam::999999999999:policy/Boundary';
const PUSH = { command: 'push', options: { yes: true } };
const TPI = 'amplify/team-provider-info.json';

let project: TempProject;
afterEach(() => project.remove());

const projectWith = async (provider: Record<string, unknown> = {}): Promise<TempProject> =>
  (project = await makeProject({ dev: { awscloudformation: devProvider(provider) } }));
const storedBoundary = async (): Promise<unknown> =>
  ((await project.readJson(TPI)) as { dev: { awscloudformation: Record<string, unknown> } }).dev.awscloudformation
    .PermissionsBoundaryPolicyArn;
const prePush = (setup: Omit<EventSetup, 'cwd'> = {}) => raiseEvent({ cwd: project.root, ...setup }, 'PrePush', PUSH);

describe('PrePush', () => {
  it('stops the push when the stored boundary belongs to another account, naming the right ARN', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: FOREIGN });
    const before = await readFile(join(project.root, TPI), 'utf8');
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }) });
    const error = expectStopped(run);
    expect(error.message).toContain('The push was stopped before deploying anything');
    expect(error.message).toContain(`${FOREIGN} belongs to account 999999999999`);
    expect(error.resolution).toContain(`amplify boundary set --env dev --permissions-boundary ${BOUNDARY}`);
    expect(await readFile(join(project.root, TPI), 'utf8')).toBe(before);
  });

  it('stops the push when the stored boundary does not exist in the account', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [] }) });
    expect(expectStopped(run).message).toContain(`${BOUNDARY} does not exist in account ${DEV_ACCOUNT}`);
  });

  it('lets a valid stored boundary through without a word', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }) });
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([]);
  });

  it('lets the push go on with a warning when the credentials may not call GetPolicy', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { denyGetPolicy: true }) });
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([{ level: 'warn', text: expect.stringContaining('lack iam:GetPolicy') as string }]);
  });

  it('warns that team-provider-info wins when AMPLIFY_PERMISSIONS_BOUNDARY_ARN disagrees', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    const other = 'arn:aws:iam::123456789012:policy/Other';
    const run = await prePush({
      env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: other },
      envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY, other] }),
    });
    expect(run.error).toBeUndefined();
    expect(run.printed()).toContain('team-provider-info wins');
    expect(await storedBoundary()).toBe(BOUNDARY);
  });

  it('writes AMPLIFY_PERMISSIONS_BOUNDARY_ARN to team-provider-info when the env has no key, and says so', async () => {
    await projectWith();
    const run = await prePush({
      env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: BOUNDARY },
      envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }),
    });
    expect(run.error).toBeUndefined();
    expect(await storedBoundary()).toBe(BOUNDARY);
    expect(run.printed()).toContain(
      `wrote permissions boundary ${BOUNDARY} for env "dev" to team-provider-info (from environment variable)`,
    );
  });

  it('keeps the other keys of team-provider-info when it fills the boundary', async () => {
    await projectWith();
    await prePush({
      env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: BOUNDARY },
      envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }),
    });
    expect(await project.readJson(TPI)).toEqual({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
  });

  it('does not write an AMPLIFY_PERMISSIONS_BOUNDARY_ARN that is not valid for the env', async () => {
    await projectWith();
    const run = await prePush({
      env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: FOREIGN },
      envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }),
    });
    expect(expectStopped(run).message).toContain('The push was stopped');
    expect(await storedBoundary()).toBeUndefined();
  });

  it("fills the boundary from iam-guard.json's policy name, in the env's account", async () => {
    await projectWith();
    await project.write('amplify/iam-guard.json', { boundary: { policyName: 'Guard', policyPath: '/org/' } });
    const guard = 'arn:aws:iam::123456789012:policy/org/Guard';
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [guard] }) });
    expect(run.error).toBeUndefined();
    expect(await storedBoundary()).toBe(guard);
    expect(run.printed()).toContain('(from iam-guard.json)');
  });

  it('stops a push that would strip the deployed boundary, naming both `amplify boundary set` commands', async () => {
    await projectWith();
    await project.write('amplify/#current-cloud-backend/amplify-meta.json', {
      providers: { awscloudformation: { PermissionsBoundaryPolicyArn: BOUNDARY } },
    });
    const run = await prePush();
    const error = expectStopped(run);
    expect(error.message).toContain(`deployed with permissions boundary ${BOUNDARY}`);
    expect(error.message).toContain('would strip the boundary from every IAM role');
    expect(error.resolution).toContain(`amplify boundary set --env dev --permissions-boundary ${BOUNDARY}`);
    expect(error.resolution).toContain("amplify boundary set --env dev --permissions-boundary ''");
    expect(await storedBoundary()).toBeUndefined();
  });

  it('asks the deployed auth role in a checkout without #current-cloud-backend', async () => {
    await projectWith();
    const run = await prePush({
      envAws: fakeEnvAws(DEV_ACCOUNT, { roles: { 'amplify-x-dev-authRole': BOUNDARY } }),
    });
    expect(expectStopped(run).message).toContain('would strip the boundary');
  });

  it('makes no AWS call and prints nothing in a project with no boundary anywhere', async () => {
    await projectWith();
    await project.write('amplify/#current-cloud-backend/amplify-meta.json', {
      providers: { awscloudformation: { StackName: 'amplify-x-dev' } },
    });
    const run = await prePush(); // no envAws / accessAws: any session fails the run
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([]);
  });

  it("makes no AWS call and prints nothing when the env's boundary is '' on purpose", async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: '' });
    const run = await prePush();
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([]);
  });

  it("stops when iam-guard.json requires a boundary and the env has ''", async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: '' });
    await project.write('amplify/iam-guard.json', { boundary: { required: true } });
    const run = await prePush();
    const error = expectStopped(run);
    expect(error.message).toContain('requires a permissions boundary, but env "dev" has none');
    expect(error.resolution).toContain('amplify boundary set --env dev --permissions-boundary <arn>');
  });
});

describe('PrePush template check', () => {
  const CUSTOM = 'amplify/backend/custom/jobs/jobs-cloudformation-template.json';
  const role = (boundary?: unknown) => ({
    Type: 'AWS::IAM::Role',
    Properties: { AssumeRolePolicyDocument: {}, ...(boundary === undefined ? {} : { PermissionsBoundary: boundary }) },
  });
  const withCustomResource = async (resources: Record<string, unknown>): Promise<void> => {
    await project.write('amplify/backend/backend-config.json', {
      custom: { jobs: { service: 'customCloudformation', providerPlugin: 'awscloudformation' } },
      function: { generated: { service: 'Lambda' } },
    });
    await project.write(CUSTOM, { Resources: resources });
    // A resource with a build/ folder is generated at push: its templates as written are not what deploys.
    await project.write('amplify/backend/function/generated/generated-cloudformation-template.json', {
      Resources: { Fn: role('') },
    });
    await project.write('amplify/backend/function/generated/build/index.js', '');
    // Build output of the last push, possibly another env's: never read.
    await project.write('amplify/backend/awscloudformation/build/root-template.json', { Resources: { R: role('') } });
  };

  it('warns about a role with its own boundary, naming the file and the logical ID', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    await withCustomResource({ Own: role('arn:aws:iam::123456789012:policy/Stricter'), Plain: role() });
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }) });
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([
      {
        level: 'warn',
        text: `amplify-iam-guard: ${CUSTOM}: role Own sets its own permissions boundary arn:aws:iam::123456789012:policy/Stricter, not the env's ${BOUNDARY}; the CLI keeps a boundary a template sets.`,
      },
    ]);
  });

  it('stops the push under boundary.required when a role would deploy without a boundary', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    await project.write('amplify/iam-guard.json', { boundary: { required: true } });
    await withCustomResource({ Stripped: role({ Ref: 'AWS::NoValue' }) });
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }) });
    const error = expectStopped(run);
    expect(error.message).toContain(`${CUSTOM}: role Stripped sets PermissionsBoundary to {"Ref": "AWS::NoValue"}`);
  });

  it('only warns about that role when no boundary is required', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    await withCustomResource({ Stripped: role('') });
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }) });
    expect(run.error).toBeUndefined();
    expect(run.lines.map((line) => line.level)).toEqual(['warn']);
    expect(run.lines[0]?.text).toContain('role Stripped sets PermissionsBoundary to ""');
  });

  it('warns about a malformed template, naming the file', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: BOUNDARY });
    await withCustomResource({});
    await project.write(CUSTOM, '{ "Resources": {');
    const run = await prePush({ envAws: fakeEnvAws(DEV_ACCOUNT, { policies: [BOUNDARY] }) });
    expect(run.error).toBeUndefined();
    expect(run.lines[0]?.text).toContain(`amplify-iam-guard: ${CUSTOM} could not be read as a CloudFormation template`);
  });

  it('reads no template when the env has no boundary', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: '' });
    await withCustomResource({ Own: role('arn:aws:iam::123456789012:policy/Stricter') });
    const run = await prePush();
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([]);
  });
});
