import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createWorld, forbiddenAws } from '../../fakes/aws-world';
import { makeTempProject, type TempProject } from '../helpers/temp-project';
import type { HostingBranch } from '../../../src/aws/ports';
import { GuardError } from '../../../src/errors';
import { describeTarget, effectiveRole } from '../../../src/compute-role/hosting-target';
import { appIdOf, chooseHostingTarget } from '../../../src/read/hosting-target';
import { projectPaths, type ProjectPaths } from '../../../src/project/paths';

const APP = 'd1abcdef';
const ROLE_A = 'arn:aws:iam::123456789012:role/a';
const ROLE_B = 'arn:aws:iam::123456789012:role/b';

let project: TempProject;
let paths: ProjectPaths;

beforeEach(async () => {
  project = await makeTempProject();
  paths = projectPaths(project.root);
});

afterEach(async () => {
  await project.remove();
});

const writeMeta = async (meta: unknown): Promise<void> => {
  await mkdir(dirname(paths.backendMeta), { recursive: true });
  await writeFile(paths.backendMeta, `${JSON.stringify(meta, null, 2)}\n`);
};

const failure = async (promise: Promise<unknown>): Promise<GuardError> => {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GuardError);
  return error as GuardError;
};

describe('appIdOf: --app-id, then team-provider-info, then amplify-meta.json', () => {
  it('takes --app-id first', async () => {
    expect(await appIdOf(paths, { name: 'dev', appId: 'dteam' }, 'dflag')).toBe('dflag');
  });

  it('then the env’s AmplifyAppId in team-provider-info', async () => {
    await writeMeta({ providers: { awscloudformation: { AmplifyAppId: 'dmeta' } } });
    expect(await appIdOf(paths, { name: 'dev', appId: 'dteam' }, undefined)).toBe('dteam');
  });

  it('then providers.awscloudformation.AmplifyAppId in amplify/backend/amplify-meta.json', async () => {
    await writeMeta({ providers: { awscloudformation: { AmplifyAppId: 'dmeta', Region: 'us-east-1' } } });
    expect(await appIdOf(paths, { name: 'dev' }, undefined)).toBe('dmeta');
  });

  it('is an error saying the project was never connected to Amplify Hosting when there is no app id anywhere', async () => {
    const error = await failure(appIdOf(paths, { name: 'dev' }, undefined));
    expect(error.name).toBe('InvalidAmplifyAppIdError');
    expect(error.message).toContain('never connected to Amplify Hosting');
    expect(error.message).toContain('"dev"');
    expect(error.resolution).toContain('--app-id');
  });

  it('is the same error when amplify-meta.json has no (or an empty) app id', async () => {
    await writeMeta({ providers: { awscloudformation: { AmplifyAppId: '' } } });
    expect((await failure(appIdOf(paths, { name: 'dev' }, undefined))).message).toContain('never connected');
  });
});

describe('chooseHostingTarget', () => {
  const branches: HostingBranch[] = [
    { branchName: 'main', environmentVariables: {} },
    { branchName: 'dev', environmentVariables: {} },
    { branchName: 'feature/x', environmentVariables: {} },
  ];
  const hosting = () =>
    createWorld({
      '123456789012': { apps: [{ app: { appId: APP, name: 'shop', environmentVariables: {} }, branches }] },
    }).aws('123456789012').hosting;

  it('takes the app default with --app', async () => {
    expect((await chooseHostingTarget(hosting(), APP, 'dev', { app: true })).hostingTarget).toEqual({ kind: 'app' });
  });

  it('takes the branch of --branch, and returns the app’s branches', async () => {
    const chosen = await chooseHostingTarget(hosting(), APP, 'dev', { branch: 'feature/x' });
    expect(chosen.hostingTarget).toEqual({ kind: 'branch', branch: 'feature/x' });
    expect(chosen.branches.map((branch) => branch.branchName)).toEqual(['main', 'dev', 'feature/x']);
  });

  it('takes the app default when iam-guard.json records scope "app"', async () => {
    expect((await chooseHostingTarget(hosting(), APP, 'dev', { configured: { scope: 'app' } })).hostingTarget).toEqual({
      kind: 'app',
    });
  });

  it('takes --branch over an app scope recorded in iam-guard.json', async () => {
    expect(
      (await chooseHostingTarget(hosting(), APP, 'dev', { branch: 'main', configured: { scope: 'app' } }))
        .hostingTarget,
    ).toEqual({ kind: 'branch', branch: 'main' });
  });

  it('takes the branch recorded in iam-guard.json', async () => {
    expect(
      (await chooseHostingTarget(hosting(), APP, 'dev', { configured: { scope: 'branch', branch: 'main' } }))
        .hostingTarget,
    ).toEqual({ kind: 'branch', branch: 'main' });
  });

  it('falls back to the env’s branch', async () => {
    expect((await chooseHostingTarget(hosting(), APP, 'dev', {})).hostingTarget).toEqual({
      kind: 'branch',
      branch: 'dev',
    });
  });

  it('is an error to give --app with --branch', async () => {
    const error = await failure(chooseHostingTarget(hosting(), APP, 'dev', { app: true, branch: 'main' }));
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain('--app');
    expect(error.message).toContain('--branch main');
  });

  it('is an error listing the branches when no branch belongs to the env', async () => {
    const error = await failure(chooseHostingTarget(hosting(), APP, 'qa', {}));
    expect(error.message).toContain('main, dev, feature/x');
    expect(error.resolution).toContain('--branch');
  });

  it('propagates a failure to list the branches', async () => {
    await expect(chooseHostingTarget(forbiddenAws().hosting, APP, 'dev', {})).rejects.toThrow('amplify:ListBranches');
  });
});

describe('effectiveRole', () => {
  it('is the branch’s own role when it has one', () => {
    expect(effectiveRole({ computeRoleArn: ROLE_A }, ROLE_B)).toBe(ROLE_A);
  });

  it('is the app default when the branch has none', () => {
    expect(effectiveRole({}, ROLE_B)).toBe(ROLE_B);
    expect(effectiveRole(undefined, ROLE_B)).toBe(ROLE_B);
  });

  it('is undefined when neither has one', () => {
    expect(effectiveRole({}, undefined)).toBeUndefined();
  });
});

describe('describeTarget', () => {
  it('names a branch or the app default', () => {
    expect(describeTarget(APP, { kind: 'branch', branch: 'main' })).toBe(`branch main of app ${APP}`);
    expect(describeTarget(APP, { kind: 'app' })).toBe(`the app default of app ${APP}`);
  });
});
