import type { EnvAws, StackResource } from '../../../src/aws/ports';
import { createPostPush } from '../../../src/events/post-push';
import { EVENTS } from '../../../src/index';
import { accountAws, type AccountSeed } from '../../fakes/aws-world';
import {
  DEV_ACCOUNT,
  PROD_ACCOUNT,
  devProvider,
  keepingExitCode,
  makeProject,
  raiseEvent,
  type EventRun,
  type TempProject,
} from '../helpers/event-harness';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';
const PROD_BOUNDARY = 'arn:aws:iam::222222222222:policy/Boundary';
const PUSH = { command: 'push', options: { yes: true } };

let project: TempProject;
afterEach(() => project.remove());

const roleResource = (logicalId: string, physicalId: string): StackResource => ({
  logicalId,
  type: 'AWS::IAM::Role',
  physicalId,
});
const devStack = (roles: Record<string, string | undefined>, extra: AccountSeed = {}): AccountSeed => ({
  policies: [BOUNDARY],
  roles,
  stacks: {
    'amplify-x-dev': [
      roleResource('AuthRole', 'amplify-x-dev-authRole'),
      roleResource('UnauthRole', 'amplify-x-dev-unauthRole'),
    ],
  },
  ...extra,
});
const levels = (run: EventRun): string[] => run.lines.map((line) => line.level);
const roleWith = (boundary?: string) => ({
  Type: 'AWS::IAM::Role',
  Properties: { AssumeRolePolicyDocument: {}, ...(boundary ? { PermissionsBoundary: boundary } : {}) },
});
/** The root stack as the CLI deployed it: both roles with the env's boundary. */
const deployedTemplates = (boundary = BOUNDARY): AccountSeed['templates'] => ({
  'amplify-x-dev': { body: { Resources: { AuthRole: roleWith(boundary), UnauthRole: roleWith(boundary) } } },
});

