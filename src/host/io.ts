import { GuardFault } from '../errors';
import type * as Prompts from '@aws-amplify/amplify-prompts';
import type { HostContext } from './context';
import { loadHostModule } from './host-module';
import type { Redactor } from './redact';

/** Human output; amplify-prompts' printer in the CLI, a recorder in tests. */
export type Printer = {
  info: (line: string) => void;
  success: (line: string) => void;
  warn: (line: string) => void;
  error: (line: string) => void;
  blankLine: () => void;
};

/** A choice in a picker. */
export type Choice<T> = { name: string; value: T; hint?: string };

/** Questions; every one carries a default so that nothing can hang. */
export type Prompter = {
  pick: <T>(message: string, choices: Array<Choice<T>>, initial?: number) => Promise<T>;
  input: (
    message: string,
    options: { initial?: string; validate?: (value: string) => true | string },
  ) => Promise<string>;
  confirm: (message: string, initial: boolean) => Promise<boolean>;
};

/** A long step shown as it runs: the CLI's spinner at a terminal, nothing otherwise. */
export type Progress = {
  start: (text: string) => void;
  update: (text: string) => void;
  stop: () => void;
};

/** Progress that shows nothing: for `--json`, runs without a terminal, and tests. */
export const silentProgress: Progress = { start: () => {}, update: () => {}, stop: () => {} };

/**
 * Everything a command may write or ask. `out`/`err` are raw stdout/stderr for machine output. Every line
 * written through it passes the run's redactor; `secrets.add` tells it a value it must never show.
 */
export type Io = {
  print: Printer;
  prompt: Prompter;
  out: (text: string) => void;
  err: (text: string) => void;
  secrets: Pick<Redactor, 'add'>;
  progress: Progress;
};

/** The exit code of a run stopped with Ctrl-C, as a shell gives a process ended by SIGINT. */
export const CANCELLED_EXIT_CODE = 130;

/** The person answered a question with Ctrl-C (or Escape): the run ends, having changed nothing. */
export class PromptCancelled extends Error {
  constructor() {
    super('Cancelled at a question; nothing was changed.');
    this.name = 'PromptCancelled';
  }
}

// The prompt library rejects a cancelled question with an empty value instead of an Error.
const asked = <T>(answer: Promise<T>): Promise<T> =>
  answer.catch((reason: unknown) => {
    throw reason instanceof Error ? reason : new PromptCancelled();
  });

/** A prompter for non-interactive runs: asking anything is a bug, since every question is decided before. */
export const refusingPrompter: Prompter = {
  pick: (message) =>
    Promise.reject(new GuardFault('UnknownFault', { message: `Tried to ask "${message}" in a non-interactive run.` })),
  input: (message) =>
    Promise.reject(new GuardFault('UnknownFault', { message: `Tried to ask "${message}" in a non-interactive run.` })),
  confirm: (message) =>
    Promise.reject(new GuardFault('UnknownFault', { message: `Tried to ask "${message}" in a non-interactive run.` })),
};

/** How the host wants output for one run. */
export type IoSettings = {
  interactive: boolean;
  /** A spinner may draw: stdout is a terminal and the run prints for people, not `--json`. */
  showProgress: boolean;
  redactor: Redactor;
};

/** The CLI's own printer, prompter and spinner (its amplify-prompts), for a run inside the CLI. */
export const amplifyPromptsIo = (
  { interactive, showProgress, redactor }: IoSettings,
  context?: HostContext,
): Promise<Io> => {
  const { printer, prompter, AmplifySpinner } = loadHostModule<typeof Prompts>('@aws-amplify/amplify-prompts', context);
  const clean = redactor.text;
  const prompt: Prompter = {
    pick: <T>(message: string, choices: Array<Choice<T>>, initial?: number) =>
      asked(prompter.pick<'one', T>(message, choices as never, initial === undefined ? undefined : { initial })),
    input: (message, options) =>
      asked(
        prompter.input(message, {
          initial: options.initial,
          validate: options.validate ? (value: string) => options.validate!(value) : undefined,
        }),
      ),
    confirm: (message, initial) => asked(prompter.yesOrNo(message, initial)),
  };
  return Promise.resolve({
    print: {
      info: (line) => printer.info(clean(line)),
      success: (line) => printer.success(clean(line)),
      warn: (line) => printer.warn(clean(line)),
      error: (line) => printer.error(clean(line)),
      blankLine: () => printer.blankLine(),
    },
    prompt: interactive ? prompt : refusingPrompter,
    out: (text) => process.stdout.write(clean(text)),
    err: (text) => process.stderr.write(clean(text)),
    secrets: redactor,
    progress: showProgress ? spinnerProgress(new AmplifySpinner(), clean) : silentProgress,
  });
};

const spinnerProgress = (
  spinner: { start(text: string): void; resetMessage(text: string): void; stop(): void },
  clean: (text: string) => string,
): Progress => {
  let running = false;
  return {
    start: (text) => {
      if (running) spinner.resetMessage(clean(text));
      else spinner.start(clean(text));
      running = true;
    },
    update: (text) => {
      if (running) spinner.resetMessage(clean(text));
    },
    stop: () => {
      if (running) spinner.stop();
      running = false;
    },
  };
};
