import { readFile } from 'node:fs/promises';
import { GuardError } from '../../../src/errors';
import { DEFAULT_CONFIG, parseGuardConfig, readGuardConfig, writePolicyName } from '../../../src/project/guard-config';
import { projectPaths } from '../../../src/project/paths';
import { makeTempProject, type TempProject } from '../helpers/temp-project';

let project: TempProject | undefined;

afterEach(async () => {
  await project?.remove();
  project = undefined;
});

const FULL_CONFIG = {
  boundary: { policyName: 'AmplifyBoundary', policyPath: '/org/', required: true },
  environments: {
    prod: { computeRole: { roleArn: 'arn:aws:iam::222222222222:role/shop-prod-compute', branch: 'main' } },
    dev: { computeRole: { roleArn: 'arn:aws:iam::111111111111:role/shop-dev-compute', scope: 'app' } },
  },
};

const configError = (value: Record<string, unknown>): GuardError => {
  try {
    parseGuardConfig('amplify/iam-guard.json', value);
  } catch (error) {
    if (error instanceof GuardError) return error;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
};

describe('readGuardConfig', () => {
  it('uses every default when amplify/iam-guard.json does not exist', async () => {
    project = await makeTempProject();
    expect(await readGuardConfig(projectPaths(project.root))).toEqual(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG).toEqual({ boundary: { policyPath: '/', required: false }, environments: {} });
  });

  it('reads a file that sets every key, filling in the default scope', async () => {
    project = await makeTempProject({ guardConfig: FULL_CONFIG });
    expect(await readGuardConfig(projectPaths(project.root))).toEqual({
      boundary: { policyName: 'AmplifyBoundary', policyPath: '/org/', required: true },
      environments: {
        prod: {
          computeRole: { roleArn: 'arn:aws:iam::222222222222:role/shop-prod-compute', branch: 'main', scope: 'branch' },
        },
        dev: {
          computeRole: { roleArn: 'arn:aws:iam::111111111111:role/shop-dev-compute', branch: undefined, scope: 'app' },
        },
      },
    });
  });

  it('fills in the defaults of keys left out', () => {
    expect(parseGuardConfig('f', { boundary: { required: true } })).toEqual({
      boundary: { policyName: undefined, policyPath: '/', required: true },
      environments: {},
    });
    expect(parseGuardConfig('f', { environments: { dev: {} } })).toEqual({
      boundary: DEFAULT_CONFIG.boundary,
      environments: { dev: {} },
    });
  });

  it('refuses malformed JSON naming the file, line and column', async () => {
    project = await makeTempProject({ guardConfig: '{\n  "boundary": {\n    "required": true,\n  }\n}\n' });
    const error = await readGuardConfig(projectPaths(project.root)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain(project.guardConfig);
    expect((error as GuardError).message).toContain('line 4, column 3');
  });
});

describe('parseGuardConfig names the key and the bad value', () => {
  it.each([
    ['boundary.required "yes"', { boundary: { required: 'yes' } }, '"boundary.required" is "yes"', 'true or false'],
    ['boundary.required 1', { boundary: { required: 1 } }, '"boundary.required" is 1', 'true or false'],
    ['boundary as a string', { boundary: 'AmplifyBoundary' }, '"boundary" is "AmplifyBoundary"', 'an object'],
    [
      'boundary.policyName as a number',
      { boundary: { policyName: 7 } },
      '"boundary.policyName" is 7',
      'a policy name string',
    ],
    [
      'boundary.policyName with a space',
      { boundary: { policyName: 'My Boundary' } },
      '"boundary.policyName" is "My Boundary"',
      'an IAM policy name',
    ],
    [
      'boundary.policyPath without slashes, alone',
      { boundary: { policyPath: 'org' } },
      '"boundary.policyPath" is "org"',
      'an IAM path like',
    ],
    ['environments as a list', { environments: ['dev'] }, '"environments" is ["dev"]', 'an object keyed by env name'],
    ['an env as a string', { environments: { dev: 'x' } }, '"environments.dev" is "x"', 'an object'],
    [
      'a compute role scope',
      { environments: { dev: { computeRole: { roleArn: 'arn:aws:iam::1:role/r', scope: 'everything' } } } },
      '"environments.dev.computeRole.scope" is "everything"',
      '"branch" or "app"',
    ],
    [
      'a compute role without roleArn',
      { environments: { dev: { computeRole: { branch: 'main' } } } },
      '"environments.dev.computeRole.roleArn"',
      'an IAM role ARN',
    ],
    [
      'a compute role branch as a number',
      { environments: { dev: { computeRole: { roleArn: 'r', branch: 5 } } } },
      '"environments.dev.computeRole.branch" is 5',
      'a branch name',
    ],
  ])('refuses %s', (_what, value, named, expected) => {
    const error = configError(value);
    expect(error.name).toBe('ConfigurationError');
    expect(error.message).toContain('amplify/iam-guard.json');
    expect(error.message).toContain(named);
    expect(error.message).toContain(expected);
    expect(error.resolution).toContain('amplify/iam-guard.json');
  });

  it('refuses boundary.policyPath "/org" (no final "/")', () => {
    expect(() =>
      parseGuardConfig('amplify/iam-guard.json', { boundary: { policyName: 'B', policyPath: '/org' } }),
    ).toThrow(/boundary\.policyPath/);
  });

  it('names boundary.policyPath and its value when only the path is wrong', () => {
    expect(configError({ boundary: { policyName: 'AmplifyBoundary', policyPath: 'org' } }).message).toContain(
      '"boundary.policyPath" is "org"',
    );
  });
});

describe('writePolicyName', () => {
  it('records the policy name and path and keeps every other key', async () => {
    project = await makeTempProject({
      guardConfig: { boundary: { required: true }, environments: FULL_CONFIG.environments, $schema: 'x' },
    });
    expect(await writePolicyName(projectPaths(project.root), 'AmplifyBoundary', '/org/')).toBe(true);
    expect(await readFile(project.guardConfig, 'utf8')).toBe(
      `${JSON.stringify(
        {
          boundary: { required: true, policyName: 'AmplifyBoundary', policyPath: '/org/' },
          environments: FULL_CONFIG.environments,
          $schema: 'x',
        },
        null,
        2,
      )}\n`,
    );
  });

  it('leaves out the default path "/" and drops an older path', async () => {
    project = await makeTempProject({ guardConfig: { boundary: { policyName: 'Old', policyPath: '/old/' } } });
    await writePolicyName(projectPaths(project.root), 'New', '/');
    expect(await project.json(project.guardConfig)).toEqual({ boundary: { policyName: 'New' } });
  });

  it('creates amplify/iam-guard.json when the project has none', async () => {
    project = await makeTempProject();
    expect(await writePolicyName(projectPaths(project.root), 'AmplifyBoundary', '/')).toBe(true);
    expect(await readFile(project.guardConfig, 'utf8')).toBe(
      '{\n  "boundary": {\n    "policyName": "AmplifyBoundary"\n  }\n}\n',
    );
  });

  it('reports no change when the name is already recorded, leaving the file as it was', async () => {
    project = await makeTempProject({ guardConfig: '{"boundary":{"policyName":"B"}}' });
    expect(await writePolicyName(projectPaths(project.root), 'B', '/')).toBe(false);
    expect(await readFile(project.guardConfig, 'utf8')).toBe('{"boundary":{"policyName":"B"}}');
  });

  it('refuses a malformed file and leaves it byte-for-byte as it was', async () => {
    project = await makeTempProject({ guardConfig: '{ "boundary": { "required": true } ' });
    const before = await project.bytes(project.guardConfig);
    await expect(writePolicyName(projectPaths(project.root), 'B', '/')).rejects.toThrow(
      /iam-guard\.json is not valid JSON/,
    );
    expect(Buffer.compare(await project.bytes(project.guardConfig), before)).toBe(0);
  });
});
