import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeEnvAws } from '../helpers/fake-aws';
import {
  DEV_ACCOUNT,
  PROD_ACCOUNT,
  devProvider,
  makeProject,
  raiseEvent,
  type EventSetup,
  type TempProject,
  expectStopped,
} from '../helpers/event-harness';

const DEV_BOUNDARY = 'arn:aws:iam::123456789012:policy/org/Boundary';
const PROD_BOUNDARY = 'arn:aws:iam::222222222222:policy/org/Boundary';
const PROVIDERS = JSON.stringify({
  awscloudformation: { configLevel: 'project', useProfile: true, profileName: 'prod' },
});

let project: Pick<TempProject, 'root' | 'write' | 'readJson' | 'remove'>;
afterEach(() => project.remove());

const projectWith = async (provider: Record<string, unknown> = {}): Promise<TempProject> =>
  (project = await makeProject({ dev: { awscloudformation: devProvider(provider) } }));

/** `amplify init --envName <env> --providers <profile json> --yes [more]`. */
const initEnv = (setup: Omit<EventSetup, 'cwd'>, env: string, more: Record<string, string | boolean> = {}) =>
  raiseEvent({ cwd: project.root, ...setup }, 'PreInit', {
    command: 'init',
    options: { envName: env, providers: PROVIDERS, yes: true, ...more },
  });

