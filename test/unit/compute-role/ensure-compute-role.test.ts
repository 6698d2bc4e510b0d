import { createWorld, forbiddenAws, type AwsWorld } from '../../fakes/aws-world';
import { makeTempProject, type TempProject } from '../helpers/temp-project';
import { ensureConfiguredRole, ensuredRoleLine } from '../../../src/apply/ensure-compute-role';
import type { EnvAws } from '../../../src/aws/ports';
import { DEFAULT_CONFIG, type GuardConfig } from '../../../src/project/guard-config';
import { projectPaths } from '../../../src/project/paths';

const ACCOUNT = '123456789012';
const APP = 'd1abcdef';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/shop-compute`;
const dev = { name: 'dev', appId: APP, account: ACCOUNT, region: 'us-east-1' };
const configured: GuardConfig = {
  ...DEFAULT_CONFIG,
  environments: { dev: { computeRole: { roleArn: ROLE_ARN, scope: 'branch', branch: 'dev' } } },
};

let project: TempProject;
let world: AwsWorld;
beforeEach(async () => {
  project = await makeTempProject({ guardConfig: { environments: configured.environments } });
  world = createWorld();
  world.addRole(ACCOUNT, { name: 'shop-compute' });
  world.addApp(ACCOUNT, { appId: APP, name: 'shop', environmentVariables: {} }, [
    { branchName: 'dev', environmentVariables: {} },
  ]);
});
afterEach(() => project.remove());

const ensure = (config: GuardConfig, aws: EnvAws = world.aws(ACCOUNT), env: typeof dev | { name: string } = dev) =>
  ensureConfiguredRole(projectPaths(project.root), config, env, () => Promise.resolve(aws));

describe('ensureConfiguredRole', () => {
  it('attaches the configured role to its branch, records when, and returns what it did', async () => {
    const ensured = await ensure(configured);
    expect(ensured).toEqual({ kind: 'attached', roleArn: ROLE_ARN, where: `branch dev of app ${APP}` });
    expect(world.account(ACCOUNT).apps.get(APP)?.branches[0]?.computeRoleArn).toBe(ROLE_ARN);
    expect(await project.readJson('amplify/iam-guard.json')).toMatchObject({
      environments: { dev: { computeRole: { roleArn: ROLE_ARN, attachedAt: expect.any(String) as string } } },
    });
    expect(ensuredRoleLine('dev', ensured)).toEqual({
      level: 'success',
      text: `amplify-iam-guard: attached compute role ${ROLE_ARN} to branch dev of app ${APP} (env "dev"); it is in effect from the branch's next deployment.`,
    });
  });

  it('changes nothing when the role is already attached, and has nothing to say', async () => {
    await ensure(configured);
    const before = await project.readJson('amplify/iam-guard.json');
    const again = await ensure(configured);
    expect(again).toEqual({ kind: 'already-attached' });
    expect(await project.readJson('amplify/iam-guard.json')).toEqual(before);
    expect(ensuredRoleLine('dev', again)).toBeUndefined();
  });

  it('makes no AWS call when no compute role is configured', async () => {
    await expect(ensure(DEFAULT_CONFIG, forbiddenAws())).resolves.toEqual({ kind: 'none-configured' });
  });

  it('attaches nothing to a project without a hosting app, and warns', async () => {
    const ensured = await ensure(configured, forbiddenAws(), { name: 'dev' });
    expect(ensured).toEqual({ kind: 'no-app' });
    expect(ensuredRoleLine('dev', ensured)?.level).toBe('warn');
  });

  it('refuses a configured role that Amplify may not assume, attaching nothing', async () => {
    world.addRole(ACCOUNT, {
      name: 'shop-compute',
      trustPolicy: { Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }] },
    });
    await expect(ensure(configured)).rejects.toThrow('does not trust amplify.amazonaws.com');
    expect(world.account(ACCOUNT).apps.get(APP)?.branches[0]?.computeRoleArn).toBeUndefined();
  });
});