describe('PostPush', () => {
  const hungAws = (): EnvAws => {
    const aws = accountAws(DEV_ACCOUNT, devStack({}));
    return { ...aws, stacks: { ...aws.stacks, listResources: () => new Promise<never>(() => {}) } };
  };
  const raiseLimited = (env: EnvAws) =>
    raiseEvent(
      { cwd: project.root, envAws: env },
      'PostPush',
      PUSH,
      {},
      { ...EVENTS, PostPush: () => Promise.resolve(createPostPush(50)) },
    );

  it('stops waiting for a check that outlives its limit and warns, leaving the push its exit code', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseLimited(hungAws());
    });
    expect(run?.error).toBeUndefined();
    expect(exitCode).toBeUndefined();
    expect(run!.lines).toEqual([
      {
        level: 'warn',
        text: 'amplify-iam-guard: the check of env "dev" did not finish within 0.05 s, so its roles are not proven. Run `amplify boundary verify --env dev` to finish it.',
      },
    ]);
  });

  it('makes an unfinished check an error with exit code 1 when a boundary is required', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    await project.write('amplify/iam-guard.json', { boundary: { required: true } });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseLimited(hungAws());
    });
    expect(run?.error).toBeUndefined();
    expect(exitCode).toBe(1);
    expect(levels(run!)).toEqual(['error']);
  });

  it('never throws when required roles miss the boundary: it prints an error and sets exit code 1', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    await project.write('amplify/iam-guard.json', { boundary: { required: true } });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent(
        {
          cwd: project.root,
          envAws: accountAws(
            DEV_ACCOUNT,
            devStack(
              { 'amplify-x-dev-authRole': BOUNDARY, 'amplify-x-dev-unauthRole': undefined },
              { templates: deployedTemplates() },
            ),
          ),
        },
        'PostPush',
        PUSH,
      );
    });
    expect(run?.error).toBeUndefined();
    expect(exitCode).toBe(1);
    expect(levels(run!)).toEqual(['error', 'error']);
    expect(run!.printed()).toContain(`Env "dev": 2 IAM role(s) checked against ${BOUNDARY}: 1 ok, 1 missing.`);
    expect(run!.lines[1]?.text).toBe(
      '  amplify-x-dev-unauthRole (missing, changed-outside, from root): Its boundary was changed outside CloudFormation, which no push repairs: run `amplify boundary verify --env dev --fix`.',
    );
  });

  it('names the fix `amplify push --force` for roles whose template still has the boundary of the last push', async () => {
    const OLD = 'arn:aws:iam::123456789012:policy/Old';
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    await project.write('amplify/#current-cloud-backend/amplify-meta.json', {
      providers: { awscloudformation: { PermissionsBoundaryPolicyArn: OLD } },
    });
    const run = await raiseEvent(
      {
        cwd: project.root,
        envAws: accountAws(
          DEV_ACCOUNT,
          devStack(
            { 'amplify-x-dev-authRole': OLD, 'amplify-x-dev-unauthRole': OLD },
            { templates: deployedTemplates(OLD) },
          ),
        ),
      },
      'PostPush',
      PUSH,
    );
    expect(run.error).toBeUndefined();
    const causes = run.lines.slice(1).map((line) => line.text);
    expect(causes).toHaveLength(2);
    for (const line of causes) expect(line).toContain('(mismatch, not-pushed, from root): ');
    expect(causes[0]).toContain('run `amplify push --force` so the CLI rewrites every template with it.');
  });

  it('only warns about roles missing the boundary when none is required, leaving the exit code alone', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent(
        {
          cwd: project.root,
          envAws: accountAws(
            DEV_ACCOUNT,
            devStack({ 'amplify-x-dev-authRole': undefined }, { denied: ['cloudformation:GetTemplate'] }),
          ),
        },
        'PostPush',
        PUSH,
      );
    });
    expect(run?.error).toBeUndefined();
    expect(exitCode).toBeUndefined();
    expect(levels(run!)).toEqual(['warn', 'warn', 'warn']);
    expect(run!.printed()).toContain('1 missing, 1 not-found');
    // GetTemplate is not allowed here: the cause says so instead of guessing.
    expect(run!.printed()).toContain('amplify-x-dev-authRole (missing, unknown, from root)');
    expect(run!.printed()).toContain('allow cloudformation:GetTemplate');
    expect(run!.printed()).toContain('amplify-x-dev-unauthRole (not-found, not-found, from root)');
  });

  it('prints the verified summary when every role carries the boundary', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    const roles = { 'amplify-x-dev-authRole': BOUNDARY, 'amplify-x-dev-unauthRole': BOUNDARY };
    const run = await raiseEvent(
      { cwd: project.root, envAws: accountAws(DEV_ACCOUNT, devStack(roles)) },
      'PostPush',
      PUSH,
    );
    expect(run.lines).toEqual([
      { level: 'success', text: `amplify-iam-guard: Env "dev": 2 IAM role(s) checked against ${BOUNDARY}: 2 ok.` },
    ]);
  });

  it('turns a failure into a printed error and exit code 1 instead of a throw', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent({ cwd: project.root }, 'PostPush', PUSH); // opening the env's AWS session fails
    });
    expect(run?.error).toBeUndefined();
    expect(exitCode).toBe(1);
    expect(run!.lines).toEqual([
      { level: 'error', text: expect.stringContaining('amplify-iam-guard (PostPush):') as string },
    ]);
  });

  it('does nothing, without AWS, when the env has no boundary and none is required', async () => {
    project = await makeProject();
    const run = await raiseEvent({ cwd: project.root }, 'PostPush', PUSH);
    expect(run.error).toBeUndefined();
    expect(run.lines).toEqual([]);
  });
});

