import {
  CreatePolicyCommand,
  DeleteRolePermissionsBoundaryCommand,
  IAMClient,
  ListRolesCommand,
} from '@aws-sdk/client-iam';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StaticCredentials } from '../../src/aws/ports';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, initProject, providersFor, type Sandbox } from './support/amplify-cli';

const motoUrl = process.env.MOTO_URL as string;
const DEV_BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const PROD_BOUNDARY = 'arn:aws:iam::222222222222:policy/AmplifyBoundary';

let fake: AmplifyFake;
let sandbox: Sandbox;
let prod: StaticCredentials;
let project: string;

type Tpi = Record<string, { awscloudformation: Record<string, string | undefined> }>;
const readTpi = async (): Promise<Tpi> =>
  JSON.parse(await readFile(join(project, 'amplify/team-provider-info.json'), 'utf8')) as Tpi;
const amplify = (...args: string[]) => sandbox.amplify(args, { cwd: project });
const iamIn = (credentials: StaticCredentials) =>
  new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials });

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  prod = await credentialsInAccount(motoUrl, '222222222222');
  const qa = await credentialsInAccount(motoUrl, '333333333333');
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS, prod, qa }, fake.url);
  for (const credentials of [DEFAULT_CREDENTIALS, prod]) {
    await iamIn(credentials).send(
      new CreatePolicyCommand({ PolicyName: 'AmplifyBoundary', PolicyDocument: ALLOW_ALL }),
    );
  }
});
afterAll(() => fake.stop());

describe('amplify init', () => {
  it('stops before creating anything when --permissions-boundary names a missing policy', async () => {
    await expect(
      initProject(sandbox, {
        name: 'broken',
        env: 'dev',
        profile: 'default',
        extraArgs: ['--permissions-boundary', 'arn:aws:iam::123456789012:policy/Missing'],
      }),
    ).rejects.toThrow(
      /arn:aws:iam::123456789012:policy\/Missing \(flag\): arn:aws:iam::123456789012:policy\/Missing does not exist/,
    );
    await expect(readFile(join(sandbox.home, 'broken/amplify/team-provider-info.json'))).rejects.toThrow();
  });

  it('creates the first env with an existing policy as boundary on its auth and unauth roles', async () => {
    project = await initProject(sandbox, {
      name: 'shop',
      env: 'dev',
      profile: 'default',
      extraArgs: ['--permissions-boundary', DEV_BOUNDARY],
    });
    expect((await readTpi()).dev?.awscloudformation.PermissionsBoundaryPolicyArn).toBe(DEV_BOUNDARY);
    const verify = await amplify('boundary', 'verify', '--json');
    expect(verify.code).toBe(0);
    const [env] = (
      JSON.parse(verify.stdout) as { environments: Array<{ roles: Array<{ status: string }>; policyExists: boolean }> }
    ).environments;
    expect(env?.policyExists).toBe(true);
    expect(env?.roles.map((role) => role.status)).toEqual(['ok', 'ok']);
  });

  it('gives a new env in another account the same-named policy of that account under --yes', async () => {
    const result = await amplify('init', '--yes', '--envName', 'prod', '--providers', providersFor('prod'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `env "prod" (account 222222222222) gets permissions boundary ${PROD_BOUNDARY} (from the current env, retargeted)`,
    );
    expect(result.stdout).toContain(
      `env "prod" has permissions boundary ${PROD_BOUNDARY}; its auth and unauth roles carry it`,
    );
    expect((await readTpi()).prod?.awscloudformation.PermissionsBoundaryPolicyArn).toBe(PROD_BOUNDARY);
  });

  it('stops a new env in an account without that policy, naming the ARNs tried and the flags', async () => {
    await amplify('env', 'checkout', 'dev');
    const result = await amplify('init', '--yes', '--envName', 'qa', '--providers', providersFor('qa'));
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`${DEV_BOUNDARY} (current env)`);
    expect(result.stdout).toContain('arn:aws:iam::333333333333:policy/AmplifyBoundary (current env, retargeted)');
    expect(result.stdout).toContain("--permissions-boundary ''");
    expect((await readTpi()).qa).toBeUndefined();
  });
});

