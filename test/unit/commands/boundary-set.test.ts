import { AmplifyException } from '@aws-amplify/amplify-cli-core';
import {
  fakeCloud,
  forbiddenPrompter,
  runPluginCommand,
  scriptedPrompter,
  type AskedPick,
  type FakeCloud,
  type RunOptions,
} from '../helpers/command-harness';
import {
  boundaryIn,
  DEV_ACCOUNT,
  teamProviderInfoWith,
  makeTempProject,
  PROD_ACCOUNT,
  type TempProject,
} from '../helpers/temp-project';

const DEV_BOUNDARY = `arn:aws:iam::${DEV_ACCOUNT}:policy/AmplifyBoundary`;
const PROD_BOUNDARY = `arn:aws:iam::${PROD_ACCOUNT}:policy/AmplifyBoundary`;

let project: TempProject;
let cloud: FakeCloud;

beforeEach(async () => {
  project = await makeTempProject();
  cloud = fakeCloud([
    DEV_BOUNDARY,
    PROD_BOUNDARY,
    `arn:aws:iam::${DEV_ACCOUNT}:policy/org/OrgBoundary`,
    `arn:aws:iam::${PROD_ACCOUNT}:policy/org/OrgBoundary`,
  ]);
});

afterEach(async () => {
  await project.remove();
});

const set = (options: RunOptions['options'], extra: Partial<RunOptions> = {}) =>
  runPluginCommand({ command: 'set', options, cwd: project.root, cloud, ...extra });

const tpi = () => project.json(project.teamProviderInfo);

/** Runs `set` expecting it to be refused, and checks team-provider-info was not touched. */
const refusedSet = async (
  options: RunOptions['options'],
  extra: Partial<RunOptions> = {},
): Promise<AmplifyException> => {
  const before = await project.bytes(project.teamProviderInfo);
  const { error } = await set(options, extra);
  expect(error).toBeInstanceOf(AmplifyException);
  expect(error).toHaveProperty('classification', 'ERROR');
  expect(Buffer.compare(await project.bytes(project.teamProviderInfo), before)).toBe(0);
  return error as AmplifyException;
};

