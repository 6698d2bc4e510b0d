import { AmplifyException } from '@aws-amplify/amplify-cli-core';
import { makeTempProject, type TempProject } from '../helpers/temp-project';
import {
  addRole,
  APP_ID,
  makeWorld,
  pluginTags,
  roleArn,
  runComputeRole,
  type ComputeRoleRun,
  type World,
} from '../helpers/compute-role-harness';
import { ownerTags } from '../../../src/compute-role/ownership';

const DEV_ROLE = `amplify-${APP_ID}-dev-compute`;
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

let project: TempProject;
let world: World;

const recorded = (computeRole: Record<string, unknown>) => ({ environments: { dev: { computeRole } } });

const setUp = async (
  branchRoles: { dev?: string; main?: string; app?: string },
  guardConfig?: Record<string, unknown>,
): Promise<void> => {
  project = await makeTempProject({ guardConfig });
  world = makeWorld(
    [
      { branchName: 'main', computeRoleArn: branchRoles.main, environmentVariables: {} },
      { branchName: 'dev', computeRoleArn: branchRoles.dev, environmentVariables: {} },
    ],
    { computeRoleArn: branchRoles.app },
  );
};

afterEach(async () => {
  await project.remove();
});

const detach = (options: ComputeRoleRun['options'] = {}) =>
  runComputeRole({ command: 'detach', options: { yes: true, ...options }, cwd: project.root, world });

const branchRole = (name: string) => world.hosting.state.branches.find((b) => b.branchName === name)?.computeRoleArn;

describe('amplify compute-role detach', () => {
  it('removes the compute role from the env’s branch and from iam-guard.json, and keeps the role', async () => {
    await setUp(
      { dev: roleArn(DEV_ROLE) },
      { boundary: { required: false }, ...recorded({ roleArn: roleArn(DEV_ROLE), branch: 'dev' }) },
    );
    addRole(world, { name: DEV_ROLE, tags: pluginTags('dev') });
    const { io, error } = await detach();
    expect(error).toBeUndefined();
    expect(branchRole('dev')).toBeUndefined();
    expect(world.iam.roles.has(DEV_ROLE)).toBe(true);
    expect(await project.json(project.guardConfig)).toEqual({ boundary: { required: false } });
    expect(io.printed()).toContain(`Removed compute role ${roleArn(DEV_ROLE)} from branch dev of app ${APP_ID}`);
  });

  it('detaches the target recorded in iam-guard.json (here: the app default)', async () => {
    await setUp(
      { app: roleArn('shared'), dev: roleArn('other') },
      recorded({ roleArn: roleArn('shared'), scope: 'app' }),
    );
    const { error } = await detach();
    expect(error).toBeUndefined();
    expect(world.hosting.state.app.computeRoleArn).toBeUndefined();
    expect(branchRole('dev')).toBe(roleArn('other'));
  });

  it('says there is nothing to remove when the branch has no compute role', async () => {
    await setUp({});
    const { io, error } = await detach();
    expect(error).toBeUndefined();
    expect(io.printed()).toContain('has no compute role');
  });

  it('detaches --branch without touching the role recorded for another branch', async () => {
    await setUp(
      { dev: roleArn(DEV_ROLE), main: roleArn('main-role') },
      recorded({ roleArn: roleArn(DEV_ROLE), branch: 'dev' }),
    );
    const { error } = await detach({ branch: 'main' });
    expect(error).toBeUndefined();
    expect(branchRole('main')).toBeUndefined();
    expect(branchRole('dev')).toBe(roleArn(DEV_ROLE));
    expect(await project.json(project.guardConfig)).toEqual(recorded({ roleArn: roleArn(DEV_ROLE), branch: 'dev' }));
  });
});

