import { makeTempProject, type TempProject } from '../helpers/temp-project';
import type { HostingBranch } from '../../../src/aws/ports';
import type { HostingPort } from '../../../src/aws/ports';
import { GuardError } from '../../../src/errors';
import { everythingPrinted, makeWorld, roleArn, runComputeRole, type World } from '../helpers/compute-role-harness';

const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const TEMP_KEY_ID = 'ASIAIOSFODNN7EXAMPL2';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEBYaDHqa0AP1/token/of/some/length';
const RAW_VALUES = [KEY_ID, TEMP_KEY_ID, SECRET, TOKEN];
const SAFE_VARIABLES = { NEXT_PUBLIC_API_URL: 'https://api.example.com' };

let project: TempProject;
let savedExitCode: typeof process.exitCode;

beforeEach(async () => {
  project = await makeTempProject();
  savedExitCode = process.exitCode;
  process.exitCode = undefined;
});

afterEach(async () => {
  process.exitCode = savedExitCode;
  await project.remove();
});

const leakyWorld = (roles: { main?: string; dev?: string; app?: string } = {}): World =>
  makeWorld(
    [
      {
        branchName: 'main',
        computeRoleArn: roles.main,
        environmentVariables: { MY_ACCESS_KEY_ID: KEY_ID, UPLOAD_PASS: SECRET, ...SAFE_VARIABLES },
        buildSpec:
          'version: 1\nfrontend:\n  phases:\n    build:\n      commands:\n        - env | grep -e MY_ >> .env.production',
      },
      {
        branchName: 'dev',
        computeRoleArn: roles.dev,
        environmentVariables: { S3_USER: TEMP_KEY_ID, NEXT_SESSION_TOKEN: TOKEN },
      },
    ],
    { computeRoleArn: roles.app, environmentVariables: { ...SAFE_VARIABLES } },
  );

/** Records a deployment of each branch at `at` (now by default), as Amplify's ListJobs would list it. */
const deployed = (world: World, at = new Date(), branches = ['main', 'dev']): World => {
  for (const branch of branches)
    world.hosting.state.jobs.set(branch, [{ jobId: '1', jobType: 'RELEASE', status: 'SUCCEED', startTime: at }]);
  return world;
};

const audit = (world: World, options: Record<string, string | boolean> = {}) =>
  runComputeRole({ command: 'audit', options, cwd: project.root, world });

const expectNoRawSecret = (lines: string[]): void => {
  for (const line of lines) for (const value of RAW_VALUES) expect(line).not.toContain(value);
};

describe('amplify compute-role audit', () => {
  it('lists each finding with its masked value only, never the secret, and exits non-zero', async () => {
    const { io, error } = await audit(leakyWorld());
    expect(error).toBeUndefined();
    const printed = everythingPrinted(io);
    expectNoRawSecret(printed);
    const text = printed.join('\n');
    for (const variable of ['MY_ACCESS_KEY_ID', 'UPLOAD_PASS', 'S3_USER', 'NEXT_SESSION_TOKEN'])
      expect(text).toContain(variable);
    expect(text).not.toContain('NEXT_PUBLIC_API_URL');
    expect(text).toContain(`${'*'.repeat(16)}MPLE`);
    expect(text).toContain(`${'*'.repeat(36)}EKEY`);
    expect(io.lines).toContainEqual({
      level: 'warn',
      text: expect.stringContaining('Build spec of branch main, line 6') as string,
    });
    expect(process.exitCode).toBe(1);
  });

  it('prints only masked values in its --json result', async () => {
    const { io, error } = await audit(leakyWorld(), { json: true });
    expect(error).toBeUndefined();
    expectNoRawSecret(everythingPrinted(io));
    expect(io.lines).toEqual([]);
    const result = JSON.parse(io.stdout.join('')) as { findings: unknown[]; buildSpecWrites: unknown[] };
    expect(result.findings).toEqual(
      expect.arrayContaining([
        {
          scope: 'branch',
          branch: 'main',
          variable: 'MY_ACCESS_KEY_ID',
          kind: 'access-key-id',
          masked: `${'*'.repeat(16)}MPLE`,
        },
        {
          scope: 'branch',
          branch: 'main',
          variable: 'UPLOAD_PASS',
          kind: 'secret-beside-key',
          masked: `${'*'.repeat(36)}EKEY`,
        },
        {
          scope: 'branch',
          branch: 'dev',
          variable: 'S3_USER',
          kind: 'access-key-id',
          masked: expect.any(String) as string,
        },
        {
          scope: 'branch',
          branch: 'dev',
          variable: 'NEXT_SESSION_TOKEN',
          kind: 'credential-name',
          masked: expect.any(String) as string,
        },
      ]),
    );
    expect(result.findings).toHaveLength(4);
    expect(result.buildSpecWrites).toEqual([
      { scope: 'branch', branch: 'main', line: 6, text: '- env | grep -e MY_ >> .env.production' },
    ]);
    expect(process.exitCode).toBe(1);
  });

  it('says the app is clean and leaves the exit code alone when there is nothing to find', async () => {
    const clean: HostingBranch[] = [{ branchName: 'main', environmentVariables: { ...SAFE_VARIABLES } }];
    const { io, error } = await audit(makeWorld(clean));
    expect(error).toBeUndefined();
    expect(io.lines).toContainEqual({
      level: 'success',
      text: expect.stringContaining('No static AWS credentials') as string,
    });
    expect(process.exitCode).toBeUndefined();
  });

  it('finds credentials in the app’s own environment variables', async () => {
    const world = makeWorld([], { environmentVariables: { LEGACY_SECRET_KEY: SECRET } });
    const { io } = await audit(world, { json: true });
    expect(JSON.parse(io.stdout.join(''))).toEqual({
      findings: [
        {
          scope: 'app',
          branch: null,
          variable: 'LEGACY_SECRET_KEY',
          kind: 'credential-name',
          masked: `${'*'.repeat(36)}EKEY`,
        },
      ],
      buildSpecWrites: [],
    });
    expect(process.exitCode).toBe(1);
  });
});