describe('amplify boundary set --permissions-boundary <arn>', () => {
  it('records a valid boundary in team-provider-info, keeping the other keys, and prints the change and the next step', async () => {
    const { io, error } = await set({ 'permissions-boundary': DEV_BOUNDARY });
    expect(error).toBeUndefined();
    const expected = teamProviderInfoWith({ dev: DEV_BOUNDARY });
    expect(await project.bytes(project.teamProviderInfo)).toEqual(
      Buffer.from(`${JSON.stringify(expected, null, 2)}\n`),
    );
    expect(io.lines).toContainEqual({
      level: 'success',
      text: `Env "dev": permissions boundary set to ${DEV_BOUNDARY} (was: none).`,
    });
    expect(io.printed()).toContain('amplify push --force');
  });

  it('sets the boundary of the env given with --env and tells to check it out before pushing', async () => {
    const { io, error } = await set({ 'permissions-boundary': PROD_BOUNDARY, env: 'prod' });
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'prod')).toBe(PROD_BOUNDARY);
    expect(boundaryIn(await tpi(), 'dev')).toBeUndefined();
    expect(io.printed()).toContain('`amplify env checkout prod` then `amplify push --force`');
  });

  it('accepts --envName as --env', async () => {
    const { error } = await set({ 'permissions-boundary': PROD_BOUNDARY, envName: 'prod' });
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'prod')).toBe(PROD_BOUNDARY);
  });

  it('accepts an AWS-managed policy', async () => {
    cloud.world.addPolicy('arn:aws:iam::aws:policy/PowerUserAccess');
    const { error } = await set({ 'permissions-boundary': 'arn:aws:iam::aws:policy/PowerUserAccess', yes: true });
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'dev')).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
  });

  it('says nothing changed and leaves the file byte-identical when the env already has that boundary', async () => {
    await project.remove();
    project = await makeTempProject({ teamProviderInfo: teamProviderInfoWith({ dev: DEV_BOUNDARY }) });
    const bytes = await project.bytes(project.teamProviderInfo);
    const { io, error } = await set({ 'permissions-boundary': DEV_BOUNDARY });
    expect(error).toBeUndefined();
    expect(Buffer.compare(await project.bytes(project.teamProviderInfo), bytes)).toBe(0);
    expect(io.printed()).toContain(`Env "dev" already has permissions boundary ${DEV_BOUNDARY}; nothing changed.`);
    expect(io.printed()).not.toContain('amplify push');
  });

  it("refuses a policy of the wrong partition, naming the ARN and the same policy in the env's partition", async () => {
    const wrong = `arn:aws-cn:iam::${DEV_ACCOUNT}:policy/AmplifyBoundary`;
    const error = await refusedSet({ 'permissions-boundary': wrong });
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain(wrong);
    expect(error.message).toContain('partition "aws-cn"');
    expect(error.resolution).toContain(`amplify boundary set --env dev --permissions-boundary ${DEV_BOUNDARY}`);
  });

  it('refuses a policy of another account, naming the ARN, both accounts and the fix', async () => {
    const foreign = PROD_BOUNDARY;
    const error = await refusedSet({ 'permissions-boundary': foreign });
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain(
      `${foreign} belongs to account ${PROD_ACCOUNT}, but env "dev" is in account ${DEV_ACCOUNT}`,
    );
    expect(error.resolution).toContain(`--permissions-boundary ${DEV_BOUNDARY}`);
    expect(error.resolution).toContain('Nothing was changed.');
  });

  it("suggests no ARN for a foreign policy whose counterpart does not exist in the env's account", async () => {
    const error = await refusedSet({ 'permissions-boundary': `arn:aws:iam::${PROD_ACCOUNT}:policy/OnlyInProd` });
    expect(error.resolution).not.toContain(`arn:aws:iam::${DEV_ACCOUNT}:policy/OnlyInProd`);
    expect(error.resolution).toContain('<arn of a policy in the account of env "dev">');
  });

  it('refuses a policy of another account even when GetPolicy is denied', async () => {
    cloud.world.account(DEV_ACCOUNT).denied.add('iam:GetPolicy');
    const error = await refusedSet({ 'permissions-boundary': PROD_BOUNDARY });
    expect(error.message).toContain(`belongs to account ${PROD_ACCOUNT}`);
  });

  it('refuses a policy that does not exist, naming the ARN', async () => {
    const missing = `arn:aws:iam::${DEV_ACCOUNT}:policy/Typo`;
    const error = await refusedSet({ 'permissions-boundary': missing });
    expect(error.message).toBe(`${missing} does not exist in account ${DEV_ACCOUNT} (env "dev").`);
    expect(error.resolution).toContain('amplify boundary set --env dev --permissions-boundary <arn of a policy');
  });

  it('refuses a malformed ARN with the expected form', async () => {
    const error = await refusedSet({ 'permissions-boundary': ` ${DEV_BOUNDARY}` });
    expect(error.message).toContain('white space');
    expect(error.message).toContain('Expected arn:<partition>:iam::');
  });

  it('uses a policy it may not look up, with a warning naming iam:GetPolicy', async () => {
    cloud.world.account(DEV_ACCOUNT).denied.add('iam:GetPolicy');
    const { io, error } = await set({ 'permissions-boundary': `arn:aws:iam::${DEV_ACCOUNT}:policy/Unknowable` });
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'dev')).toBe(`arn:aws:iam::${DEV_ACCOUNT}:policy/Unknowable`);
    expect(
      io.lines
        .filter((line) => line.level === 'warn')
        .map((line) => line.text)
        .join('\n'),
    ).toContain('iam:GetPolicy');
  });

  it("refuses to check with credentials of another account than the env's stack", async () => {
    cloud.accountOfEnv.dev = PROD_ACCOUNT;
    const error = await refusedSet({ 'permissions-boundary': DEV_BOUNDARY });
    expect(error.name).toBe('ProfileConfigurationError');
    expect(error.message).toContain(`act in account ${PROD_ACCOUNT}, but the env's stack is in account ${DEV_ACCOUNT}`);
  });

  it('refuses an env that does not exist, listing the envs', async () => {
    const error = await refusedSet({ 'permissions-boundary': DEV_BOUNDARY, env: 'staging' });
    expect(error.name).toBe('EnvironmentNameError');
    expect(error.message).toContain('dev, prod');
  });

  it('refuses --env together with --all-envs', async () => {
    const error = await refusedSet({ 'permissions-boundary': DEV_BOUNDARY, env: 'dev', 'all-envs': true });
    expect(error.message).toContain('--env dev and --all-envs were both given');
  });

  it('refuses a bare --permissions-boundary, naming the flag', async () => {
    const error = await refusedSet({ 'permissions-boundary': true });
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain('--permissions-boundary needs a value');
  });
});

