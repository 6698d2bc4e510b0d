/** Regressions: behaviour an earlier version got wrong, each pinned by a test . */
import { INLINE_POLICY_NAME, planRole } from '../../../src/compute-role/plan';
import { ownerTags } from '../../../src/compute-role/ownership';
import { cleanRoleName } from '../../../src/compute-role/naming';
import { trustsAmplify } from '../../../src/compute-role/trust';
import { DEV_ACCOUNT, makeTempProject, type TempProject } from '../helpers/temp-project';
import {
  addRole,
  APP_ID,
  everythingPrinted,
  makeWorld,
  pluginTags,
  roleArn,
  runComputeRole,
} from './compute-role-harness';

const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

let project: TempProject | undefined;
let savedExitCode: typeof process.exitCode;

beforeEach(() => {
  savedExitCode = process.exitCode;
});

afterEach(async () => {
  process.exitCode = savedExitCode;
  await project?.remove();
  project = undefined;
});

describe('attach and the branch recorded in iam-guard.json (SPEC §5)', () => {
  it('attaches to the branch recorded for the env when --branch is not given', async () => {
    project = await makeTempProject({
      guardConfig: { environments: { dev: { computeRole: { roleArn: roleArn('old'), branch: 'main' } } } },
    });
    const world = makeWorld([
      { branchName: 'main', environmentVariables: {} },
      { branchName: 'dev', environmentVariables: {} },
    ]);
    const { error } = await runComputeRole({
      command: 'attach',
      options: { 'policy-arns': S3_READ, yes: true },
      cwd: project.root,
      world,
    });
    expect(error).toBeUndefined();
    const [main, dev] = world.hosting.state.branches;
    expect(main.computeRoleArn).toBe(roleArn(`amplify-${APP_ID}-main-compute`));
    expect(dev.computeRoleArn).toBeUndefined();
  });

  it('attaches to the app default when iam-guard.json records scope "app" and neither --app nor --branch is given', async () => {
    project = await makeTempProject({
      guardConfig: { environments: { dev: { computeRole: { roleArn: roleArn('old'), scope: 'app' } } } },
    });
    const world = makeWorld([{ branchName: 'dev', environmentVariables: {} }]);
    const { error } = await runComputeRole({
      command: 'attach',
      options: { 'policy-arns': S3_READ, yes: true },
      cwd: project.root,
      world,
    });
    expect(error).toBeUndefined();
    expect(world.hosting.state.app.computeRoleArn).toBe(roleArn(`amplify-${APP_ID}-app-compute`));
    expect(world.hosting.state.branches[0].computeRoleArn).toBeUndefined();
  });
});

describe('audit never prints a secret (SPEC §4 audit, §8)', () => {
  const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const buildSpec = [
    'version: 1',
    'frontend:',
    '  phases:',
    '    build:',
    '      commands:',
    `        - echo "MY_ACCESS_KEY_ID=${KEY_ID}" >> .env.production`,
    `        - echo "MY_SECRET_ACCESS_KEY=${SECRET}" >> .env.production`,
  ].join('\n');

  it.each([[{}], [{ json: true }]])(
    'masks credentials written literally in a build spec line (options %j)',
    async (options: Record<string, boolean>) => {
      project = await makeTempProject();
      const world = makeWorld([{ branchName: 'main', environmentVariables: {}, buildSpec }]);
      const { io, error } = await runComputeRole({ command: 'audit', options, cwd: project.root, world });
      expect(error).toBeUndefined();
      const printed = everythingPrinted(io);
      expect(printed.join('\n')).toContain('.env.production');
      for (const line of printed) {
        expect(line).not.toContain(KEY_ID);
        expect(line).not.toContain(SECRET);
      }
    },
  );
});

const OWNER = { appId: APP_ID, env: 'dev', hosting: { kind: 'branch', branch: 'dev' } } as const;

describe('planRole compares the inline policy semantically', () => {
  it('plans nothing when the inline policy differs only in key order', () => {
    const stored = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';
    const reordered =
      '{"Statement":[{"Resource":"*","Action":"s3:GetObject","Effect":"Allow"}],"Version":"2012-10-17"}';
    const plan = planRole(
      { name: 'r', owner: OWNER, boundary: '', policyArns: [], inlineDocument: reordered },
      {
        arn: roleArn('r'),
        tags: ownerTags(OWNER),
        managedPolicies: [],
        inlinePolicies: [INLINE_POLICY_NAME],
        pluginInlineDocument: stored,
      },
    );
    expect(plan).toEqual({ steps: [] });
  });
});

describe('trustsAmplify and an explicit Deny', () => {
  it('refuses a trust policy whose Allow for Amplify is overridden by an explicit Deny', () => {
    const statement = { Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' };
    expect(
      trustsAmplify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', ...statement },
          { Effect: 'Deny', ...statement },
        ],
      }),
    ).toBe(false);
  });
});

describe('detach and a recorded role without a branch', () => {
  it('keeps the record of the env’s branch when another branch is detached', async () => {
    const record = { environments: { dev: { computeRole: { roleArn: roleArn('dev-role') } } } };
    project = await makeTempProject({ guardConfig: record });
    const world = makeWorld([
      { branchName: 'main', computeRoleArn: roleArn('main-role'), environmentVariables: {} },
      { branchName: 'dev', computeRoleArn: roleArn('dev-role'), environmentVariables: {} },
    ]);
    const { error } = await runComputeRole({
      command: 'detach',
      options: { branch: 'main', yes: true },
      cwd: project.root,
      world,
    });
    expect(error).toBeUndefined();
    expect(world.hosting.state.branches[0].computeRoleArn).toBeUndefined();
    expect(await project.json(project.guardConfig)).toEqual(record);
  });
});

describe('attach --role-arn of another account', () => {
  it('refuses a role ARN of another account instead of attaching a same-named local role', async () => {
    project = await makeTempProject();
    const world = makeWorld();
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

describe('cleanRoleName and characters outside the BMP', () => {
  it('turns one emoji into one dash', () => {
    expect(cleanRoleName('shop-🚀-main')).toBe('shop---main');
  });
});
