import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AmplifyException } from '@aws-amplify/amplify-cli-core';
import type { Choice, Prompter } from '../../../src/host/io';
import {
  DEV_ACCOUNT,
  defaultTeamProviderInfo,
  makeTempProject,
  teamProviderInfoWith,
  type TempProject,
} from '../helpers/temp-project';
import {
  addRole,
  APP_ID,
  LAMBDA_TRUST,
  makeWorld,
  pluginTags,
  roleArn,
  runComputeRole,
  type ComputeRoleRun,
  type World,
} from '../helpers/compute-role-harness';
import { unusedHosting, unusedRoles } from '../../fakes/memory-ports';

const BOUNDARY = `arn:aws:iam::${DEV_ACCOUNT}:policy/AmplifyBoundary`;
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const SES_SEND = `arn:aws:iam::${DEV_ACCOUNT}:policy/SesSend`;
const DEV_ROLE = `amplify-${APP_ID}-dev-compute`;

let project: TempProject;
let world: World;

beforeEach(async () => {
  project = await makeTempProject({ teamProviderInfo: teamProviderInfoWith({ dev: BOUNDARY }) });
  world = makeWorld([
    { branchName: 'main', environmentVariables: {} },
    { branchName: 'dev', environmentVariables: {} },
    { branchName: 'feature/x', environmentVariables: {} },
  ]);
});

afterEach(async () => {
  await project.remove();
});

const attach = (options: ComputeRoleRun['options'], extra: Partial<ComputeRoleRun> = {}) =>
  runComputeRole({ command: 'attach', options, cwd: project.root, world, ...extra });

const branchRole = (name: string) => world.hosting.state.branches.find((b) => b.branchName === name)?.computeRoleArn;

const guardConfig = () => project.json(project.guardConfig);

/** The warnings of a run about the role itself (not the note that a change awaits the next deployment). */
const roleWarnings = (io: { lines: Array<{ level: string; text: string }> }) =>
  io.lines.filter((line) => line.level === 'warn' && !/next deployment|deployed by hand/.test(line.text));

const writePolicy = async (name: string, content: string): Promise<string> => {
  await writeFile(join(project.root, name), content);
  return name;
};

/** Expects the run to have failed with an AmplifyError and left IAM, hosting and iam-guard.json as they were. */
const expectRefusedUnchanged = async (error: unknown, rolesBefore: string[]): Promise<AmplifyException> => {
  expect(error).toBeInstanceOf(AmplifyException);
  expect(error).toHaveProperty('classification', 'ERROR');
  expect([...world.iam.roles.keys()]).toEqual(rolesBefore);
  expect(world.hosting.state.branches.map((branch) => branch.computeRoleArn)).toEqual([
    undefined,
    undefined,
    undefined,
  ]);
  expect(world.hosting.state.app.computeRoleArn).toBeUndefined();
  await expect(guardConfig()).rejects.toThrow('ENOENT');
  return error as AmplifyException;
};