describe('amplify compute-role audit --fix', () => {
  it('removes only the variables matched by name or AKIA/ASIA value, and only where a compute role is in effect', async () => {
    const world = deployed(leakyWorld({ main: roleArn('main-role') }));
    const { io, error } = await audit(world, { fix: true, yes: true });
    expect(error).toBeUndefined();
    const [main, dev] = world.hosting.state.branches;
    // main has a compute role: the key id goes, the secret matched only by its shape and the safe variable stay
    expect(main.environmentVariables).toEqual({ UPLOAD_PASS: SECRET, ...SAFE_VARIABLES });
    // dev has none in effect: nothing is removed there
    expect(dev.environmentVariables).toEqual({ S3_USER: TEMP_KEY_ID, NEXT_SESSION_TOKEN: TOKEN });
    const printed = io.printed();
    expect(printed).toContain('Removed branch main: MY_ACCESS_KEY_ID');
    expect(printed).toContain('no compute role is in effect there yet');
    expect(printed).toContain('deactivate');
    expectNoRawSecret(everythingPrinted(io));
    expect(process.exitCode).toBe(1);
  });

  it('removes from a branch whose role comes from the app default', async () => {
    const world = deployed(leakyWorld({ app: roleArn('app-role') }));
    const { error } = await audit(world, { fix: true, yes: true });
    expect(error).toBeUndefined();
    const [main, dev] = world.hosting.state.branches;
    expect(main.environmentVariables).toEqual({ UPLOAD_PASS: SECRET, ...SAFE_VARIABLES });
    expect(dev.environmentVariables).toEqual({});
    expect(world.hosting.state.app.environmentVariables).toEqual(SAFE_VARIABLES);
  });

  it('reports what it removed and kept in its --json result', async () => {
    const world = deployed(leakyWorld({ main: roleArn('main-role') }));
    const { io } = await audit(world, { fix: true, yes: true, json: true });
    const result = JSON.parse(io.stdout.join('')) as { removed: string[]; kept: string[] };
    expect(result.removed).toEqual(['branch main: MY_ACCESS_KEY_ID']);
    expect(result.kept).toEqual([expect.stringContaining('branch dev: S3_USER, NEXT_SESSION_TOKEN kept')]);
    expectNoRawSecret(everythingPrinted(io));
  });

  it('leaves the exit code alone once every finding is removed and no build spec writes them', async () => {
    const world = deployed(
      makeWorld([
        { branchName: 'main', computeRoleArn: roleArn('r'), environmentVariables: { MY_ACCESS_KEY_ID: KEY_ID } },
      ]),
      new Date(),
      ['main'],
    );
    const { error } = await audit(world, { fix: true, yes: true });
    expect(error).toBeUndefined();
    expect(world.hosting.state.branches[0].environmentVariables).toEqual({});
    expect(process.exitCode).toBeUndefined();
  });

  it('keeps the keys of a branch whose role was set after its last deployment (pending), saying so', async () => {
    project = await makeTempProject({
      guardConfig: {
        environments: {
          dev: {
            computeRole: { roleArn: roleArn('main-role'), branch: 'main', attachedAt: '2026-02-01T00:00:00.000Z' },
          },
        },
      },
    });
    const world = deployed(leakyWorld({ main: roleArn('main-role') }), new Date('2026-01-31T00:00:00.000Z'));
    const { io } = await audit(world, { fix: true, yes: true });
    expect(world.hosting.state.branches[0].environmentVariables).toMatchObject({ MY_ACCESS_KEY_ID: KEY_ID });
    expect(io.printed()).toContain('not in effect until the next deployment');
  });

  it('keeps the keys of a branch that never deployed since it got its role', async () => {
    const world = leakyWorld({ main: roleArn('main-role') });
    await audit(world, { fix: true, yes: true });
    expect(world.hosting.state.branches[0].environmentVariables).toMatchObject({ MY_ACCESS_KEY_ID: KEY_ID });
  });

  it('never prints a flagged value, even when the update call fails with a message that quotes it', async () => {
    const world = deployed(leakyWorld({ main: roleArn('main-role') }));
    const failing: HostingPort = {
      ...world.hosting.port,
      setVariables: (_appId, _target, variables) =>
        Promise.reject(
          new GuardError('InputValidationError', {
            message: `Amplify refused environmentVariables ${JSON.stringify({ ...variables, MY_ACCESS_KEY_ID: KEY_ID })}: value ${SECRET} too long.`,
            resolution: 'Check the variables.',
          }),
        ),
    };
    world.hostingPort = failing;
    const { io, error } = await audit(world, { fix: true, yes: true });
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('Amplify refused environmentVariables');
    expect(message).not.toContain(KEY_ID);
    expect(message).not.toContain(SECRET);
    expectNoRawSecret(everythingPrinted(io));
  });
});
