import type { AmplifyException } from '@aws-amplify/amplify-cli-core';
import { fakeCloud, runPluginCommand, type RunOptions } from '../helpers/command-harness';
import { DEV_ACCOUNT, makeTempProject, teamProviderInfoWith, type TempProject } from '../helpers/temp-project';
import { keepingExitCode } from '../helpers/event-harness';

const BOUNDARY = `arn:aws:iam::${DEV_ACCOUNT}:policy/AmplifyBoundary`;

let project: TempProject;
afterEach(() => project.remove());

const check = (options: RunOptions['options'], extra: Partial<RunOptions> = {}) =>
  runPluginCommand({ command: 'check', options, cwd: project.root, ...extra });

const lostKey = async (): Promise<void> => {
  project = await makeTempProject({ teamProviderInfo: teamProviderInfoWith({}) });
  await project.write('amplify/#current-cloud-backend/amplify-meta.json', {
    providers: { awscloudformation: { PermissionsBoundaryPolicyArn: BOUNDARY } },
  });
};

describe('amplify boundary check', () => {
  it('passes a valid boundary and says the env may be pushed or published', async () => {
    project = await makeTempProject({ teamProviderInfo: teamProviderInfoWith({ dev: BOUNDARY }) });
    const { io, error } = await check({}, { cloud: fakeCloud([BOUNDARY]) });
    expect(error).toBeUndefined();
    expect(io.printed()).toContain(
      `Env "dev" may be pushed or published: permissions boundary ${BOUNDARY} (from team-provider-info).`,
    );
  });

  it('stops where a push would: a checkout that lost the key of an env deployed with a boundary', async () => {
    await lostKey();
    const { error } = await check({}, { cloud: fakeCloud([BOUNDARY]) });
    const refused = error as AmplifyException;
    expect(refused.message).toContain('A push or publish of env "dev" would be stopped');
    expect(refused.message).toContain('a push would strip the boundary from every IAM role');
    expect(refused.resolution).toContain(`amplify boundary set --env dev --permissions-boundary ${BOUNDARY}`);
    expect(refused.resolution).toContain('AMPLIFY_PERMISSIONS_BOUNDARY_ARN');
  });

  it('reports the stop as JSON with --json and exit code 1, nothing else on stdout', async () => {
    await lostKey();
    let run: Awaited<ReturnType<typeof check>> | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await check({ json: true }, { cloud: fakeCloud([BOUNDARY]) });
    });
    expect(exitCode).toBe(1);
    expect(run!.io.lines).toEqual([]);
    const result = JSON.parse(run!.io.stdout.join('')) as Record<string, unknown>;
    expect(result).toMatchObject({ env: 'dev', ok: false, warnings: [] });
    expect(result.problem).toContain('would strip the boundary');
  });

  it('fills a missing key from AMPLIFY_PERMISSIONS_BOUNDARY_ARN as a push would, and says so', async () => {
    await lostKey();
    const { io, error } = await check(
      { json: true },
      { cloud: fakeCloud([BOUNDARY]), env: { AMPLIFY_PERMISSIONS_BOUNDARY_ARN: BOUNDARY } },
    );
    expect(error).toBeUndefined();
    expect(JSON.parse(io.stdout.join(''))).toMatchObject({
      ok: true,
      boundary: BOUNDARY,
      source: 'environment variable',
      wrote: true,
    });
    expect(await project.readJson('amplify/team-provider-info.json')).toMatchObject({
      dev: { awscloudformation: { PermissionsBoundaryPolicyArn: BOUNDARY } },
    });
  });

  it('still runs the checks that need no AWS call without credentials, with a warning', async () => {
    project = await makeTempProject({
      teamProviderInfo: teamProviderInfoWith({ dev: 'arn:aws:iam::999999999999:policy/Elsewhere' }),
    });
    const offline = { ...fakeCloud(), offline: true };
    const { io, error } = await check({}, { cloud: offline });
    expect(io.printed()).toContain('AWS could not be asked with the credentials of env "dev"');
    expect((error as AmplifyException).message).toContain('belongs to account 999999999999');
  });

  it('warns that nothing is configured when the env has no boundary anywhere, and lets it go', async () => {
    project = await makeTempProject({ teamProviderInfo: teamProviderInfoWith({}) });
    const { io, error } = await check({}, { cloud: { ...fakeCloud(), offline: true } });
    expect(error).toBeUndefined();
    expect(io.lines).toContainEqual({
      level: 'warn',
      text: expect.stringContaining('No permissions boundary is configured for env "dev"') as string,
    });
  });
});
