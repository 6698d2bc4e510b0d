import { DEV_ACCOUNT, makeTempProject, type TempProject } from '../helpers/temp-project';
import { addRole, APP_ID, makeWorld, roleArn, runComputeRole, type World } from '../helpers/compute-role-harness';

const BOUNDARY = `arn:aws:iam::${DEV_ACCOUNT}:policy/AmplifyBoundary`;

let project: TempProject;
let world: World;

beforeEach(async () => {
  project = await makeTempProject();
  world = makeWorld(
    [
      { branchName: 'main', computeRoleArn: roleArn('main-role'), environmentVariables: {} },
      { branchName: 'dev', environmentVariables: {} },
      { branchName: 'feature/x', computeRoleArn: roleArn('gone'), environmentVariables: {} },
    ],
    { computeRoleArn: roleArn('app-role') },
  );
  addRole(world, { name: 'app-role', boundary: BOUNDARY });
  addRole(world, { name: 'main-role' });
});

afterEach(async () => {
  await project.remove();
});

describe('amplify compute-role show', () => {
  it('prints only its JSON shape on stdout with --json, each branch with its state and last deployment', async () => {
    const deployedAt = new Date('2026-03-01T10:00:00.000Z');
    world.hosting.state.jobs.set('main', [
      { jobId: '4', jobType: 'RELEASE', status: 'SUCCEED', startTime: deployedAt },
    ]);
    const { io, error } = await runComputeRole({ command: 'show', options: { json: true }, cwd: project.root, world });
    expect(error).toBeUndefined();
    expect(io.lines).toEqual([]);
    expect(io.stderr).toEqual([]);
    expect(JSON.parse(io.stdout.join(''))).toEqual({
      appId: APP_ID,
      appDefault: { roleArn: roleArn('app-role'), boundary: BOUNDARY },
      branches: [
        {
          branch: 'main',
          roleArn: roleArn('main-role'),
          boundary: null,
          effective: roleArn('main-role'),
          state: 'in-effect',
          lastDeployment: deployedAt.toISOString(),
        },
        {
          branch: 'dev',
          roleArn: null,
          boundary: BOUNDARY,
          effective: roleArn('app-role'),
          state: 'pending',
          lastDeployment: null,
        },
        {
          branch: 'feature/x',
          roleArn: roleArn('gone'),
          boundary: null,
          effective: roleArn('gone'),
          state: 'pending',
          lastDeployment: null,
        },
      ],
    });
  });

  it('shows the app given with --app-id', async () => {
    const { io } = await runComputeRole({
      command: 'show',
      options: { json: true, 'app-id': APP_ID },
      cwd: project.root,
      world,
    });
    expect((JSON.parse(io.stdout.join('')) as { appId: string }).appId).toBe(APP_ID);
  });

  it('prints a table with every branch, its own role and the role in effect', async () => {
    const { io, error } = await runComputeRole({ command: 'show', cwd: project.root, world });
    expect(error).toBeUndefined();
    expect(io.stdout).toEqual([]);
    const printed = io.printed();
    expect(printed).toContain(`App ${APP_ID} default compute role: ${roleArn('app-role')} (boundary ${BOUNDARY})`);
    for (const branch of ['main', 'dev', 'feature/x']) expect(printed).toContain(branch);
    expect(printed).toContain('(none)');
  });

  it('with --json, writes an error to stderr only and sets a non-zero exit code', async () => {
    const exitCode = process.exitCode;
    try {
      const { io, error } = await runComputeRole({
        command: 'show',
        options: { json: true, 'app-id': 'dmissing' },
        cwd: project.root,
        world,
      });
      expect((error as Error).message).toContain('dmissing');
      expect(io.stdout).toEqual([]);
      expect(io.stderr.join('')).toContain('dmissing');
      expect(process.exitCode).toBe(1);
    } finally {
      process.exitCode = exitCode;
    }
  });

  it('marks a role set after the branch’s last deployment as pending, and one set before as in effect', async () => {
    await project.remove();
    project = await makeTempProject({
      guardConfig: {
        environments: {
          dev: {
            computeRole: { roleArn: roleArn('main-role'), branch: 'main', attachedAt: '2026-03-02T00:00:00.000Z' },
          },
          prod: { computeRole: { roleArn: roleArn('app-role'), scope: 'app', attachedAt: '2026-02-01T00:00:00.000Z' } },
        },
      },
    });
    const lastDeployment = new Date('2026-03-01T00:00:00.000Z');
    for (const branch of ['main', 'dev'])
      world.hosting.state.jobs.set(branch, [
        { jobId: '1', jobType: 'RELEASE', status: 'SUCCEED', startTime: lastDeployment },
      ]);
    const { io } = await runComputeRole({ command: 'show', options: { json: true }, cwd: project.root, world });
    const report = JSON.parse(io.stdout.join('')) as { branches: Array<{ branch: string; state: string }> };
    expect(report.branches.find((row) => row.branch === 'main')?.state).toBe('pending');
    expect(report.branches.find((row) => row.branch === 'dev')?.state).toBe('in-effect');
    const table = await runComputeRole({ command: 'show', cwd: project.root, world });
    expect(table.io.printed()).toContain('pending (next deployment)');
  });
});
