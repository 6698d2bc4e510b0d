/** Regressions: behaviour an earlier version got wrong, pinned by tests. */
import {
  devProvider,
  keepingExitCode,
  makeProject,
  raiseEvent,
  type EventRun,
  type TempProject,
} from './support/event-harness';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';

let project: TempProject;
afterEach(() => project.remove());

describe('regressions', () => {
  it('PostEnvAdd after `amplify env add --permissions-boundary \'\'` records "" and reports no error', async () => {
    project = await makeProject({
      dev: { awscloudformation: devProvider({ PermissionsBoundaryPolicyArn: BOUNDARY }) },
      // What the CLI leaves after `env add --permissions-boundary ''`: the env, without the boundary key.
      sandbox: {
        awscloudformation: {
          Region: 'us-east-1',
          StackName: 'amplify-x-sandbox',
          StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/amplify-x-sandbox/ghi',
        },
      },
    });
    let run: EventRun | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raiseEvent(
        { cwd: project.root },
        'PostEnvAdd',
        { command: 'env', options: { envName: 'sandbox', 'permissions-boundary': '', yes: true } },
        { prevEnvName: 'dev', newEnvName: 'sandbox' },
      );
    });
    const tpi = (await project.readJson('amplify/team-provider-info.json')) as {
      sandbox: { awscloudformation: Record<string, unknown> };
    };
    expect(run?.lines.filter((line) => line.level === 'error')).toEqual([]);
    expect(exitCode).toBeUndefined();
    expect(tpi.sandbox.awscloudformation.PermissionsBoundaryPolicyArn).toBe('');
  });
});
