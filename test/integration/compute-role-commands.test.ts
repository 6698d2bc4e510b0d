import { CreatePolicyCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { createEnvAws } from '../../src/aws/factory';
import { openEnvSession } from '../../src/aws/env-session';
import { roleNameCandidates } from '../../src/compute-role/naming';
import type { HostContext } from '../../src/host/context';
import { runCommand } from '../../src/host/run-command';
import { COMMANDS } from '../../src/index';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import {
  exitForTests,
  failureOf,
  forbiddenPrompter,
  recordingIo,
  type RecordingIo,
} from '../unit/helpers/command-harness';
import { makeTempProject, type TempProject } from '../unit/helpers/temp-project';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';

const endpoint = process.env.MOTO_URL as string;
const APP = 'd1abcdef';
const READ_ONLY = 'arn:aws:iam::123456789012:policy/SsrReadOnly';
const WRITE = 'arn:aws:iam::123456789012:policy/SsrWrite';

let fake: AmplifyFake;
let project: TempProject;
const iam = new IAMClient({ region: 'us-east-1', endpoint, credentials: DEFAULT_CREDENTIALS });
const attachedPolicies = async (role: string): Promise<string[]> =>
  ((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }))).AttachedPolicies ?? []).map(
    (policy) => policy.PolicyArn ?? '',
  );
const roleExists = (name: string) =>
  iam.send(new GetRoleCommand({ RoleName: name })).then(
    () => true,
    () => false,
  );

/** Runs `amplify compute-role <command>` through the real dispatcher, with SDK ports on moto and the Amplify fake. */
const computeRole = async (
  command: string,
  options: Record<string, string | boolean>,
): Promise<{ io: RecordingIo; error: unknown; exitCode: number | string | undefined }> => {
  let io = recordingIo(forbiddenPrompter([]));
  // A user error sets the exit code of the process, which here is the test runner's own: keep it per run.
  const saved = process.exitCode;
  let exitCode: number | string | undefined;
  process.exitCode = undefined;
  const context: HostContext = { input: { plugin: 'compute-role', command, options } };
  const error = await failureOf(
    runCommand(context, COMMANDS, {
      terminal: { stdinIsTTY: false, stdoutIsTTY: false, env: {}, cwd: project.root },
      io: (settings) => Promise.resolve((io = recordingIo(forbiddenPrompter([]), settings.redactor))),
      envSession: (_context, env) =>
        openEnvSession(env, { region: 'us-east-1', credentials: DEFAULT_CREDENTIALS }, (access, name) =>
          createEnvAws(access, name),
        ),
      accessSession: () => Promise.reject(new Error('no session outside an env')),
      exit: exitForTests,
    }),
  ).finally(() => {
    exitCode = process.exitCode;
    process.exitCode = saved;
  });
  return { io, error, exitCode };
};

beforeAll(async () => {
  process.env.AWS_ENDPOINT_URL = endpoint;
  fake = await startAmplifyFake();
  process.env.AWS_ENDPOINT_URL_AMPLIFY = fake.url;
});
afterAll(async () => {
  delete process.env.AWS_ENDPOINT_URL;
  delete process.env.AWS_ENDPOINT_URL_AMPLIFY;
  await fake.stop();
});
beforeEach(async () => {
  await resetMoto(endpoint);
  fake.reset();
  for (const name of ['SsrReadOnly', 'SsrWrite'])
    await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
  fake.addApp({ appId: APP, name: 'shop' });
  for (const branchName of ['dev', 'feature/x', 'feature-x']) fake.addBranch(APP, { branchName });
  project = await makeTempProject();
});
afterEach(() => project.remove());

describe('compute-role attach against IAM (moto) and Amplify (the fake)', () => {
  it('creates no role when an input is bad, and names the input', async () => {
    for (const [options, input] of [
      [{ 'policy-arns': 'not-an-arn' }, '--policy-arns'],
      [{ 'policy-arns': 'arn:aws:iam::123456789012:policy/Missing' }, '--policy-arns'],
      [{ 'policy-arns': READ_ONLY, 'role-name': 'r'.repeat(2001) }, '--role-name'],
    ] as const) {
      const { error, exitCode } = await computeRole('attach', { ...options, yes: true });
      expect((error as Error).message).toContain(input);
      expect(exitCode).toBe(1);
    }
    const [plain] = roleNameCandidates({ appId: APP, env: 'dev', hosting: { kind: 'branch', branch: 'dev' } });
    expect(await roleExists(plain)).toBe(false);
    expect(fake.apps.get(APP)?.branches.get('dev')?.computeRoleArn).toBeUndefined();
    expect(fake.log).not.toContain('UpdateBranch');
  });

  it('never converges the role of feature/x when attaching feature-x: each gets its own role', async () => {
    const first = await computeRole('attach', { branch: 'feature/x', 'policy-arns': READ_ONLY, yes: true });
    expect(first.error).toBeUndefined();
    const slashRole = fake.apps.get(APP)?.branches.get('feature/x')?.computeRoleArn ?? '';
    const slashName = slashRole.slice(slashRole.lastIndexOf('/') + 1);
    expect(slashName).toBe(`amplify-${APP}-feature-x-compute`);

    const second = await computeRole('attach', { branch: 'feature-x', 'policy-arns': WRITE, yes: true });
    expect(second.error).toBeUndefined();
    const dashRole = fake.apps.get(APP)?.branches.get('feature-x')?.computeRoleArn ?? '';
    expect(dashRole).not.toBe(slashRole);
    expect(dashRole).toMatch(new RegExp(`role/amplify-${APP}-feature-x-[0-9a-f]{8}-compute$`));
    expect(await attachedPolicies(slashName)).toEqual([READ_ONLY]);
    expect(await attachedPolicies(dashRole.slice(dashRole.lastIndexOf('/') + 1))).toEqual([WRITE]);
  });

  it('refuses --role-name naming the role of another branch, leaving it as it was', async () => {
    await computeRole('attach', { branch: 'feature/x', 'policy-arns': READ_ONLY, yes: true });
    const { error } = await computeRole('attach', {
      branch: 'feature-x',
      'policy-arns': WRITE,
      'role-name': `amplify-${APP}-feature-x-compute`,
      yes: true,
    });
    expect((error as Error).message).toContain(`--role-name amplify-${APP}-feature-x-compute names an existing role`);
    expect(await attachedPolicies(`amplify-${APP}-feature-x-compute`)).toEqual([READ_ONLY]);
    expect(fake.apps.get(APP)?.branches.get('feature-x')?.computeRoleArn).toBeUndefined();
  });

  it('starts a release job with --redeploy for an app with a repository, and shows the role pending until it ran', async () => {
    fake.apps.get(APP)!.repository = 'https://github.com/example/shop';
    const { io, error } = await computeRole('attach', { 'policy-arns': READ_ONLY, redeploy: true, yes: true });
    expect(error).toBeUndefined();
    expect(fake.log).toContain('StartJob');
    expect(fake.jobs(APP, 'dev')[0]).toMatchObject({ jobType: 'RELEASE' });
    expect(io.printed()).toContain('Started release job 1 of branch dev');
  });
});
