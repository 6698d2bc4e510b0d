import {
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  CreatePolicyCommand,
} from '@aws-sdk/client-iam';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, initProject, type Sandbox } from './support/amplify-cli';
import { connectApp } from './support/hosting';

const motoUrl = process.env.MOTO_URL as string;
const APP = 'd1exampleapp';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const READ_ONLY = 'arn:aws:iam::123456789012:policy/SsrReadOnly';
const BRANCH_ROLE = `amplify-${APP}-main-compute`;

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;
const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const amplify = (...args: string[]) => sandbox.amplify(args, { cwd: project });
const branch = (name: string) => fake.apps.get(APP)?.branches.get(name);
const guardConfig = async (): Promise<unknown> =>
  JSON.parse(await readFile(join(project, 'amplify/iam-guard.json'), 'utf8'));
const roleExists = (name: string) =>
  iam.send(new GetRoleCommand({ RoleName: name })).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  for (const name of ['AmplifyBoundary', 'SsrReadOnly']) {
    await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  }
  project = await initProject(sandbox, {
    name: 'shop',
    env: 'dev',
    profile: 'default',
    extraArgs: ['--permissions-boundary', BOUNDARY],
  });
  fake.addApp({ appId: APP, name: 'shop' });
  fake.addBranch(APP, {
    branchName: 'main',
    backendEnvironmentArn: `arn:aws:amplify:us-east-1:123456789012:apps/${APP}/backendenvironments/dev`,
  });
  fake.addBranch(APP, { branchName: 'feature/x' });
  await connectApp(project, 'dev', APP);
});
afterAll(() => fake.stop());

describe('amplify compute-role attach', () => {
  it('prints the plan and changes nothing with --dry-run', async () => {
    const result = await amplify('compute-role', 'attach', '--policy-arns', READ_ONLY, '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`create role ${BRANCH_ROLE} trusting only amplify.amazonaws.com`);
    expect(result.stdout).toContain(`boundary ${BOUNDARY}`);
    expect(result.stdout).toContain('set the compute role of branch main of app');
    expect(await roleExists(BRANCH_ROLE)).toBe(false);
    expect(branch('main')?.computeRoleArn).toBeUndefined();
  });

  it('creates a role with the exact trust policy, the boundary and tags, and attaches it to the env branch', async () => {
    const result = await amplify('compute-role', 'attach', '--policy-arns', READ_ONLY, '--yes');
    expect(result.code).toBe(0);
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: BRANCH_ROLE }));
    expect(JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''))).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(BOUNDARY);
    expect(Object.fromEntries((Role?.Tags ?? []).map((tag) => [tag.Key, tag.Value]))).toEqual({
      'amplify-iam-guard:app': APP,
      'amplify-iam-guard:branch': 'main',
      'amplify-iam-guard:env': 'dev',
    });
    const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: BRANCH_ROLE }));
    expect(attached.AttachedPolicies?.map((policy) => policy.PolicyArn)).toEqual([READ_ONLY]);
    expect(branch('main')?.computeRoleArn).toBe(Role?.Arn);
    expect(await guardConfig()).toEqual({
      environments: {
        dev: { computeRole: { roleArn: Role?.Arn, branch: 'main', attachedAt: expect.any(String) as string } },
      },
    });
  });

  it('changes nothing when run again with the same inputs', async () => {
    const result = await amplify('compute-role', 'attach', '--policy-arns', READ_ONLY, '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Nothing to change');
  });

  it('attaches an existing role that trusts Amplify to another branch', async () => {
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'hand-made-compute',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const result = await amplify(
      'compute-role',
      'attach',
      '--role-arn',
      Role?.Arn ?? '',
      '--branch',
      'feature/x',
      '--yes',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`does not carry the env's permissions boundary ${BOUNDARY}`);
    expect(branch('feature/x')?.computeRoleArn).toBe(Role?.Arn);
  });

  it('refuses a role whose trust policy is for Lambda only, and changes nothing', async () => {
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'lambda-only',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        }),
      }),
    );
    const before = branch('main')?.computeRoleArn;
    const result = await amplify('compute-role', 'attach', '--role-arn', Role?.Arn ?? '', '--yes');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('does not let amplify.amazonaws.com assume it');
    expect(branch('main')?.computeRoleArn).toBe(before);
  });

  it('deletes the role it created when UpdateBranch fails', async () => {
    fake.failNext({
      operation: 'UpdateBranch',
      status: 403,
      errorType: 'AccessDeniedException',
      message: 'not allowed',
    });
    const result = await amplify(
      'compute-role',
      'attach',
      '--branch',
      'feature/x',
      '--policy-arns',
      READ_ONLY,
      '--role-name',
      'doomed-compute',
      '--yes',
    );
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('The role doomed-compute it had created was deleted again.');
    expect(await roleExists('doomed-compute')).toBe(false);
    expect(branch('feature/x')?.computeRoleArn).toBe('arn:aws:iam::123456789012:role/hand-made-compute');
  });

  it('sets the app default with --app', async () => {
    const result = await amplify('compute-role', 'attach', '--app', '--policy-arns', READ_ONLY, '--yes');
    expect(result.code).toBe(0);
    expect(fake.apps.get(APP)?.computeRoleArn).toBe(`arn:aws:iam::123456789012:role/amplify-${APP}-compute`);
  });
});

