import { CreatePolicyCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, DEFAULT_ACCOUNT, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, type Sandbox } from './support/amplify-cli';

// CI and Amplify Hosting builds: no profile, keys only in the environment, configLevel "general".
const motoUrl = process.env.MOTO_URL as string;
const BOUNDARY = `arn:aws:iam::${DEFAULT_ACCOUNT}:policy/CiBoundary`;
const OTHER_BOUNDARY = `arn:aws:iam::${DEFAULT_ACCOUNT}:policy/CiOtherBoundary`;
const GENERAL = JSON.stringify({ awscloudformation: { configLevel: 'general', region: 'us-east-1' } });
const FRONTEND = JSON.stringify({
  frontend: 'javascript',
  framework: 'none',
  config: { SourceDir: 'src', DistributionDir: 'dist', BuildCommand: 'npm run build', StartCommand: 'npm start' },
});
const KEYS_IN_ENVIRONMENT = {
  AWS_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
  CI: 'true',
};

let sandbox: Sandbox;
let fake: AmplifyFake;
let project: string;

const amplify = (args: string[], env: Record<string, string> = {}) =>
  sandbox.amplify(args, { cwd: project, env: { ...KEYS_IN_ENVIRONMENT, ...env } });
const boundaryOf = async (env: string): Promise<unknown> =>
  (
    JSON.parse(await readFile(join(project, 'amplify', 'team-provider-info.json'), 'utf8')) as Record<
      string,
      { awscloudformation: Record<string, unknown> }
    >
  )[env]?.awscloudformation.PermissionsBoundaryPolicyArn;
const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const roleBoundary = async (role: string): Promise<string | undefined> =>
  (await iam.send(new GetRoleCommand({ RoleName: role }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn;
const authRoleOf = async (env: string): Promise<string> =>
  (
    JSON.parse(await readFile(join(project, 'amplify', 'team-provider-info.json'), 'utf8')) as Record<
      string,
      { awscloudformation: Record<string, string> }
    >
  )[env].awscloudformation.AuthRoleName;

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  // No ~/.aws profiles at all: the only credentials are the environment's.
  sandbox = await createSandbox(motoUrl, {}, fake.url);
  project = join(sandbox.home, 'cishop');
  await mkdir(project);
  for (const name of ['CiBoundary', 'CiOtherBoundary'])
    await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  const init = await amplify([
    'init',
    '--yes',
    '--amplify',
    JSON.stringify({ projectName: 'cishop', envName: 'dev', defaultEditor: 'code' }),
    '--providers',
    GENERAL,
    '--frontend',
    FRONTEND,
    '--permissions-boundary',
    BOUNDARY,
  ]);
  if (init.code !== 0) throw new Error(`amplify init failed:\n${init.output}`);
});
afterAll(() => fake.stop());

describe('an env on the default credential chain (configLevel general, keys in the environment)', () => {
  it('inits with a boundary: PostInit proves the auth role carries it and the run exits 0', async () => {
    const local = JSON.parse(
      await readFile(join(project, 'amplify', '.config', 'local-aws-info.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(local.dev).toEqual({ configLevel: 'general' });
    expect(await boundaryOf('dev')).toBe(BOUNDARY);
    expect(await roleBoundary(await authRoleOf('dev'))).toBe(BOUNDARY);
  });

  it('verifies, sets and pushes with the keys of the environment', async () => {
    const verify = await amplify(['boundary', 'verify', '--json']);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    const report = JSON.parse(verify.stdout) as { environments: Array<{ expected: string; roles: unknown[] }> };
    expect(report.environments[0].expected).toBe(BOUNDARY);

    const set = await amplify(['boundary', 'set', '--permissions-boundary', OTHER_BOUNDARY, '--yes']);
    expect(set.output).not.toContain('No AWS credentials');
    expect(set.code).toBe(0);
    expect(await boundaryOf('dev')).toBe(OTHER_BOUNDARY);

    const push = await amplify(['push', '--yes', '--force']);
    expect(push.output).not.toContain('No AWS credentials');
    expect(push.code).toBe(0);
    // The CLI copies amplify-meta's provider section over team-provider-info after deploying the root stack:
    // the boundary just set must survive that.
    expect(await boundaryOf('dev')).toBe(OTHER_BOUNDARY);
  });

  it('sends its AWS calls through the proxy HTTP_PROXY names', async () => {
    const seen: string[] = [];
    const proxy = createServer((incoming, outgoing) => {
      let body = '';
      incoming.on('data', (chunk: Buffer) => (body += chunk.toString()));
      incoming.on('end', () => {
        seen.push(/Action=(\w+)/.exec(body)?.[1] ?? incoming.headers['x-amz-target']?.toString() ?? incoming.url ?? '');
        const upstream = request(
          incoming.url ?? '',
          { method: incoming.method, headers: incoming.headers },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        upstream.end(body);
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = proxy.address() as { port: number };
      const resolved = await amplify(['boundary', 'resolve', '--env', 'dev'], {
        HTTP_PROXY: `http://127.0.0.1:${port}`,
      });
      expect(resolved.stderr).toBe('');
      expect(resolved.code).toBe(0);
      expect(seen).toEqual(expect.arrayContaining(['GetCallerIdentity', 'GetPolicy']));
    } finally {
      proxy.closeAllConnections();
      proxy.close();
    }
  });

  it('lets two `boundary set` runs started together on one project both land', async () => {
    // A second env known from team-provider-info only, as in a CI checkout: no local-aws-info entry at all,
    // so its credentials come from the default chain too.
    const tpiFile = join(project, 'amplify', 'team-provider-info.json');
    const tpi = JSON.parse(await readFile(tpiFile, 'utf8')) as Record<string, unknown>;
    await writeFile(tpiFile, JSON.stringify({ ...tpi, stage: structuredClone(tpi.dev) }, null, 2));
    const [dev, staged] = await Promise.all([
      amplify(['boundary', 'set', '--env', 'dev', '--permissions-boundary', BOUNDARY, '--yes']),
      amplify(['boundary', 'set', '--env', 'stage', '--permissions-boundary', OTHER_BOUNDARY, '--yes']),
    ]);
    expect([dev.code, staged.code]).toEqual([0, 0]);
    expect(await boundaryOf('dev')).toBe(BOUNDARY);
    expect(await boundaryOf('stage')).toBe(OTHER_BOUNDARY);
  });
});
