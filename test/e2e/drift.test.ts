import {
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  PutRolePermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { roleResource } from '../support/templates';
import { createSandbox, initProject, type RunResult, type Sandbox } from './support/amplify-cli';

const motoUrl = process.env.MOTO_URL as string;
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';
const STRICTER = 'arn:aws:iam::123456789012:policy/Stricter';
const OTHER = 'arn:aws:iam::123456789012:policy/OtherBoundary';
const TEMPLATE = 'amplify/backend/custom/jobs/jobs-cloudformation-template.json';

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;
let push: RunResult;

const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const amplify = (...args: string[]) => sandbox.amplify(args, { cwd: project });
const boundaryOf = async (role: string): Promise<string | undefined> =>
  (await iam.send(new GetRoleCommand({ RoleName: role }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn;
const putBoundary = (role: string, arn: string) =>
  iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: arn }));
const removeBoundary = (role: string) => iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: role }));
const roleEndingWith = async (prefix: string, suffix: string): Promise<string> => {
  const { Roles = [] } = await iam.send(new ListRolesCommand({}));
  const found = Roles.find((role) => role.RoleName?.startsWith(prefix) && role.RoleName.endsWith(suffix));
  if (!found?.RoleName) throw new Error(`No role ${prefix}…${suffix}`);
  return found.RoleName;
};

type VerifiedRole = { role: string; status: string; actual: string | null; cause?: string; source?: string };
const verifyJson = async (): Promise<{ roles: VerifiedRole[]; requests: Record<string, number> }> => {
  const result = await amplify('boundary', 'verify', '--json');
  return (
    JSON.parse(result.stdout) as { environments: Array<{ roles: VerifiedRole[]; requests: Record<string, number> }> }
  ).environments[0];
};

const updateJson = async (file: string, change: (value: Record<string, unknown>) => void): Promise<void> => {
  const value = JSON.parse(await readFile(join(project, file), 'utf8')) as Record<string, unknown>;
  change(value);
  await writeFile(join(project, file), JSON.stringify(value, null, 2));
};

/** A custom CloudFormation resource with one role that sets its own boundary and one that leaves it to the CLI. */
const addCustomResource = async (): Promise<void> => {
  const file = join(project, TEMPLATE);
  await mkdir(dirname(file), { recursive: true });
  const named = (name: string) => ({ 'Fn::Join': ['-', [name, { Ref: 'env' }]] });
  await writeFile(
    file,
    JSON.stringify({
      Parameters: { env: { Type: 'String' } },
      Resources: { OwnRole: roleResource(named('jobs-own'), STRICTER), PlainRole: roleResource(named('jobs-plain')) },
    }),
  );
  await writeFile(join(project, 'amplify/backend/custom/jobs/parameters.json'), '{}');
  const entry = { service: 'customCloudformation', providerPlugin: 'awscloudformation', dependsOn: [] };
  for (const meta of ['amplify/backend/backend-config.json', 'amplify/backend/amplify-meta.json'])
    await updateJson(meta, (value) => {
      value.custom = { jobs: entry };
    });
};

beforeAll(async () => {
  await resetMoto(motoUrl);
  for (const name of ['AmplifyBoundary', 'Stricter', 'OtherBoundary'])
    await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  project = await initProject(sandbox, {
    name: 'drift',
    env: 'dev',
    profile: 'default',
    extraArgs: ['--permissions-boundary', BOUNDARY],
  });
  await addCustomResource();
  push = await amplify('push', '--yes');
  if (push.code !== 0) throw new Error(`amplify push failed:\n${push.output}`);
}, 300_000);
afterAll(() => fake.stop());