describe("amplify boundary set --permissions-boundary ''", () => {
  it('records "" (no boundary, on purpose)', async () => {
    const { io, error } = await set({ 'permissions-boundary': '', yes: true });
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'dev')).toBe('');
    expect(io.printed()).toContain('permissions boundary removed on purpose (was: none); recorded as "".');
  });

  it('is refused when amplify/iam-guard.json requires a boundary', async () => {
    await project.remove();
    project = await makeTempProject({ guardConfig: { boundary: { required: true } } });
    const error = await refusedSet({ 'permissions-boundary': '' });
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain('"boundary.required": true');
    expect(error.message).toContain('iam-guard.json');
    expect(error.resolution).toContain('--permissions-boundary <arn>');
  });
});

describe('amplify boundary set --policy-name', () => {
  it("resolves the name in each env's own account with --all-envs and records it in amplify/iam-guard.json", async () => {
    const { io, error } = await set({
      'policy-name': 'OrgBoundary',
      'policy-path': '/org/',
      'all-envs': true,
      yes: true,
    });
    expect(error).toBeUndefined();
    const written = await tpi();
    expect(boundaryIn(written, 'dev')).toBe(`arn:aws:iam::${DEV_ACCOUNT}:policy/org/OrgBoundary`);
    expect(boundaryIn(written, 'prod')).toBe(`arn:aws:iam::${PROD_ACCOUNT}:policy/org/OrgBoundary`);
    expect(await project.json(project.guardConfig)).toEqual({
      boundary: { policyName: 'OrgBoundary', policyPath: '/org/' },
    });
    expect(io.printed()).toContain('Recorded policy name "/org/OrgBoundary" in amplify/iam-guard.json');
    expect(io.printed()).toContain('`amplify env checkout prod`');
  });

  it('keeps the other settings of amplify/iam-guard.json', async () => {
    await project.remove();
    const environments = { prod: { computeRole: { roleArn: 'arn:aws:iam::222222222222:role/r', branch: 'main' } } };
    project = await makeTempProject({ guardConfig: { boundary: { required: true }, environments } });
    const { error } = await set({ 'policy-name': 'AmplifyBoundary' });
    expect(error).toBeUndefined();
    expect(await project.json(project.guardConfig)).toEqual({
      boundary: { required: true, policyName: 'AmplifyBoundary' },
      environments,
    });
    expect(boundaryIn(await tpi(), 'dev')).toBe(DEV_BOUNDARY);
  });

  it("refuses the whole change when the name does not exist in one env's account", async () => {
    cloud.world.account(PROD_ACCOUNT).policies.delete(PROD_BOUNDARY);
    const error = await refusedSet({ 'policy-name': 'AmplifyBoundary', 'all-envs': true });
    expect(error.message).toContain(`${PROD_BOUNDARY} does not exist in account ${PROD_ACCOUNT} (env "prod")`);
    await expect(project.json(project.guardConfig)).rejects.toThrow(/ENOENT/);
  });

  it('refuses --policy-name together with --permissions-boundary', async () => {
    const error = await refusedSet({ 'policy-name': 'AmplifyBoundary', 'permissions-boundary': DEV_BOUNDARY });
    expect(error.message).toContain('Both --permissions-boundary');
  });
});

