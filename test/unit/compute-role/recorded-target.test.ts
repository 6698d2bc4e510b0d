import { makeTempProject, type TempProject } from '../helpers/temp-project';
import { APP_ID, makeWorld, roleArn, runComputeRole } from '../helpers/compute-role-harness';

const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

let project: TempProject | undefined;
let savedExitCode: typeof process.exitCode;

beforeEach(() => {
  savedExitCode = process.exitCode;
});

afterEach(async () => {
  // A run that finds credentials ends with a non-zero exit code; it must not become the test run's.
  process.exitCode = savedExitCode;
  await project?.remove();
  project = undefined;
});

describe('attach and the target recorded in iam-guard.json', () => {
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
    expect(world.hosting.state.app.computeRoleArn).toBe(roleArn(`amplify-${APP_ID}-compute`));
    expect(world.hosting.state.branches[0].computeRoleArn).toBeUndefined();
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