describe('amplify env add --yes across accounts', () => {
  it('prints the boundary for a profile on the last line of stdout', async () => {
    const result = await amplify('boundary', 'resolve', '--profile', 'prod');
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe(PROD_BOUNDARY);
  });

  it('keeps stdout empty and exits non-zero when resolve finds nothing valid', async () => {
    const result = await amplify('boundary', 'resolve', '--profile', 'qa');
    expect(result.code).not.toBe(0);
    expect(result.stdout.trim()).toBe('');
    expect(result.stderr).toContain('No permissions boundary valid for env "new env (profile qa)"');
  });

  it('adds the env with the boundary resolve gave', async () => {
    await amplify('env', 'checkout', 'dev');
    const resolved = await amplify('boundary', 'resolve', '--profile', 'prod');
    const arn = resolved.stdout.trimEnd().split('\n').pop() ?? '';
    const result = await amplify(
      'env',
      'add',
      '--yes',
      '--envName',
      'stage',
      '--providers',
      providersFor('prod'),
      '--permissions-boundary',
      arn,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`env "stage" has permissions boundary ${PROD_BOUNDARY}`);
  });
});

describe('amplify push guard', () => {
  it('stops a push after `env update` stored a value that is not an ARN', async () => {
    await amplify('env', 'update', '--permissions-boundary', 'not-an-arn');
    expect((await readTpi()).stage?.awscloudformation.PermissionsBoundaryPolicyArn).toBe('not-an-arn');
    const result = await amplify('push', '--yes', '--force');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(
      'The push was stopped before deploying anything: "not-an-arn" is not a valid IAM policy ARN',
    );
    expect(result.stdout).toContain('amplify boundary set --env stage --permissions-boundary');
  });

  it('stops a push that would strip the deployed boundary from a checkout without it', async () => {
    const tpi = await readTpi();
    delete tpi.stage?.awscloudformation.PermissionsBoundaryPolicyArn;
    await writeFile(join(project, 'amplify/team-provider-info.json'), JSON.stringify(tpi, null, 2));
    const result = await amplify('push', '--yes', '--force');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`was deployed with permissions boundary ${PROD_BOUNDARY}`);
    expect(result.stdout).toContain(`amplify boundary set --env stage --permissions-boundary ${PROD_BOUNDARY}`);
    expect(result.stdout).toContain("amplify boundary set --env stage --permissions-boundary ''");
  });

  it('asks the deployed auth role when the local copy of the last deployment is missing', async () => {
    const copy = join(project, 'amplify/#current-cloud-backend');
    await rename(copy, `${copy}.away`);
    try {
      const result = await amplify('push', '--yes', '--force');
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain(`was deployed with permissions boundary ${PROD_BOUNDARY}`);
    } finally {
      await rename(`${copy}.away`, copy);
    }
  });

  it('fills the missing key from AMPLIFY_PERMISSIONS_BOUNDARY_ARN, pushes, and verifies the roles', async () => {
    const result = await sandbox.amplify(['push', '--yes', '--force'], {
      cwd: project,
      env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: PROD_BOUNDARY },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `wrote permissions boundary ${PROD_BOUNDARY} for env "stage" to team-provider-info`,
    );
    expect(result.stdout).toMatch(/Env "stage": 2 IAM role\(s\) checked against .*: 2 ok\./);
    expect((await readTpi()).stage?.awscloudformation.PermissionsBoundaryPolicyArn).toBe(PROD_BOUNDARY);
  });
});

describe('amplify boundary verify', () => {
  it('reports a role whose boundary was removed outside Amplify, and exits non-zero', async () => {
    const iam = iamIn(prod);
    const { Roles = [] } = await iam.send(new ListRolesCommand({}));
    const authRole = Roles.find((role) => role.RoleName?.includes('stage') && role.RoleName.endsWith('-authRole'));
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: authRole?.RoleName }));
    const result = await amplify('boundary', 'verify', '--env', 'stage');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${authRole?.RoleName}\\s+\\S+\\s+missing\\s+\\(none\\)`));
    expect(result.stdout).toContain('1 ok, 1 missing');
  });
});

describe('no boundary, on purpose', () => {
  it('records \'\' given to `amplify env add --yes` as "", where the CLI itself would drop the key', async () => {
    await amplify('env', 'checkout', 'dev');
    const result = await amplify(
      'env',
      'add',
      '--yes',
      '--envName',
      'sandbox',
      '--providers',
      providersFor('prod'),
      '--permissions-boundary',
      '',
    );
    expect(result.code).toBe(0);
    expect((await readTpi()).sandbox?.awscloudformation.PermissionsBoundaryPolicyArn).toBe('');
    const shown = await amplify('boundary', 'show', '--env', 'sandbox', '--json');
    expect(JSON.parse(shown.stdout)).toMatchObject({
      environments: [{ env: 'sandbox', boundary: '', source: 'team-provider-info', valid: true }],
    });
  });
});
