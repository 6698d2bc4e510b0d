import { GuardFault } from '../errors';

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

/** Everything a command may write or ask. `out`/`err` are raw stdout/stderr for machine output. */
export type Io = {
  print: Printer;
  prompt: Prompter;
  out: (text: string) => void;
  err: (text: string) => void;
};

/** A prompter for non-interactive runs: asking anything is a bug, since every question is decided before. */
export const refusingPrompter: Prompter = {
  pick: (message) =>
    Promise.reject(new GuardFault('UnknownFault', { message: `Tried to ask "${message}" in a non-interactive run.` })),
  input: (message) =>
    Promise.reject(new GuardFault('UnknownFault', { message: `Tried to ask "${message}" in a non-interactive run.` })),
  confirm: (message) =>
    Promise.reject(new GuardFault('UnknownFault', { message: `Tried to ask "${message}" in a non-interactive run.` })),
};

/** The CLI's own printer and prompter (amplify-prompts), for a run inside the CLI. */
export const amplifyPromptsIo = async (interactive: boolean): Promise<Io> => {
  const { printer, prompter } = await import('@aws-amplify/amplify-prompts');
  const prompt: Prompter = {
    pick: <T>(message: string, choices: Array<Choice<T>>, initial?: number) =>
      prompter.pick<'one', T>(message, choices as never, initial === undefined ? undefined : { initial }),
    input: (message, options) =>
      prompter.input(message, {
        initial: options.initial,
        validate: options.validate ? (value: string) => options.validate!(value) : undefined,
      }),
    confirm: (message, initial) => prompter.yesOrNo(message, initial),
  };
  return {
    print: {
      info: (line) => printer.info(line),
      success: (line) => printer.success(line),
      warn: (line) => printer.warn(line),
      error: (line) => printer.error(line),
      blankLine: () => printer.blankLine(),
    },
    prompt: interactive ? prompt : refusingPrompter,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
};