describe('amplify boundary set --no-check', () => {
  it('records the boundary without any AWS call', async () => {
    cloud.world.forbidden = true;
    const missing = `arn:aws:iam::${DEV_ACCOUNT}:policy/NotCreatedYet`;
    const { error } = await set({ 'permissions-boundary': missing, 'no-check': true });
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'dev')).toBe(missing);
  });

  it('still refuses a policy of another account', async () => {
    cloud.world.forbidden = true;
    const error = await refusedSet({ 'permissions-boundary': PROD_BOUNDARY, 'no-check': true });
    expect(error.message).toContain(`belongs to account ${PROD_ACCOUNT}`);
  });

  it('still refuses a policy of the wrong partition', async () => {
    cloud.world.forbidden = true;
    const error = await refusedSet({
      'permissions-boundary': `arn:aws-us-gov:iam::${DEV_ACCOUNT}:policy/B`,
      'no-check': true,
    });
    expect(error.message).toContain('partition "aws-us-gov"');
  });
});

describe('amplify boundary set without a boundary flag', () => {
  it.each([
    ['without a terminal', { stdinIsTTY: false }, {}],
    ['under --yes', { stdinIsTTY: true }, { yes: true }],
    ['under CI=true', { stdinIsTTY: true, env: { CI: 'true' } }, {}],
  ])('refuses %s, naming --permissions-boundary, before asking anything', async (_what, extra, options) => {
    const asked: string[] = [];
    const error = await refusedSet(options, { ...extra, prompt: forbiddenPrompter(asked) });
    expect(asked).toEqual([]);
    expect(error.name).toBe('InputValidationError');
    expect(error.resolution).toContain('--permissions-boundary <arn>');
    expect(error.resolution).toContain('--policy-name <name>');
  });

  it("offers the account's policies at a terminal and records the chosen one", async () => {
    const asked: AskedPick[] = [];
    const { io, error } = await set(
      {},
      { stdinIsTTY: true, prompt: scriptedPrompter({ pick: '/org/OrgBoundary' }, asked) },
    );
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'dev')).toBe(`arn:aws:iam::${DEV_ACCOUNT}:policy/org/OrgBoundary`);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.message).toContain(`account ${DEV_ACCOUNT}`);
    expect(asked[0]?.names).toEqual([
      'AmplifyBoundary',
      '/org/OrgBoundary',
      'Enter an ARN',
      'Use an AWS-managed policy ARN',
      'Remove the boundary',
    ]);
    expect(io.printed()).toContain('permissions boundary set to');
  });

  it('offers the current value as the default', async () => {
    await project.remove();
    project = await makeTempProject({
      teamProviderInfo: teamProviderInfoWith({ dev: `arn:aws:iam::${DEV_ACCOUNT}:policy/org/OrgBoundary` }),
    });
    const asked: AskedPick[] = [];
    const { io } = await set({}, { stdinIsTTY: true, prompt: scriptedPrompter({ pick: '/org/OrgBoundary' }, asked) });
    expect(asked[0]?.initial).toBe(1);
    expect(io.printed()).toContain('nothing changed');
  });

  it('records an ARN typed in', async () => {
    cloud.world.addPolicy('arn:aws:iam::aws:policy/PowerUserAccess');
    const prompt = scriptedPrompter({ pick: 'Enter an ARN', input: 'arn:aws:iam::aws:policy/PowerUserAccess' }, []);
    const { error } = await set({}, { stdinIsTTY: true, prompt });
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'dev')).toBe('arn:aws:iam::aws:policy/PowerUserAccess');
  });

  it('records "" when the boundary is removed in the picker', async () => {
    const { error } = await set(
      {},
      { stdinIsTTY: true, prompt: scriptedPrompter({ pick: 'Remove the boundary' }, []) },
    );
    expect(error).toBeUndefined();
    expect(boundaryIn(await tpi(), 'dev')).toBe('');
  });

  it('refuses removing the boundary in the picker when one is required', async () => {
    await project.remove();
    project = await makeTempProject({ guardConfig: { boundary: { required: true } } });
    const error = await refusedSet(
      {},
      { stdinIsTTY: true, prompt: scriptedPrompter({ pick: 'Remove the boundary' }, []) },
    );
    expect(error.message).toContain('needs a boundary');
  });
});
