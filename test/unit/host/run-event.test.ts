import { AmplifyException } from '@aws-amplify/amplify-cli-core';
import { GuardError } from '../../../src/errors';
import { PromptCancelled } from '../../../src/host/io';
import { EVENTS } from '../../../src/index';
import type { EventHandler, EventName, EventTable } from '../../../src/host/run-event';
import { packageReadme } from '../../../src/package-readme';
import { ProcessExit } from '../helpers/command-harness';
import { keepingExitCode, makeProject, raiseEvent, type TempProject } from '../helpers/event-harness';

let project: TempProject;

beforeEach(async () => {
  project = await makeProject();
});

afterEach(() => project.remove());

const refusal = new GuardError('InputValidationError', {
  message: 'The push was stopped: the boundary belongs to another account.',
  resolution: 'amplify boundary set --env dev --permissions-boundary <arn>',
});

/** The real event table, with one event's handler replaced. */
const tableWith = (event: EventName, handler: EventHandler): EventTable => ({
  ...EVENTS,
  [event]: () => Promise.resolve(handler),
});

const raise = (event: EventName, handler: EventHandler) =>
  raiseEvent({ cwd: project.root }, event, { command: 'push', options: {} }, {}, tableWith(event, handler));

describe('a pre-event that must stop its command', () => {
  it('prints the error as the CLI would, with its fix, and ends the run with exit code 1 instead of throwing', async () => {
    const run = await raise('PrePush', () => Promise.reject(refusal));
    expect(run.error).toBeInstanceOf(ProcessExit);
    expect(run.stopped?.exitCode).toBe(1);
    expect(run.lines).toEqual([
      { level: 'error', text: refusal.message },
      { level: 'info', text: '' },
      { level: 'info', text: `Resolution: ${refusal.resolution}` },
      { level: 'info', text: `Learn more at: ${packageReadme()}` },
    ]);
  });

  it('ends the run with exit code 130 when the person pressed Ctrl-C at a question', async () => {
    const run = await raise('PreInit', () => Promise.reject(new PromptCancelled()));
    expect(run.stopped?.exitCode).toBe(130);
    expect(run.lines).toEqual([{ level: 'warn', text: 'Cancelled at a question; nothing was changed.' }]);
  });

  it('leaves a bug to the CLI: an AmplifyFault keeping the cause, and no exit', async () => {
    const bug = new TypeError('cannot read properties of undefined');
    const run = await raise('PrePush', () => Promise.reject(bug));
    expect(run.stopped).toBeUndefined();
    expect(run.error).toBeInstanceOf(AmplifyException);
    expect(run.error).toMatchObject({ classification: 'FAULT', downstreamException: bug });
  });
});

describe('a post-event that fails', () => {
  it('prints the error and sets exit code 1, neither throwing nor ending the run', async () => {
    let run: Awaited<ReturnType<typeof raise>> | undefined;
    const exitCode = await keepingExitCode(async () => {
      run = await raise('PostPush', () => Promise.reject(refusal));
    });
    expect(exitCode).toBe(1);
    expect(run?.error).toBeUndefined();
    expect(run?.printed()).toContain(`amplify-iam-guard (PostPush): InputValidationError: ${refusal.message}`);
  });
});