describe('amplify compute-role detach --delete-role', () => {
  it('deletes a role the plugin created that nothing else uses', async () => {
    await setUp({ dev: roleArn(DEV_ROLE) });
    addRole(world, { name: DEV_ROLE, tags: pluginTags('dev'), managedPolicies: [S3_READ] });
    const { io, error } = await detach({ 'delete-role': true });
    expect(error).toBeUndefined();
    expect(branchRole('dev')).toBeUndefined();
    expect(world.iam.roles.has(DEV_ROLE)).toBe(false);
    expect(io.printed()).toContain(`Deleted role ${roleArn(DEV_ROLE)}`);
  });

  it('refuses while another branch still uses the role, before changing anything', async () => {
    await setUp(
      { dev: roleArn(DEV_ROLE), main: roleArn(DEV_ROLE) },
      recorded({ roleArn: roleArn(DEV_ROLE), branch: 'dev' }),
    );
    addRole(world, { name: DEV_ROLE, tags: pluginTags('dev') });
    const { error } = await detach({ 'delete-role': true });
    expect(error).toBeInstanceOf(AmplifyException);
    expect((error as Error).message).toContain('still used by branch main');
    expect(branchRole('dev')).toBe(roleArn(DEV_ROLE));
    expect(branchRole('main')).toBe(roleArn(DEV_ROLE));
    expect(world.iam.roles.has(DEV_ROLE)).toBe(true);
    expect(await project.json(project.guardConfig)).toEqual(recorded({ roleArn: roleArn(DEV_ROLE), branch: 'dev' }));
  });

  it('refuses while the app default still uses the role', async () => {
    await setUp({ dev: roleArn(DEV_ROLE), app: roleArn(DEV_ROLE) });
    addRole(world, { name: DEV_ROLE, tags: pluginTags('dev') });
    const { error } = await detach({ 'delete-role': true });
    expect((error as Error).message).toContain('still used by the app default');
    expect(branchRole('dev')).toBe(roleArn(DEV_ROLE));
    expect(world.iam.roles.has(DEV_ROLE)).toBe(true);
  });

  it('refuses to delete the app default role while a branch still uses it', async () => {
    const appRole = `amplify-${APP_ID}-compute`;
    await setUp({ app: roleArn(appRole), main: roleArn(appRole) });
    addRole(world, { name: appRole, tags: ownerTags({ appId: APP_ID, env: 'dev', hosting: { kind: 'app' } }) });
    const { error } = await detach({ app: true, 'delete-role': true });
    expect((error as Error).message).toContain('still used by branch main');
    expect(world.hosting.state.app.computeRoleArn).toBe(roleArn(appRole));
    expect(world.iam.roles.has(appRole)).toBe(true);
  });

  it('refuses to delete a role the plugin did not create, and leaves branch, app and iam-guard.json as they were', async () => {
    const record = recorded({ roleArn: roleArn('hand-made'), branch: 'dev' });
    await setUp({ dev: roleArn('hand-made') }, record);
    addRole(world, { name: 'hand-made', tags: { team: 'web' } });
    const { error } = await detach({ 'delete-role': true });
    expect(error).toBeInstanceOf(AmplifyException);
    expect((error as Error).message).toContain('not made by amplify-iam-guard');
    expect(branchRole('dev')).toBe(roleArn('hand-made'));
    expect(world.iam.roles.has('hand-made')).toBe(true);
    expect(await project.json(project.guardConfig)).toEqual(record);
  });

  it('refuses to delete a role the plugin made for another branch', async () => {
    await setUp({ dev: roleArn('amplify-d1abcdef-feature-x-compute') });
    addRole(world, { name: 'amplify-d1abcdef-feature-x-compute', tags: pluginTags('feature/x') });
    const { error } = await detach({ 'delete-role': true });
    expect((error as Error).message).toContain('made it for branch feature/x');
    expect(world.iam.roles.has('amplify-d1abcdef-feature-x-compute')).toBe(true);
    expect(branchRole('dev')).toBe(roleArn('amplify-d1abcdef-feature-x-compute'));
  });

  it('deletes the role recorded in iam-guard.json when the branch no longer has it', async () => {
    await setUp({}, recorded({ roleArn: roleArn(DEV_ROLE), branch: 'dev' }));
    addRole(world, { name: DEV_ROLE, tags: pluginTags('dev') });
    const { error } = await detach({ 'delete-role': true });
    expect(error).toBeUndefined();
    expect(world.iam.roles.has(DEV_ROLE)).toBe(false);
    expect(await project.json(project.guardConfig)).toEqual({});
  });

  it('says so when the role no longer exists', async () => {
    await setUp({ dev: roleArn(DEV_ROLE) });
    const { io, error } = await detach({ 'delete-role': true });
    expect(error).toBeUndefined();
    expect(io.printed()).toContain('no longer exists');
  });
});
