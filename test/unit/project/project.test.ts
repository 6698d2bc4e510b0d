import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GuardError } from '../../../src/errors';
import { findProjectRoot, projectPaths } from '../../../src/project/paths';
import { findEnv, loadProject } from '../../../src/project/project';
import { makeTempDir, makeTempProject, type TempProject } from '../helpers/temp-project';

let project: TempProject | undefined;

afterEach(async () => {
  await project?.remove();
  project = undefined;
});

describe('projectPaths', () => {
  it('names the project files under the root', () => {
    expect(projectPaths('/p')).toEqual({
      root: '/p',
      teamProviderInfo: join('/p', 'amplify', 'team-provider-info.json'),
      guardConfig: join('/p', 'amplify', 'iam-guard.json'),
      localAwsInfo: join('/p', 'amplify', '.config', 'local-aws-info.json'),
      lock: join('/p', 'amplify', '.config', 'local-iam-guard.lock'),
      localEnvInfo: join('/p', 'amplify', '.config', 'local-env-info.json'),
      backendMeta: join('/p', 'amplify', 'backend', 'amplify-meta.json'),
      currentCloudBackend: join('/p', 'amplify', '#current-cloud-backend'),
    });
  });
});

describe('findProjectRoot', () => {
  it('finds the project from a folder deep inside it', async () => {
    project = await makeTempProject();
    const deep = join(project.root, 'src', 'components', 'ui');
    await mkdir(deep, { recursive: true });
    expect(await findProjectRoot(deep)).toBe(project.root);
  });

  it('says to run amplify init outside any project', async () => {
    const dir = await makeTempDir();
    try {
      const error = await findProjectRoot(dir).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(GuardError);
      expect((error as GuardError).name).toBe('ProjectNotInitializedError');
      expect((error as GuardError).message).toContain(dir);
      expect((error as GuardError).resolution).toContain('amplify init');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadProject', () => {
  it('reads envs, the current env and the plugin settings from a subfolder', async () => {
    project = await makeTempProject({ currentEnv: 'prod', guardConfig: { boundary: { required: true } } });
    const sub = join(project.root, 'src');
    await mkdir(sub);
    const loaded = await loadProject(sub);
    expect(loaded.paths.root).toBe(project.root);
    expect(loaded.currentEnv).toBe('prod');
    expect(loaded.envs.map((env) => env.name)).toEqual(['dev', 'prod']);
    expect(loaded.config.boundary.required).toBe(true);
  });

  it('refuses a project whose local-env-info names no env', async () => {
    project = await makeTempProject();
    await writeFile(join(project.root, 'amplify', '.config', 'local-env-info.json'), '{"projectPath":"x"}\n');
    const error = await loadProject(project.root).catch((thrown: unknown) => thrown);
    expect((error as GuardError).name).toBe('ProjectNotInitializedError');
    expect((error as GuardError).message).toContain('local-env-info.json');
  });

  it('refuses a project without team-provider-info, saying to run amplify init', async () => {
    project = await makeTempProject({ teamProviderInfo: null });
    await expect(loadProject(project.root)).rejects.toMatchObject({
      name: 'ProjectNotInitializedError',
      resolution: expect.stringContaining('amplify init') as unknown,
    });
  });
});

describe('findEnv', () => {
  it('finds an env by name', async () => {
    project = await makeTempProject();
    const loaded = await loadProject(project.root);
    expect(findEnv(loaded, 'prod')).toMatchObject({ name: 'prod', account: '222222222222', region: 'eu-west-1' });
  });

  it('lists the envs there are when asked for an unknown one', async () => {
    project = await makeTempProject();
    const loaded = await loadProject(project.root);
    const error = (() => {
      try {
        return findEnv(loaded, 'staging');
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).name).toBe('EnvironmentNameError');
    expect((error as GuardError).message).toMatch(/no environment "staging".*environments: dev, prod/);
    expect((error as GuardError).resolution).toContain('dev, prod');
  });
});