describe('amplify compute-role attach --policy-arns', () => {
  it('creates the role with the env’s boundary, the Amplify-only trust and the plugin tags, attaches it to the env’s branch and records it', async () => {
    const { io, error } = await attach({ 'policy-arns': `${S3_READ},${SES_SEND}`, yes: true });
    expect(error).toBeUndefined();
    expect(world.iam.roles.get(DEV_ROLE)).toMatchObject({
      arn: roleArn(DEV_ROLE),
      boundary: BOUNDARY,
      tags: { 'amplify-iam-guard:app': APP_ID, 'amplify-iam-guard:branch': 'dev', 'amplify-iam-guard:env': 'dev' },
      managedPolicies: [S3_READ, SES_SEND],
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
    });
    expect(branchRole('dev')).toBe(roleArn(DEV_ROLE));
    expect(branchRole('main')).toBeUndefined();
    expect(await guardConfig()).toEqual({
      environments: {
        dev: { computeRole: { roleArn: roleArn(DEV_ROLE), branch: 'dev', attachedAt: expect.any(String) as string } },
      },
    });
    expect(io.printed()).toContain(`branch dev of app ${APP_ID} now uses compute role ${roleArn(DEV_ROLE)} (created)`);
  });

  it('keeps the other keys of iam-guard.json when it records the role', async () => {
    await writeFile(project.guardConfig, `${JSON.stringify({ boundary: { required: true } }, null, 2)}\n`);
    const { error } = await attach({ 'policy-arns': S3_READ, yes: true });
    expect(error).toBeUndefined();
    expect(await guardConfig()).toEqual({
      boundary: { required: true },
      environments: {
        dev: { computeRole: { roleArn: roleArn(DEV_ROLE), branch: 'dev', attachedAt: expect.any(String) as string } },
      },
    });
  });

  it('creates a role without a boundary when the env has none', async () => {
    const noBoundary = await makeTempProject({ teamProviderInfo: defaultTeamProviderInfo() });
    try {
      const { error } = await attach({ 'policy-arns': S3_READ, yes: true }, { cwd: noBoundary.root });
      expect(error).toBeUndefined();
      expect(world.iam.roles.get(DEV_ROLE)?.boundary).toBeUndefined();
    } finally {
      await noBoundary.remove();
    }
  });

  it('changes nothing when run again with the same inputs', async () => {
    await attach({ 'policy-arns': S3_READ, yes: true });
    const before = JSON.stringify([...world.iam.roles.entries()]);
    const configBefore = await project.bytes(project.guardConfig);
    const { io, error } = await attach({ 'policy-arns': S3_READ, yes: true });
    expect(error).toBeUndefined();
    expect(io.printed()).toContain('Nothing to change');
    expect(JSON.stringify([...world.iam.roles.entries()])).toBe(before);
    expect(await project.bytes(project.guardConfig)).toEqual(configBefore);
  });

  it('brings a role it created to a new set of policies', async () => {
    await attach({ 'policy-arns': S3_READ, yes: true });
    const { io, error } = await attach({ 'policy-arns': SES_SEND, yes: true });
    expect(error).toBeUndefined();
    expect(world.iam.roles.get(DEV_ROLE)?.managedPolicies).toEqual([SES_SEND]);
    expect(io.printed()).toContain(`attach managed policy ${SES_SEND}`);
    expect(io.printed()).toContain(`detach managed policy ${S3_READ}`);
    expect(branchRole('dev')).toBe(roleArn(DEV_ROLE));
  });

  it('attaches to the branch of --branch, naming the role after a URL-style branch', async () => {
    const { error } = await attach({ 'policy-arns': S3_READ, branch: 'feature/x', yes: true });
    expect(error).toBeUndefined();
    const name = `amplify-${APP_ID}-feature-x-compute`;
    expect(world.iam.roles.get(name)?.tags['amplify-iam-guard:branch']).toBe('feature/x');
    expect(branchRole('feature/x')).toBe(roleArn(name));
    expect(await guardConfig()).toEqual({
      environments: {
        dev: { computeRole: { roleArn: roleArn(name), branch: 'feature/x', attachedAt: expect.any(String) as string } },
      },
    });
  });

  it('uses --role-name for the role it creates', async () => {
    const { error } = await attach({ 'policy-arns': S3_READ, 'role-name': 'shop-dev-ssr', yes: true });
    expect(error).toBeUndefined();
    expect(branchRole('dev')).toBe(roleArn('shop-dev-ssr'));
  });

  it('sets the app default with --app and records scope "app"', async () => {
    const { error } = await attach({ 'policy-arns': S3_READ, app: true, yes: true });
    expect(error).toBeUndefined();
    const name = `amplify-${APP_ID}-compute`;
    expect(world.hosting.state.app.computeRoleArn).toBe(roleArn(name));
    expect(branchRole('dev')).toBeUndefined();
    expect(await guardConfig()).toEqual({
      environments: {
        dev: { computeRole: { roleArn: roleArn(name), scope: 'app', attachedAt: expect.any(String) as string } },
      },
    });
  });

  it('prints the plan and changes nothing with --dry-run', async () => {
    const { io, error } = await attach({ 'policy-arns': S3_READ, 'dry-run': true, yes: true });
    expect(error).toBeUndefined();
    const printed = io.printed();
    expect(printed).toContain(`create role ${DEV_ROLE} trusting only amplify.amazonaws.com`);
    expect(printed).toContain(`boundary ${BOUNDARY}`);
    expect(printed).toContain(`attach managed policy ${S3_READ}`);
    expect(printed).toContain(`set the compute role of branch dev of app ${APP_ID}`);
    expect(printed).toContain('Dry run: nothing was changed.');
    expect(world.iam.roles.size).toBe(0);
    expect(branchRole('dev')).toBeUndefined();
    await expect(guardConfig()).rejects.toThrow('ENOENT');
  });

  it('never takes over a role of the default name that it did not create: the new role gets the hashed name', async () => {
    addRole(world, { name: DEV_ROLE, tags: { team: 'web' } });
    const { error } = await attach({ 'policy-arns': S3_READ, yes: true });
    expect(error).toBeUndefined();
    expect(world.iam.roles.get(DEV_ROLE)).toMatchObject({ managedPolicies: [], tags: { team: 'web' } });
    expect(branchRole('dev')).toMatch(new RegExp(`role/amplify-${APP_ID}-dev-[0-9a-f]{8}-compute$`));
  });

  it('refuses --role-name naming a role that is not this target’s, naming --role-name, and changes nothing', async () => {
    addRole(world, { name: 'shared-ssr', tags: { team: 'web' } });
    const { error } = await attach({ 'policy-arns': S3_READ, 'role-name': 'shared-ssr', yes: true });
    await expectRefusedUnchanged(error, ['shared-ssr']);
    expect((error as Error).message).toContain('--role-name shared-ssr names an existing role');
    expect((error as AmplifyException).resolution).toContain('--role-arn');
  });
});