describe('PostEnvAdd and PostInit', () => {
  const prodProvider = (extra: Record<string, unknown> = {}) => ({
    Region: 'us-east-1',
    StackName: 'amplify-x-prod',
    StackId: `arn:aws:cloudformation:us-east-1:${PROD_ACCOUNT}:stack/amplify-x-prod/def`,
    AuthRoleName: 'amplify-x-prod-authRole',
    UnauthRoleName: 'amplify-x-prod-unauthRole',
    ...extra,
  });

  it('checks an env once when PostEnvAdd and then PostInit fire for it', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
      prod: { awscloudformation: prodProvider({ PermissionsBoundaryPolicyArn: PROD_BOUNDARY }) },
    });
    const envAws = accountAws(PROD_ACCOUNT, {
      policies: [PROD_BOUNDARY],
      roles: { 'amplify-x-prod-authRole': PROD_BOUNDARY, 'amplify-x-prod-unauthRole': PROD_BOUNDARY },
    });
    const init = { command: 'init', options: { envName: 'prod', yes: true } };
    const context = { input: { plugin: 'core', ...init } };
    const added = await raiseEvent({ cwd: project.root, envAws, context }, 'PostEnvAdd', init, {
      prevEnvName: 'dev',
      newEnvName: 'prod',
    });
    await project.write('amplify/.config/local-env-info.json', { envName: 'prod' });
    const initialised = await raiseEvent({ cwd: project.root, envAws, context }, 'PostInit', init);
    expect(added.lines).toEqual([
      {
        level: 'success',
        text: `amplify-iam-guard: env "prod" has permissions boundary ${PROD_BOUNDARY}; its auth and unauth roles carry it.`,
      },
    ]);
    expect(initialised.lines).toEqual([]);
  });

  it('checks the env again in a later CLI run, which remembers nothing of an earlier one', async () => {
    project = await makeProject({
      prod: { awscloudformation: prodProvider({ PermissionsBoundaryPolicyArn: PROD_BOUNDARY }) },
    });
    const envAws = accountAws(PROD_ACCOUNT, {
      policies: [PROD_BOUNDARY],
      roles: { 'amplify-x-prod-authRole': PROD_BOUNDARY, 'amplify-x-prod-unauthRole': PROD_BOUNDARY },
    });
    await project.write('amplify/.config/local-env-info.json', { envName: 'prod' });
    const init = { command: 'init', options: { envName: 'prod', yes: true } };
    const first = await raiseEvent({ cwd: project.root, envAws }, 'PostInit', init);
    const second = await raiseEvent({ cwd: project.root, envAws }, 'PostInit', init);
    expect(second.lines).toEqual(first.lines);
    expect(second.lines).toHaveLength(1);
  });

  it("reports, without throwing, a new env whose roles lack the previous env's boundary", async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
      staging: { awscloudformation: prodProvider({ StackName: 'amplify-x-staging' }) },
    });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent({ cwd: project.root }, 'PostEnvAdd', PUSH, { prevEnvName: 'dev', newEnvName: 'staging' });
    });
    expect(run?.error).toBeUndefined();
    expect(exitCode).toBe(1);
    expect(run!.printed()).toContain(
      `Env "staging" was created without a permissions boundary, but env "dev" has ${BOUNDARY}`,
    );
    expect(run!.printed()).toContain('amplify boundary set --env staging --permissions-boundary <arn>');
  });

  it("reports a new env whose stored boundary belongs to another account, naming the env's own", async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
      qa: { awscloudformation: prodProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    const envAws = accountAws(PROD_ACCOUNT, {
      policies: [PROD_BOUNDARY],
      roles: { 'amplify-x-prod-authRole': BOUNDARY, 'amplify-x-prod-unauthRole': BOUNDARY },
    });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent({ cwd: project.root, envAws }, 'PostEnvAdd', PUSH, {
        prevEnvName: 'dev',
        newEnvName: 'qa',
      });
    });
    expect(exitCode).toBe(1);
    expect(levels(run!)).toEqual(['error']);
    expect(run!.printed()).toContain(`belongs to account ${DEV_ACCOUNT}`);
    expect(run!.printed()).toContain(`The same policy in this env's account is ${PROD_BOUNDARY}`);
  });

  it("records '' for a new env created with --permissions-boundary '' on purpose", async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
    });
    const options = { envName: 'sandbox', 'permissions-boundary': '', yes: true };
    const pre = await raiseEvent({ cwd: project.root, accessAws: accountAws(PROD_ACCOUNT, {}) }, 'PreInit', {
      command: 'init',
      options,
    });
    expect(pre.error).toBeUndefined();
    // The CLI creates the env; the provider record has no boundary key yet.
    const tpi = (await project.readJson('amplify/team-provider-info.json')) as Record<string, unknown>;
    await project.write('amplify/team-provider-info.json', {
      ...tpi,
      sandbox: { awscloudformation: prodProvider({ StackName: 'amplify-x-sandbox' }) },
    });
    const post = await raiseEvent(
      { cwd: project.root },
      'PostEnvAdd',
      { command: 'init', options },
      {
        prevEnvName: 'dev',
        newEnvName: 'sandbox',
      },
    );
    expect(post.error).toBeUndefined();
    const after = (await project.readJson('amplify/team-provider-info.json')) as {
      sandbox: { awscloudformation: Record<string, unknown> };
    };
    expect(after.sandbox.awscloudformation.PermissionsBoundaryPolicyArn).toBe('');
  });

  it("records '' without an error after `amplify env add --permissions-boundary ''`, which leaves no boundary key", async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
      // What the CLI leaves after `env add --permissions-boundary ''`: the env, without the boundary key.
      sandbox: {
        awscloudformation: {
          Region: 'us-east-1',
          StackName: 'amplify-x-sandbox',
          StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-x-sandbox/ghi',
        },
      },
    });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent(
        { cwd: project.root },
        'PostEnvAdd',
        { command: 'env', options: { envName: 'sandbox', 'permissions-boundary': '', yes: true } },
        { prevEnvName: 'dev', newEnvName: 'sandbox' },
      );
    });
    const tpi = (await project.readJson('amplify/team-provider-info.json')) as {
      sandbox: { awscloudformation: Record<string, unknown> };
    };
    expect(run?.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(exitCode).toBeUndefined();
    expect(tpi.sandbox.awscloudformation.PermissionsBoundaryPolicyArn).toBe('');
  });
});
