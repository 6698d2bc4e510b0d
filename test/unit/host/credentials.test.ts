import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuardError } from '../../../src/errors';
import type { HostContext } from '../../../src/host/context';
import { hostEnvAccess, plainAccess } from '../../../src/host/credentials';
import { createRedactor } from '../../../src/host/redact';
import { projectPaths } from '../../../src/project/paths';

let dir: string;
const saved = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iam-guard-creds-'));
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  await writeFile(
    process.env.AWS_CONFIG_FILE,
    '[profile assumed]\nrole_arn = arn:aws:iam::111111111111:role/deploy\nsource_profile = plain\n',
  );
  await writeFile(
    process.env.AWS_SHARED_CREDENTIALS_FILE,
    '[plain]\naws_access_key_id = AKIAPLAINPROFILE0001\naws_secret_access_key = plain-profile-secret\n',
  );
  await mkdir(join(dir, 'amplify', '.config'), { recursive: true });
});
afterEach(async () => {
  process.env.AWS_CONFIG_FILE = saved.config;
  process.env.AWS_SHARED_CREDENTIALS_FILE = saved.credentials;
  await rm(dir, { recursive: true, force: true });
});

const localAwsInfo = (value: unknown) =>
  writeFile(join(dir, 'amplify', '.config', 'local-aws-info.json'), JSON.stringify(value));

/** A CLI context whose provider records that it was asked, and hands back fixed keys. */
const cliContext = (asked: string[]): HostContext => ({
  input: {},
  amplify: {
    invokePluginMethod: (_context, _plugin, _resource, method) => {
      asked.push(method);
      return Promise.resolve({
        credentials: { accessKeyId: 'AKIACLIPROVIDER00001', secretAccessKey: 'cli-provider-secret' },
        region: 'eu-west-1',
      });
    },
  },
});

const request = (env: string) => ({ env, region: 'us-east-1', paths: projectPaths(dir), secrets: createRedactor() });

describe('hostEnvAccess', () => {
  it('gives an env without a local-aws-info entry the default chain, never asking the CLI', async () => {
    const asked: string[] = [];
    const access = await hostEnvAccess(cliContext(asked), request('dev'));
    expect(typeof access.credentials).toBe('function');
    expect(access.region).toBe('us-east-1');
    expect(asked).toEqual([]);
  });

  it('reads a plain profile through the SDK and tells the redactor its keys', async () => {
    await localAwsInfo({ dev: { configLevel: 'project', useProfile: true, profileName: 'plain' } });
    const asked: string[] = [];
    const secrets = createRedactor();
    const access = await hostEnvAccess(cliContext(asked), { ...request('dev'), secrets });
    const credentials = typeof access.credentials === 'function' ? await access.credentials() : access.credentials;
    expect(credentials?.accessKeyId).toBe('AKIAPLAINPROFILE0001');
    expect(secrets.text('oops plain-profile-secret')).toBe('oops ****************cret');
    expect(asked).toEqual([]);
  });

  it('leaves a role_arn profile to the CLI, which assumes and caches the role itself', async () => {
    await localAwsInfo({ dev: { configLevel: 'project', useProfile: true, profileName: 'assumed' } });
    const asked: string[] = [];
    const access = await hostEnvAccess(cliContext(asked), request('dev'));
    expect(asked).toEqual(['loadConfigurationForEnv']);
    expect(access.credentials).toMatchObject({ accessKeyId: 'AKIACLIPROVIDER00001' });
  });
});

describe('plainAccess', () => {
  it('reports a missing profile as missing, naming the files it looked in', async () => {
    const error = await plainAccess({ profile: 'nosuchprofile' }, createRedactor()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toBe(
      `There is no AWS profile "nosuchprofile" in ${join(dir, 'config')} and ${join(dir, 'credentials')}.`,
    );
    expect((error as GuardError).message).not.toContain('region');
    expect((error as GuardError).resolution).toContain('aws configure --profile nosuchprofile');
  });

  it('reads a profile that exists', async () => {
    const access = await plainAccess({ profile: 'plain' }, createRedactor());
    expect(access.profile).toBe('plain');
    expect(typeof access.credentials).toBe('function');
  });
});