describe('amplify compute-role attach --policy-file', () => {
  it('puts the policy file as the inline policy of the role it creates', async () => {
    const statement = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' };
    const file = await writePolicy(
      'policy.json',
      JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2),
    );
    const { io, error } = await attach({ 'policy-file': file, yes: true });
    expect(error).toBeUndefined();
    const role = world.iam.roles.get(DEV_ROLE);
    expect(JSON.parse(role?.inlineDocuments['amplify-iam-guard-inline'] ?? 'null')).toEqual({
      Version: '2012-10-17',
      Statement: [statement],
    });
    expect(roleWarnings(io)).toEqual([]);
  });

  it('warns when the policy file allows "Action": "*" on "Resource": "*"', async () => {
    const file = await writePolicy(
      'admin.json',
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    );
    const { io, error } = await attach({ 'policy-file': file, yes: true });
    expect(error).toBeUndefined();
    const warnings = roleWarnings(io).map((line) => line.text);
    expect(warnings).toEqual([expect.stringContaining('"Action": "*" on "Resource": "*"')]);
  });

  it('warns when AdministratorAccess is among the managed policies', async () => {
    const { io } = await attach({ 'policy-arns': 'arn:aws:iam::aws:policy/AdministratorAccess', yes: true });
    expect(io.lines).toContainEqual({ level: 'warn', text: expect.stringContaining('"Resource": "*"') as string });
  });

  it('is an error naming the file when it is not valid JSON, and creates nothing', async () => {
    const file = await writePolicy('broken-policy.json', '{ "Version": "2012-10-17", ');
    const { error } = await attach({ 'policy-file': file, yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('broken-policy.json');
  });

  it('is an error naming the file when it does not exist', async () => {
    const { error } = await attach({ 'policy-file': 'missing.json', yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('missing.json');
  });

  it('is an error when the JSON is not a policy document', async () => {
    const file = await writePolicy('not-a-policy.json', '{"Version":"2012-10-17"}');
    const { error } = await attach({ 'policy-file': file, yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('not-a-policy.json');
    expect((error as Error).message).toContain('Statement');
  });
});

describe('amplify compute-role attach --role-arn', () => {
  it('attaches an existing role that trusts Amplify as it is, warning that it lacks the env’s boundary', async () => {
    const existing = addRole(world, { name: 'hand-made', managedPolicies: [S3_READ] });
    const { io, error } = await attach({ 'role-arn': existing.arn, yes: true });
    expect(error).toBeUndefined();
    expect(branchRole('dev')).toBe(existing.arn);
    expect(world.iam.roles.get('hand-made')).toMatchObject({ managedPolicies: [S3_READ], tags: {} });
    expect(world.iam.roles.get('hand-made')?.boundary).toBeUndefined();
    expect(io.lines).toContainEqual({ level: 'warn', text: expect.stringContaining(BOUNDARY) as string });
    expect(await guardConfig()).toEqual({
      environments: {
        dev: { computeRole: { roleArn: existing.arn, branch: 'dev', attachedAt: expect.any(String) as string } },
      },
    });
  });

  it('does not warn about the boundary when the role carries it', async () => {
    const existing = addRole(world, { name: 'hand-made', boundary: BOUNDARY });
    const { io, error } = await attach({ 'role-arn': existing.arn, yes: true });
    expect(error).toBeUndefined();
    expect(roleWarnings(io)).toEqual([]);
  });

  it('refuses a role only Lambda may assume and changes nothing', async () => {
    const lambdaRole = addRole(world, { name: 'lambda-only', trustPolicy: LAMBDA_TRUST });
    const { error } = await attach({ 'role-arn': lambdaRole.arn, yes: true });
    await expectRefusedUnchanged(error, ['lambda-only']);
    expect((error as Error).message).toContain('amplify.amazonaws.com');
    expect(world.iam.roles.get('lambda-only')?.trustPolicy).toEqual(LAMBDA_TRUST);
  });

  it('refuses a role that does not exist', async () => {
    const { error } = await attach({ 'role-arn': roleArn('nowhere'), yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain(roleArn('nowhere'));
  });

  it('is an error together with --policy-arns, before anything is read or changed', async () => {
    const existing = addRole(world, { name: 'hand-made' });
    const { error } = await attach({ 'role-arn': existing.arn, 'policy-arns': S3_READ, yes: true });
    await expectRefusedUnchanged(error, ['hand-made']);
    expect((error as Error).message).toContain('--role-arn');
  });

  it('is an error together with --policy-file', async () => {
    const existing = addRole(world, { name: 'hand-made' });
    const { error } = await attach({ 'role-arn': existing.arn, 'policy-file': 'p.json', yes: true });
    await expectRefusedUnchanged(error, ['hand-made']);
  });
});

describe('amplify compute-role attach, other mistakes', () => {
  it('refuses to create a role with no permissions at all when it cannot ask, naming --policy-arns and --policy-file', async () => {
    const { error, asked } = await attach({ yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('--policy-arns');
    expect((error as Error).message).toContain('--policy-file');
    expect(asked).toEqual([]);
  });

  it('refuses without a TTY just as under --yes', async () => {
    const { error, asked } = await attach({}, { stdinIsTTY: false });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('--policy-arns');
    expect(asked).toEqual([]);
  });

  it('is an error to give --app with --branch', async () => {
    const { error } = await attach({ 'policy-arns': S3_READ, app: true, branch: 'main', yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('--app');
  });

  it('is an error listing the branches when --branch names none of them', async () => {
    const { error } = await attach({ 'policy-arns': S3_READ, branch: 'nope', yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('main, dev, feature/x');
  });

  it('is an error saying so when the project was never connected to Amplify Hosting', async () => {
    const tpi = defaultTeamProviderInfo() as { dev: { awscloudformation: Record<string, unknown> } };
    delete tpi.dev.awscloudformation.AmplifyAppId;
    const unconnected = await makeTempProject({ teamProviderInfo: tpi });
    try {
      const { error } = await attach({ 'policy-arns': S3_READ, yes: true }, { cwd: unconnected.root });
      expect(error).toBeInstanceOf(AmplifyException);
      expect((error as Error).message).toContain('never connected to Amplify Hosting');
      expect(world.iam.roles.size).toBe(0);
    } finally {
      await unconnected.remove();
    }
  });
});

describe('amplify compute-role attach at a terminal', () => {
  /** Answers the picker by the start of a choice's name, typed inputs in order, and confirmations in order. */
  const terminal = (answers: { pick: string; inputs: string[]; confirms: boolean[] }, asked: string[]): Prompter => ({
    pick: <T>(message: string, choices: Array<Choice<T>>) => {
      asked.push(message);
      const choice = choices.find((candidate) => candidate.name.startsWith(answers.pick));
      return choice ? Promise.resolve(choice.value) : Promise.reject(new Error(`no choice ${answers.pick}`));
    },
    input: (message) => {
      asked.push(message);
      return Promise.resolve(answers.inputs.shift() ?? '');
    },
    confirm: (message) => {
      asked.push(message);
      return Promise.resolve(answers.confirms.shift() ?? false);
    },
  });

  it('creates the role with the policies typed in, after showing the plan and a confirmation', async () => {
    const asked: string[] = [];
    const prompt = terminal({ pick: 'Create a role', inputs: [S3_READ, ''], confirms: [true] }, asked);
    const { io, error } = await attach({}, { stdinIsTTY: true, prompt });
    expect(error).toBeUndefined();
    expect(world.iam.roles.get(DEV_ROLE)?.managedPolicies).toEqual([S3_READ]);
    expect(branchRole('dev')).toBe(roleArn(DEV_ROLE));
    expect(asked[asked.length - 1]).toBe('Apply this plan?');
    expect(io.printed()).toContain(`attach managed policy ${S3_READ}`);
  });

  it('changes nothing when the plan is declined', async () => {
    const prompt = terminal({ pick: 'Create a role', inputs: [S3_READ, ''], confirms: [false] }, []);
    const { io, error } = await attach({}, { stdinIsTTY: true, prompt });
    expect(error).toBeUndefined();
    expect(io.printed()).toContain('Nothing was changed.');
    expect(world.iam.roles.size).toBe(0);
    await expect(guardConfig()).rejects.toThrow('ENOENT');
  });

  it('creates a role with no permissions only after an explicit yes', async () => {
    const asked: string[] = [];
    const prompt = terminal({ pick: 'Create a role', inputs: ['', ''], confirms: [true, true] }, asked);
    const { error } = await attach({}, { stdinIsTTY: true, prompt });
    expect(error).toBeUndefined();
    expect(asked).toContain('Create a role with no permissions at all?');
    expect(world.iam.roles.get(DEV_ROLE)?.managedPolicies).toEqual([]);
  });

  it('attaches an existing role whose ARN is typed in', async () => {
    const existing = addRole(world, { name: 'hand-made', boundary: BOUNDARY });
    const prompt = terminal({ pick: 'Use an existing role', inputs: [existing.arn], confirms: [true] }, []);
    const { error } = await attach({}, { stdinIsTTY: true, prompt });
    expect(error).toBeUndefined();
    expect(branchRole('dev')).toBe(existing.arn);
  });
});

describe('attach --role-arn of another account', () => {
  it('refuses a role ARN of another account instead of attaching a same-named local role', async () => {
    addRole(world, { name: 'shared', tags: pluginTags('dev') });
    const foreign = 'arn:aws:iam::999999999999:role/shared';
    expect(DEV_ACCOUNT).not.toBe('999999999999');
    const { error } = await runComputeRole({
      command: 'attach',
      options: { 'role-arn': foreign, yes: true },
      cwd: project.root,
      world,
    });
    expect(error).toBeInstanceOf(Error);
    expect(world.hosting.state.branches[0].computeRoleArn).toBeUndefined();
  });
});

describe('amplify compute-role attach checks every input before anything changes', () => {
  /** A world whose every IAM and Amplify call fails the test. */
  const noAws = (): World => ({
    ...world,
    iam: { port: unusedRoles(), roles: world.iam.roles },
    hostingPort: unusedHosting(),
  });

  it.each([['r'.repeat(2001)], ['rôle-ssr'], ['feature/x']])(
    'refuses --role-name %s before any AWS call, naming --role-name',
    async (name) => {
      const { error } = await attach({ 'policy-arns': S3_READ, 'role-name': name, yes: true }, { world: noAws() });
      expect(error).toBeInstanceOf(AmplifyException);
      expect((error as Error).message).toMatch(/^--role-name .* is not an IAM role name/);
    },
  );

  it('refuses --policy-arns not-an-arn naming --policy-arns, and creates no role', async () => {
    const { error } = await attach({ 'policy-arns': `${S3_READ},not-an-arn`, yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('--policy-arns: "not-an-arn" is not a managed policy ARN');
    expect((error as Error).message).not.toContain(DEV_ROLE);
  });

  it('refuses a policy of another account and one that does not exist, creating nothing', async () => {
    const foreign = await attach({ 'policy-arns': 'arn:aws:iam::999999999999:policy/SesSend', yes: true });
    await expectRefusedUnchanged(foreign.error, []);
    expect((foreign.error as Error).message).toContain('belongs to account 999999999999');
    const missing = await attach({ 'policy-arns': `arn:aws:iam::${DEV_ACCOUNT}:policy/Nope`, yes: true });
    await expectRefusedUnchanged(missing.error, []);
    expect((missing.error as Error).message).toContain('does not exist in account');
  });

  it('refuses a policy file that is JSON but not an IAM policy, creating nothing', async () => {
    const file = await writePolicy('bad.json', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*' }] }));
    const { error } = await attach({ 'policy-file': file, yes: true });
    await expectRefusedUnchanged(error, []);
    expect((error as Error).message).toContain('--policy-file bad.json is not an IAM policy document');
  });

  it('refuses --role-arn of a role any principal may assume', async () => {
    const open = addRole(world, {
      name: 'open',
      trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
    });
    const { error } = await attach({ 'role-arn': open.arn, yes: true });
    await expectRefusedUnchanged(error, ['open']);
    expect((error as Error).message).toContain('lets any principal');
  });
});

describe('amplify compute-role attach and the next deployment', () => {
  it('says the role is not in effect until the branch deploys, and what to run for an app deployed by hand', async () => {
    const { io } = await attach({ 'policy-arns': S3_READ, redeploy: true, yes: true });
    const printed = io.printed();
    expect(printed).toContain("only at the branch's next deployment");
    expect(printed).toContain('deployed by hand');
    expect(world.hosting.state.jobs.size).toBe(0);
  });

  it('starts a release job of the branch with --redeploy when the app has a repository', async () => {
    world.hosting.state.app.repository = 'https://github.com/example/shop';
    const { io, error } = await attach({ 'policy-arns': S3_READ, redeploy: true, yes: true });
    expect(error).toBeUndefined();
    expect(world.hosting.state.jobs.get('dev')?.[0]).toMatchObject({ jobType: 'RELEASE' });
    expect(io.printed()).toContain('Started release job 1 of branch dev');
  });

  it('records when it set the role, and keeps that time when a run changes nothing', async () => {
    await attach({ 'policy-arns': S3_READ, yes: true });
    const first = (await guardConfig()) as { environments: { dev: { computeRole: { attachedAt: string } } } };
    await attach({ 'policy-arns': S3_READ, yes: true });
    expect(await guardConfig()).toEqual(first);
  });
});

describe('amplify compute-role attach --redeploy after a plain attach', () => {
  beforeEach(() => {
    world.hosting.state.app.repository = 'https://github.com/example/shop';
  });

  it('starts the deployment the earlier run advised when the role is still pending, though nothing else changes', async () => {
    await attach({ 'policy-arns': S3_READ, yes: true });
    expect(world.hosting.state.jobs.size).toBe(0);
    const { io, error } = await attach({ 'policy-arns': S3_READ, redeploy: true, yes: true });
    expect(error).toBeUndefined();
    expect(io.printed()).toContain(`Nothing to change: branch dev of app ${APP_ID} already uses ${roleArn(DEV_ROLE)}.`);
    expect(io.printed()).toContain('was set after the last deployment of branch dev: it is pending');
    expect(io.printed()).toContain('Started release job 1 of branch dev');
    expect(world.hosting.state.jobs.get('dev')).toHaveLength(1);
  });

  it('says the role is already in effect and starts none once the branch deployed after it was set', async () => {
    await attach({ 'policy-arns': S3_READ, yes: true });
    const later = new Date(Date.now() + 5000);
    world.hosting.state.jobs.set('dev', [{ jobId: '7', jobType: 'RELEASE', status: 'SUCCEED', startTime: later }]);
    const { io, error } = await attach({ 'policy-arns': S3_READ, redeploy: true, yes: true });
    expect(error).toBeUndefined();
    expect(io.printed()).toContain(`The compute role of branch dev of app ${APP_ID} is already in effect`);
    expect(io.printed()).toContain('no deployment was started');
    expect(world.hosting.state.jobs.get('dev')).toHaveLength(1);
  });
});

describe('amplify compute-role attach --redeploy when the deployment cannot start', () => {
  it('keeps the role set, says the deployment did not start, and ends with a non-zero exit code', async () => {
    const exitCode = process.exitCode;
    try {
      world.hosting.state.app.repository = 'https://github.com/example/shop';
      world.hostingPort = {
        ...world.hosting.port,
        startRelease: () => Promise.reject(new Error('User is not authorized to perform amplify:StartJob.')),
      };
      const { io, error } = await attach({ 'policy-arns': S3_READ, redeploy: true, yes: true });
      expect(error).toBeUndefined();
      expect(branchRole('dev')).toBe(roleArn(DEV_ROLE));
      expect(io.lines).toContainEqual({
        level: 'error',
        text: expect.stringContaining('Could not start the deployment of branch dev') as string,
      });
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = exitCode;
    }
  });
});