describe('drift through the real CLI', () => {
  it('names the template file and logical ID of a role that sets its own boundary before the push', () => {
    expect(push.stdout).toContain(
      `${TEMPLATE}: role OwnRole sets its own permissions boundary ${STRICTER}, not the env's ${BOUNDARY}`,
    );
  });

  it('says template-sets-other with its source, and --fix leaves that role’s boundary as it is', async () => {
    const own = await verifyJson();
    const ownRole = own.roles.find((role) => role.role === 'jobs-own-dev');
    expect(ownRole).toMatchObject({
      status: 'mismatch',
      actual: STRICTER,
      cause: 'template-sets-other',
      source: `custom/jobs (${TEMPLATE})`,
    });
    expect(own.requests['cloudformation:GetTemplate']).toBeGreaterThanOrEqual(1);
    const fixed = await amplify('boundary', 'verify', '--fix', '--yes');
    expect(fixed.stdout).toContain('jobs-own-dev left as it is: its template sets its own boundary');
    expect(await boundaryOf('jobs-own-dev')).toBe(STRICTER);
  });

  it('restores a boundary removed outside CloudFormation with --fix --yes, and never touches a role outside the env', async () => {
    await iam
      .send(
        new CreateRoleCommand({
          RoleName: 'someone-elses-role',
          AssumeRolePolicyDocument: JSON.stringify({ Statement: [] }),
        }),
      )
      .catch(() => undefined);
    await removeBoundary('jobs-plain-dev');
    const before = await amplify('boundary', 'verify');
    expect(before.code).not.toBe(0);
    expect(before.stdout).toContain(
      'jobs-plain-dev (missing, changed-outside, from custom/jobs (amplify/backend/custom/jobs/jobs-cloudformation-template.json)): Its boundary was changed outside CloudFormation, which no push repairs: run `amplify boundary verify --env dev --fix`.',
    );
    const fixed = await amplify('boundary', 'verify', '--fix', '--yes');
    expect(fixed.stdout).toContain(`put permissions boundary ${BOUNDARY} on 1 role(s):`);
    expect(fixed.stdout).toContain('Env "dev": put the boundary on jobs-plain-dev.');
    expect(fixed.stdout).toContain('Verifying again after the repair:');
    expect(await boundaryOf('jobs-plain-dev')).toBe(BOUNDARY);
    expect(await boundaryOf('someone-elses-role')).toBeUndefined();
    // The role whose template sets its own boundary is still off, so the run still fails.
    expect(fixed.code).not.toBe(0);
  });

  it('stops --fix without --yes in CI, naming --yes, and changes nothing', async () => {
    const unauth = await roleEndingWith('amplify-drift-dev', '-unauthRole');
    await removeBoundary(unauth);
    try {
      const result = await sandbox.amplify(['boundary', 'verify', '--fix'], { cwd: project, env: { CI: 'true' } });
      expect(result.code).not.toBe(0);
      expect(result.output).toContain('--yes');
      expect(result.output).toContain('nothing was changed');
      expect(await boundaryOf(unauth)).toBeUndefined();
    } finally {
      await putBoundary(unauth, BOUNDARY);
    }
  });

  it('says not-pushed and `amplify push --force` after `boundary set` to another policy, before a push', async () => {
    const set = await amplify('boundary', 'set', '--permissions-boundary', OTHER);
    try {
      expect(set.code).toBe(0);
      const result = await amplify('boundary', 'verify');
      const auth = await roleEndingWith('amplify-drift-dev', '-authRole');
      expect(result.stdout).toContain(
        `${auth} (mismatch, not-pushed, from root): The env's boundary changed after this stack was last deployed: run \`amplify push --force\``,
      );
    } finally {
      await amplify('boundary', 'set', '--permissions-boundary', BOUNDARY);
    }
  });
});

describe('an env with no boundary, on purpose', () => {
  it('keeps a boundary someone put on its role: reported, never removed', async () => {
    const plain = await initProject(sandbox, {
      name: 'nobound',
      env: 'dev',
      profile: 'default',
      extraArgs: ['--permissions-boundary', ''],
    });
    const auth = await roleEndingWith('amplify-nobound-dev', '-authRole');
    await putBoundary(auth, BOUNDARY);
    const result = await sandbox.amplify(['boundary', 'verify', '--fix', '--yes'], { cwd: plain });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('nothing will be repaired: the env has no boundary on purpose');
    expect(result.stdout).toContain(`${auth} (mismatch, changed-outside, from root)`);
    expect(await boundaryOf(auth)).toBe(BOUNDARY);
  });
});
