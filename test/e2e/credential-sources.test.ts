import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_ACCOUNT, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, type Sandbox } from './support/amplify-cli';

// Every shape of local-aws-info.json the CLI writes gives the plugin credentials of the env's own account.
const motoUrl = process.env.MOTO_URL as string;
const BOUNDARY = `arn:aws:iam::${DEFAULT_ACCOUNT}:policy/SourcesBoundary`;
const FRONTEND = JSON.stringify({
  frontend: 'javascript',
  framework: 'none',
  config: { SourceDir: 'src', DistributionDir: 'dist', BuildCommand: 'npm run build', StartCommand: 'npm start' },
});

let sandbox: Sandbox;
let fake: AmplifyFake;
let project: string;

const amplify = (...args: string[]) => sandbox.amplify(args, { cwd: project });
const localAwsInfo = async (): Promise<Record<string, Record<string, unknown>>> =>
  JSON.parse(await readFile(join(project, 'amplify', '.config', 'local-aws-info.json'), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
  await iam.send(new CreatePolicyCommand({ PolicyName: 'SourcesBoundary', PolicyDocument: ALLOW_ALL }));
  // A profile the plugin leaves to the CLI's provider: an MFA device is named, so only the CLI may ask for
  // a code (it asks only when it assumes a role; this profile's keys are used as they are).
  await appendFile(
    join(sandbox.home, '.aws', 'config'),
    `\n[profile guarded]\nmfa_serial = arn:aws:iam::${DEFAULT_ACCOUNT}:mfa/ci\nregion = us-east-1\n`,
  );
  await appendFile(
    join(sandbox.home, '.aws', 'credentials'),
    `\n[guarded]\naws_access_key_id = ${DEFAULT_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${DEFAULT_CREDENTIALS.secretAccessKey}\n`,
  );
  project = join(sandbox.home, 'sources');
  await mkdir(project);
  // Access keys given to init: the CLI stores them in a keys file of its own and names it in local-aws-info.
  const keys = {
    configLevel: 'project',
    useProfile: false,
    accessKeyId: DEFAULT_CREDENTIALS.accessKeyId,
    secretAccessKey: DEFAULT_CREDENTIALS.secretAccessKey,
    region: 'us-east-1',
  };
  const init = await amplify(
    'init',
    '--yes',
    '--amplify',
    JSON.stringify({ projectName: 'sources', envName: 'dev', defaultEditor: 'code' }),
    '--providers',
    JSON.stringify({ awscloudformation: keys }),
    '--frontend',
    FRONTEND,
    '--permissions-boundary',
    BOUNDARY,
  );
  if (init.code !== 0) throw new Error(`amplify init failed:\n${init.output}`);
});
afterAll(() => fake.stop());

describe('the credentials of an env, whatever shape local-aws-info.json gives them', () => {
  it('reads the keys file the CLI stored for access keys, and proves them in the env’s account', async () => {
    expect((await localAwsInfo()).dev).toMatchObject({ configLevel: 'project', useProfile: false });
    expect(typeof (await localAwsInfo()).dev.awsConfigFilePath).toBe('string');
    const resolved = await amplify('boundary', 'resolve', '--env', 'dev');
    expect(resolved.stderr).toBe('');
    expect(resolved.stdout.trim().split('\n').at(-1)).toBe(BOUNDARY);
    const verify = await amplify('boundary', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.output).not.toContain(DEFAULT_CREDENTIALS.secretAccessKey);
  });

  it('leaves a profile it must not resolve itself to the CLI’s own provider, and still works', async () => {
    const info = await localAwsInfo();
    info.dev = { configLevel: 'project', useProfile: true, profileName: 'guarded' };
    await writeFile(join(project, 'amplify', '.config', 'local-aws-info.json'), JSON.stringify(info, null, 2));
    const resolved = await amplify('boundary', 'resolve', '--env', 'dev');
    expect(resolved.stderr).toBe('');
    expect(resolved.stdout.trim().split('\n').at(-1)).toBe(BOUNDARY);
    const set = await amplify('boundary', 'set', '--permissions-boundary', BOUNDARY, '--yes');
    expect(set.code).toBe(0);
  });

  it('refuses credentials of another account than the env’s, whatever gave them', async () => {
    const info = await localAwsInfo();
    info.dev = { configLevel: 'general' };
    await writeFile(join(project, 'amplify', '.config', 'local-aws-info.json'), JSON.stringify(info, null, 2));
    const keys = await credentialsInAccount(motoUrl, '222222222222');
    const other = await sandbox.amplify(['boundary', 'verify'], {
      cwd: project,
      env: {
        AWS_ACCESS_KEY_ID: keys.accessKeyId,
        AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
        AWS_REGION: 'us-east-1',
      },
    });
    expect(other.code).not.toBe(0);
    expect(other.output).toContain('222222222222');
    expect(other.output).toContain(DEFAULT_ACCOUNT);
    expect(other.output).not.toContain(keys.secretAccessKey);
  });
});
