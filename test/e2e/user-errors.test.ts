import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AmplifyFake } from '../fakes/amplify-fake';
import { PLUGIN_ROOT, type Sandbox } from './support/amplify-cli';
import { DEV_BOUNDARY, pushableBoundedProject } from './support/bounded-project';
import { ERROR_REPORT_QUESTION, runAtTerminal } from './support/terminal';

const motoUrl = process.env.MOTO_URL as string;
const FOREIGN = 'arn:aws:iam::999999999999:policy/AmplifyBoundary';

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;

const tpiPath = (): string => join(project, 'amplify/team-provider-info.json');

beforeAll(async () => {
  ({ fake, sandbox, project } = await pushableBoundedProject(motoUrl));
});

afterAll(() => fake.stop());

/** A mistake, the command that makes it, and what the person must be told. */
type Mistake = { args: string[]; message: string; resolution: string; before?: () => Promise<() => Promise<void>> };

// A checkout whose team-provider-info names a boundary in another account: PrePush stops the push on purpose.
const foreignBoundaryInCheckout = async (): Promise<() => Promise<void>> => {
  const original = await readFile(tpiPath(), 'utf8');
  await writeFile(tpiPath(), original.replace(DEV_BOUNDARY, FOREIGN));
  return () => writeFile(tpiPath(), original);
};

const MISTAKES: Record<string, Mistake> = {
  'a typo in a flag': {
    args: ['boundary', 'set', '--permisions-boundary', DEV_BOUNDARY],
    message: 'amplify boundary set does not take --permisions-boundary',
    resolution: 'Resolution: Did you mean --permissions-boundary? `amplify boundary set --help` lists every flag.',
  },
  'help for a command under the wrong plugin name': {
    args: ['boundary', 'attach', '--help'],
    message: '`amplify boundary attach` is not a command: "attach" is a compute-role command.',
    resolution: 'Resolution: Run `amplify compute-role attach --help`.',
  },
  'a refused ARN': {
    args: ['boundary', 'set', '--permissions-boundary', FOREIGN, '--yes'],
    message: `${FOREIGN} belongs to account 999999999999`,
    resolution: `Resolution: amplify boundary set --env dev --permissions-boundary ${DEV_BOUNDARY}`,
  },
  'a push stopped by PrePush': {
    args: ['push', '--yes'],
    message: 'The push was stopped before deploying anything',
    resolution: `Resolution: amplify boundary set --env dev --permissions-boundary ${DEV_BOUNDARY}`,
    before: foreignBoundaryInCheckout,
  },
};

/** What a user error must look like: the CLI's layout with the fix, an exit code, and nothing of a crash. */
const expectUserError = (end: { code: number | null; output: string }, mistake: Mistake): void => {
  expect(end.output).toContain(mistake.message);
  expect(end.output).toContain(mistake.resolution);
  expect(end.output).toContain(`Learn more at: ${join(PLUGIN_ROOT, 'README.md')}`);
  expect(end.code).toBe(1);
  expect(end.output).not.toContain(ERROR_REPORT_QUESTION);
  expect(end.output).not.toContain('Failed to report error');
  expect(end.output).not.toContain('Session Identifier');
  expect(end.output).not.toContain('failed unexpectedly');
};

describe.each(Object.entries(MISTAKES))('%s', (_name, mistake) => {
  let restore: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    restore = await mistake.before?.();
  });
  afterEach(async () => {
    await restore?.();
  });

  it('at a terminal: shows the message and the fix, exits 1, and asks nothing about an error report', async () => {
    const end = await runAtTerminal(sandbox, mistake.args, { cwd: project, timeoutMs: 90_000 }).end();
    expectUserError({ code: end.code, output: end.screen }, mistake);
  });

  it('without a terminal (CI=true, stdin closed): the same, and no "Failed to report error"', async () => {
    const end = await sandbox.amplify(mistake.args, { cwd: project, env: { CI: 'true' } });
    expectUserError(end, mistake);
  });
});