describe('amplify compute-role show', () => {
  it('lists the app default and every branch with the role in effect and its boundary', async () => {
    const result = await amplify('compute-role', 'show', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      appDefault: { roleArn: string };
      branches: Array<{ branch: string; effective: string; boundary: string | null }>;
    };
    expect(report.appDefault.roleArn).toBe(`arn:aws:iam::123456789012:role/amplify-${APP}-compute`);
    expect(report.branches.find((row) => row.branch === 'main')).toMatchObject({
      effective: `arn:aws:iam::123456789012:role/${BRANCH_ROLE}`,
      boundary: BOUNDARY,
    });
    expect(report.branches.find((row) => row.branch === 'feature/x')).toMatchObject({ boundary: null });
  });
});

describe('amplify compute-role audit', () => {
  it('finds renamed access keys, masks them, and exits non-zero', async () => {
    fake.addBranch(APP, {
      branchName: 'legacy',
      environmentVariables: {
        MY_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        MY_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        SITE_NAME: 'shop',
      },
      buildSpec:
        'version: 1\nfrontend:\n  phases:\n    build:\n      commands:\n        - echo "MY_SECRET_ACCESS_KEY=$MY_SECRET_ACCESS_KEY" >> .env.production\n',
    });
    const result = await amplify('compute-role', 'audit');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('MY_ACCESS_KEY_ID');
    expect(result.stdout).toContain('****************MPLE');
    expect(result.stdout).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(result.stdout).not.toContain('wJalrXUtnFEMI');
    expect(result.stdout).toContain('line 6, writes variables into a .env file');
  });

  it('keeps them with --fix while the compute role awaits the branch’s next deployment', async () => {
    const result = await amplify('compute-role', 'audit', '--fix', '--json');
    const report = JSON.parse(result.stdout) as { removed: string[]; kept: string[] };
    expect(report.removed).toEqual([]);
    expect(report.kept).toEqual([
      expect.stringContaining('branch legacy: MY_ACCESS_KEY_ID, MY_SECRET_ACCESS_KEY kept'),
    ]);
  });

  it('removes them with --fix once a compute role is in effect (the app default here)', async () => {
    fake.addJob(APP, 'legacy');
    const result = await amplify('compute-role', 'audit', '--fix', '--json');
    const report = JSON.parse(result.stdout) as { removed: string[] };
    expect(report.removed).toEqual(['branch legacy: MY_ACCESS_KEY_ID', 'branch legacy: MY_SECRET_ACCESS_KEY']);
    expect(branch('legacy')?.environmentVariables).toEqual({ SITE_NAME: 'shop' });
  });
});

describe('amplify compute-role detach', () => {
  it('removes a branch role and deletes it with --delete-role, keeping the app default recorded', async () => {
    const result = await amplify('compute-role', 'detach', '--branch', 'main', '--delete-role', '--yes');
    expect(result.code).toBe(0);
    expect(branch('main')?.computeRoleArn).toBeUndefined();
    expect(await roleExists(BRANCH_ROLE)).toBe(false);
    await expect(
      readFile(join(project, 'amplify/iam-guard.json'), 'utf8').then((text) => JSON.parse(text) as unknown),
    ).resolves.toEqual({
      environments: {
        dev: {
          computeRole: {
            roleArn: `arn:aws:iam::123456789012:role/amplify-${APP}-compute`,
            scope: 'app',
            attachedAt: expect.any(String) as string,
          },
        },
      },
    });
  });

  it('never deletes a role it did not create, and then changes nothing', async () => {
    const result = await amplify('compute-role', 'detach', '--branch', 'feature/x', '--delete-role', '--yes');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('it was not made by amplify-iam-guard');
    expect(await roleExists('hand-made-compute')).toBe(true);
    expect(branch('feature/x')?.computeRoleArn).toBe('arn:aws:iam::123456789012:role/hand-made-compute');
    await writeFile(join(project, 'amplify/iam-guard.json'), '{}\n');
  });
});

describe('compute role in verify and at push', () => {
  it('verifies the compute role in effect for the env branch with the other roles', async () => {
    const attach = await amplify('compute-role', 'attach', '--policy-arns', READ_ONLY, '--yes');
    expect(attach.code).toBe(0);
    const result = await amplify('boundary', 'verify', '--json');
    const [env] = (
      JSON.parse(result.stdout) as {
        environments: Array<{ roles: Array<{ role: string; stack: string; status: string }> }>;
      }
    ).environments;
    expect(env?.roles).toContainEqual(
      expect.objectContaining({ role: BRANCH_ROLE, stack: `hosting: branch main of app ${APP}`, status: 'ok' }),
    );
  });

  it('re-attaches the configured compute role after a push when the branch lost it', async () => {
    const main = branch('main');
    if (main) main.computeRoleArn = undefined;
    const result = await amplify('push', '--yes');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `attached compute role arn:aws:iam::123456789012:role/${BRANCH_ROLE} to branch main of app ${APP}`,
    );
    expect(branch('main')?.computeRoleArn).toBe(`arn:aws:iam::123456789012:role/${BRANCH_ROLE}`);
  });
});
