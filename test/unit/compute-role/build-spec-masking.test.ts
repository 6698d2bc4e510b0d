import { makeTempProject, type TempProject } from '../helpers/temp-project';
import { everythingPrinted, makeWorld, runComputeRole } from '../helpers/compute-role-harness';

let project: TempProject | undefined;
let savedExitCode: typeof process.exitCode;

beforeEach(() => {
  savedExitCode = process.exitCode;
});

afterEach(async () => {
  // A run that finds credentials ends with a non-zero exit code; it must not become the test run's.
  process.exitCode = savedExitCode;
  await project?.remove();
  project = undefined;
});

describe('amplify compute-role audit and literal credentials in a build spec', () => {
  const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
  const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const buildSpec = [
    'version: 1',
    'frontend:',
    '  phases:',
    '    build:',
    '      commands:',
    `        - echo "MY_ACCESS_KEY_ID=${KEY_ID}" >> .env.production`,
    `        - echo "MY_SECRET_ACCESS_KEY=${SECRET}" >> .env.production`,
  ].join('\n');

  it.each([[{}], [{ json: true }]])(
    'masks credentials written literally in a build spec line (options %j)',
    async (options: Record<string, boolean>) => {
      project = await makeTempProject();
      const world = makeWorld([{ branchName: 'main', environmentVariables: {}, buildSpec }]);
      const { io, error } = await runComputeRole({ command: 'audit', options, cwd: project.root, world });
      expect(error).toBeUndefined();
      const printed = everythingPrinted(io);
      expect(printed.join('\n')).toContain('.env.production');
      for (const line of printed) {
        expect(line).not.toContain(KEY_ID);
        expect(line).not.toContain(SECRET);
      }
    },
  );
});
