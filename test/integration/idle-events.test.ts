import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const EVENTS = 'PreInit,PostInit,PostEnvAdd,PrePush,PostPush';

/** What a fresh process loaded: third-party packages (bundled or not) and the plugin's own modules. */
type Loaded = { sdkModules: number; packages: string[]; own: string[] };
type Count = Loaded & { errors: string[]; exitCode: number };

const loaded = async <T extends Loaded>(args: string[], env: Record<string, string> = {}): Promise<T> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'test/fixtures/count-sdk-modules.js'), ROOT, ...args],
    {
      env: {
        PATH: process.env.PATH,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
    },
  );
  return JSON.parse(stdout) as T;
};

const count = (project: string, env: Record<string, string> = {}): Promise<Count> =>
  loaded<Count>([project, EVENTS], env);

const AWS_SDK = /^@(aws-sdk|smithy)\//;

const writeJson = async (file: string, value: unknown): Promise<void> => {
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2));
};

let project: string;

beforeAll(async () => {
  await access(join(ROOT, 'lib/src/index.js')).catch(() => {
    throw new Error('The plugin is not built: run `npm run build` first (npm test does).');
  });
});

beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'iam-guard-idle-'));
  await writeJson(join(project, 'amplify/.config/project-config.json'), { projectName: 'idle' });
  await writeJson(join(project, 'amplify/.config/local-env-info.json'), { envName: 'dev' });
  await writeJson(join(project, 'amplify/team-provider-info.json'), {
    dev: {
      awscloudformation: {
        Region: 'us-east-1',
        StackName: 'amplify-idle-dev',
        StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-idle-dev/1',
        AuthRoleName: 'amplify-idle-dev-authRole',
      },
    },
  });
  await writeJson(join(project, 'amplify/#current-cloud-backend/amplify-meta.json'), {
    providers: { awscloudformation: {} },
  });
});
afterEach(() => rm(project, { recursive: true, force: true }));

describe('events in a project with no boundary anywhere', () => {
  it('load no AWS SDK module and make no AWS call', async () => {
    // No endpoint is reachable: any AWS call would fail the run.
    const result = await count(project, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(result).toMatchObject({ sdkModules: 0, errors: [], exitCode: 0 });
    expect(result.packages.filter((name) => AWS_SDK.test(name) || name === 'yaml')).toEqual([]);
  });

  it('also with an explicit "" (no boundary, on purpose)', async () => {
    await writeJson(join(project, 'amplify/team-provider-info.json'), {
      dev: {
        awscloudformation: {
          Region: 'us-east-1',
          StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/x/1',
          PermissionsBoundaryPolicyArn: '',
        },
      },
    });
    const result = await count(project, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(result).toMatchObject({ sdkModules: 0, errors: [], exitCode: 0 });
  });
});

describe('the entry module', () => {
  it('loads no third-party package and none of the command or event modules', async () => {
    const result = await loaded(['entry']);
    expect(result.packages).toEqual([]);
    expect(result.own).toEqual(['lib/src/index.js']);
  });
});

describe('the YAML parser', () => {
  const parse = async (name: string, text: string): Promise<Loaded & { resources: string[] }> => {
    const file = join(project, name);
    await writeFile(file, text);
    return loaded(['template', file]);
  };

  it('is loaded to read a YAML template', async () => {
    const result = await parse('template.yaml', 'Resources:\n  Role:\n    Type: AWS::IAM::Role\n');
    expect(result.resources).toEqual(['Role']);
    expect(result.packages).toEqual(['yaml']);
  });

  it('is not loaded to read a JSON template', async () => {
    const result = await parse('template.json', JSON.stringify({ Resources: { Role: { Type: 'AWS::IAM::Role' } } }));
    expect(result.resources).toEqual(['Role']);
    expect(result.packages).toEqual([]);
  });
});

describe('the measurement itself', () => {
  it('sees the SDK load when PrePush must read the deployed auth role of a checkout without its local copy', async () => {
    await rm(join(project, 'amplify/#current-cloud-backend'), { recursive: true });
    // The env has no local-aws-info entry: its credentials come from the default chain, here the environment.
    const result = await count(project, {
      AWS_ENDPOINT_URL: process.env.MOTO_URL as string,
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'count-sdk-modules',
    });
    expect(result.errors).toEqual([]);
    expect(result.sdkModules).toBeGreaterThan(0);
    expect(result.packages).toContain('@aws-sdk/client-iam');
  });
});