describe('PreInit (amplify init --envName <new>)', () => {
  it('hands the CLI the current boundary retargeted to the new account when that account has it', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [PROD_BOUNDARY] }) }, 'prod');
    expect(run.error).toBeUndefined();
    expect(run.options['permissions-boundary']).toBe(PROD_BOUNDARY);
    expect(run.printed()).toContain(
      `env "prod" (account ${PROD_ACCOUNT}) gets permissions boundary ${PROD_BOUNDARY} (from the current env, retargeted)`,
    );
  });

  it('stops init before anything is created when the new account lacks the policy, naming the ARNs tried', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [] }) }, 'prod');
    const error = expectStopped(run);
    expect(error.message).toContain(`${DEV_BOUNDARY} (current env)`);
    expect(error.message).toContain(`${PROD_BOUNDARY} (current env, retargeted)`);
    expect(error.resolution).toContain('--permissions-boundary <arn of a policy in account 222222222222>');
    expect(error.resolution).toContain("--permissions-boundary ''");
    expect(run.options['permissions-boundary']).toBeUndefined();
  });

  it('names the env variable and the committed policy name when that stop happens in CI', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [] }), env: { CI: 'true' } }, 'prod');
    const error = expectStopped(run);
    expect(error.resolution).toContain('--permissions-boundary <arn of a policy in account 222222222222>');
    expect(error.resolution).toContain('AMPLIFY_PERMISSIONS_BOUNDARY_ARN=<arn>');
    expect(error.resolution).toContain('in amplify/iam-guard.json');
  });

  it('takes the retargeted ARN with a warning when the new account may not call GetPolicy', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, { denyGetPolicy: true }) }, 'prod');
    expect(run.error).toBeUndefined();
    expect(run.options['permissions-boundary']).toBe(PROD_BOUNDARY);
    expect(run.lines.filter((line) => line.level === 'warn').map((line) => line.text)).toEqual([
      expect.stringContaining('lack iam:GetPolicy') as string,
    ]);
  });

  it("sets the option to '' without any AWS call when there is no boundary anywhere", async () => {
    await projectWith();
    const run = await initEnv({}, 'prod'); // no accessAws: opening a session fails the run
    expect(run.error).toBeUndefined();
    expect(run.options['permissions-boundary']).toBe('');
    expect(run.lines).toEqual([]);
  });

  it("keeps the current env's '' (none on purpose) as none for the new env, without AWS", async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: '' });
    const run = await initEnv({}, 'prod');
    expect(run.options['permissions-boundary']).toBe('');
  });

  it('checks a --permissions-boundary given on the command line against the new account', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [PROD_BOUNDARY] }) }, 'prod', {
      'permissions-boundary': DEV_BOUNDARY,
    });
    const error = expectStopped(run);
    expect(error.message).toContain('The permissions boundary given is not valid');
    expect(error.resolution).toContain(`--permissions-boundary ${PROD_BOUNDARY}`);
  });

  it("accepts --permissions-boundary '' as none on purpose", async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, {}) }, 'prod', { 'permissions-boundary': '' });
    expect(run.error).toBeUndefined();
    expect(run.options['permissions-boundary']).toBe('');
    expect(run.printed()).toContain('gets no permissions boundary');
  });

  it("refuses --permissions-boundary '' when iam-guard.json requires a boundary", async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    await project.write('amplify/iam-guard.json', { boundary: { required: true } });
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, {}) }, 'prod', { 'permissions-boundary': '' });
    const error = expectStopped(run);
    expect(error.message).toContain('requires a permissions boundary');
    expect(error.resolution).not.toContain("''");
  });

  it('stops on a malformed AMPLIFY_PERMISSIONS_BOUNDARY_ARN instead of ignoring it', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv(
      {
        env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: ' arn:aws:iam::222222222222:policy/org/Boundary' },
        accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [PROD_BOUNDARY] }),
      },
      'prod',
    );
    const error = expectStopped(run);
    expect(error.message).toContain('(environment variable)');
    expect(error.message).toContain('leading or trailing white space');
  });

  it('uses a valid AMPLIFY_PERMISSIONS_BOUNDARY_ARN before the current env', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const fromCi = 'arn:aws:iam::222222222222:policy/CiBoundary';
    const run = await initEnv(
      {
        env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: fromCi },
        accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [PROD_BOUNDARY, fromCi] }),
      },
      'prod',
    );
    expect(run.options['permissions-boundary']).toBe(fromCi);
  });

  it('refuses a bare --permissions-boundary without a value', async () => {
    await projectWith();
    const run = await initEnv({}, 'prod', { 'permissions-boundary': true });
    expect(expectStopped(run).message).toContain('--permissions-boundary needs a value');
  });

  it('leaves an existing env alone (init of an env that is already there)', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv({}, 'dev');
    expect(run.error).toBeUndefined();
    expect(run.options['permissions-boundary']).toBeUndefined();
  });

  it("resolves iam-guard.json's policy name in the new account", async () => {
    await projectWith();
    await project.write('amplify/iam-guard.json', { boundary: { policyName: 'Guard' } });
    const guard = 'arn:aws:iam::222222222222:policy/Guard';
    const run = await initEnv({ accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [guard] }) }, 'prod');
    expect(run.options['permissions-boundary']).toBe(guard);
    expect(run.printed()).toContain('(from the policy name)');
  });

  it('inherits a same-account boundary as is', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await initEnv(
      { accessAws: fakeEnvAws(DEV_ACCOUNT, { policies: [DEV_BOUNDARY] }), accessAccount: DEV_ACCOUNT },
      'test',
    );
    expect(run.error).toBeUndefined();
    expect(run.options['permissions-boundary']).toBe(DEV_BOUNDARY);
    expect(run.printed()).toContain('(from the current env)');
  });

  it('leaves the choice to the CLI in an interactive init without --providers, without AWS', async () => {
    await projectWith({ PermissionsBoundaryPolicyArn: DEV_BOUNDARY });
    const run = await raiseEvent({ cwd: project.root, stdinIsTTY: true }, 'PreInit', {
      command: 'init',
      options: { envName: 'prod' },
    });
    expect(run.error).toBeUndefined();
    expect(run.options['permissions-boundary']).toBeUndefined();
  });

  it('refuses a malformed flag at once in an interactive init without --providers', async () => {
    await projectWith();
    const run = await raiseEvent({ cwd: project.root, stdinIsTTY: true }, 'PreInit', {
      command: 'init',
      options: { envName: 'prod', 'permissions-boundary': 'arn:aws:iam::222222222222:policy/a b' },
    });
    expect(expectStopped(run).message).toContain('is not a valid IAM policy ARN');
  });

  describe('in a folder that is not a project yet (amplify init of a new project)', () => {
    const newProject = async (): Promise<void> => {
      const root = await mkdtemp(join(tmpdir(), 'iam-guard-new-project-'));
      project = {
        root,
        write: () => Promise.resolve(),
        readJson: () => Promise.resolve({}),
        remove: () => rm(root, { recursive: true, force: true }),
      };
    };
    const initProject = (setup: Omit<EventSetup, 'cwd'>) =>
      raiseEvent({ cwd: project.root, ...setup }, 'PreInit', {
        command: 'init',
        options: { amplify: JSON.stringify({ projectName: 'demo', envName: 'dev' }), providers: PROVIDERS, yes: true },
      });

    it("sets no boundary ('') without AWS when nothing asks for one", async () => {
      await newProject();
      const run = await initProject({});
      expect(run.error).toBeUndefined();
      expect(run.options['permissions-boundary']).toBe('');
    });

    it('takes AMPLIFY_PERMISSIONS_BOUNDARY_ARN once the new account has the policy', async () => {
      await newProject();
      const run = await initProject({
        env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: PROD_BOUNDARY },
        accessAws: fakeEnvAws(PROD_ACCOUNT, { policies: [PROD_BOUNDARY] }),
      });
      expect(run.error).toBeUndefined();
      expect(run.options['permissions-boundary']).toBe(PROD_BOUNDARY);
      expect(run.printed()).toContain('env "dev" (account 222222222222) gets permissions boundary');
    });
  });
});
