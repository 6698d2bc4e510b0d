import { spawn, type IPty } from '@lydell/node-pty';
import { AMPLIFY_BIN, type Sandbox } from './amplify-cli';

/** Keys as a terminal sends them. */
export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', backspace: '\x7f', ctrlC: '\x03' } as const;

/** How a terminal run ended: the exit code (null when killed by a signal) and everything it showed. */
export type TerminalEnd = { code: number | null; signal: number | undefined; screen: string };

/** One question and the keys that answer it, for a conversation written as a list. */
export type Exchange = [question: string | RegExp, keys: string];

/** A real `amplify` in a pseudo-terminal: wait for a question on screen, then type the answer. */
export type TerminalRun = {
  /** Everything shown so far, ANSI codes stripped. */
  screen: () => string;
  /** What was shown since the last question waited for. */
  sinceLastQuestion: () => string;
  /** Resolves once the screen shows `text` after the last question waited for; fails with the screen at the time limit. */
  waitFor: (text: string | RegExp) => Promise<void>;
  /** Waits for the question, then sends the keys. */
  answer: (question: string | RegExp, keys: string) => Promise<void>;
  /** Answers each question in turn. */
  converse: (exchanges: Exchange[]) => Promise<void>;
  /** Sends keys now: for a question already waited for. */
  send: (keys: string) => void;
  /**
   * Presses Ctrl-C and waits for the end. Should the CLI then ask whether to send an error report (what it
   * does when a plugin fails unexpectedly), that is answered "no" so the run still ends and can be examined.
   */
  interrupt: () => Promise<TerminalEnd>;
  /** Resolves when the process ends; fails with the screen at the time limit. */
  end: () => Promise<TerminalEnd>;
};

// Enough of ECMA-48 for what a prompt library draws: CSI sequences, OSC strings, and two-byte escapes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\r/g;

/** The text a terminal shows, without colours and cursor movements. */
export const stripAnsi = (raw: string): string => raw.replace(ANSI, '');

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A question as the CLI's prompts draw it while waiting for an answer: `? <message>` then `…` for a pick list,
 * `‣` for typed input and yes/no. Waiting for this, not just the words, keeps keys from reaching the previous
 * question, whose redraws can repeat the words.
 */
export const question = (message: string): RegExp => new RegExp(`\\? ${escape(message)}[^\\n]*?[…‣]`);

/** What the CLI asks after a plugin failed unexpectedly. */
export const ERROR_REPORT_QUESTION = 'opt in to send an error report';

/**
 * A question cancelled with Ctrl-C ends the run as a person asked: not successful, and not reported as a
 * failure of the plugin followed by another question.
 */
export const expectCancelled = (end: TerminalEnd): void => {
  expect(end.code).not.toBe(0);
  expect(end.screen).not.toContain('failed unexpectedly');
  expect(end.screen).not.toContain(ERROR_REPORT_QUESTION);
};

/** The sandbox's environment as a person's shell would have it: `CI` unset, because with `CI` nothing may ask. */
export const terminalEnv = (sandbox: Sandbox, extra: NodeJS.ProcessEnv = {}): Record<string, string> => {
  const env: Record<string, string> = { TERM: 'xterm-256color' };
  for (const [key, value] of Object.entries({ ...sandbox.env, ...extra }))
    if (value !== undefined && key !== 'CI') env[key] = value;
  return env;
};

/**
 * Starts `amplify <args>` in a pseudo-terminal of 120×40. The whole run has `timeoutMs`; past it the process is
 * killed and every waiting call fails with the screen so far, so a question nobody answers cannot hang the suite.
 */
export const runAtTerminal = (
  sandbox: Sandbox,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): TerminalRun => {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const child: IPty = spawn(AMPLIFY_BIN, args, {
    name: 'xterm-256color',
    cwd: options.cwd,
    env: terminalEnv(sandbox, options.env),
    cols: 120,
    rows: 40,
  });
  let raw = '';
  let mark = 0;
  let ended: TerminalEnd | undefined;
  let failure: Error | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => listeners.forEach((listener) => listener());
  const screen = (): string => stripAnsi(raw);
  const describe = (): string => `amplify ${args.join(' ')}`;

  const timer = setTimeout(() => {
    failure = new Error(`${describe()} did not finish within ${timeoutMs} ms. Screen so far:\n${screen()}`);
    child.kill('SIGKILL');
    notify();
  }, timeoutMs);
  child.onData((data) => {
    raw += data;
    notify();
  });
  child.onExit(({ exitCode, signal }) => {
    clearTimeout(timer);
    // The last bytes can arrive just after the exit event; a tick lets onData deliver them first.
    setImmediate(() => {
      ended = { code: signal ? null : exitCode, signal: signal || undefined, screen: screen() };
      notify();
    });
  });

  const until = <T>(check: () => T | undefined): Promise<T> =>
    new Promise((resolve, reject) => {
      const listener = (): void => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          listeners.delete(listener);
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (value !== undefined) {
          listeners.delete(listener);
          resolve(value);
        } else if (failure) {
          listeners.delete(listener);
          reject(failure);
        }
      };
      listeners.add(listener);
      listener();
    });

  const find = (text: string | RegExp): number | undefined => {
    const rest = screen().slice(mark);
    if (typeof text === 'string') {
      const at = rest.indexOf(text);
      return at < 0 ? undefined : mark + at + text.length;
    }
    const match = new RegExp(text.source, text.flags.replace('g', '')).exec(rest);
    return match ? mark + match.index + match[0].length : undefined;
  };

  const waitFor = async (text: string | RegExp): Promise<void> => {
    mark = await until(() => {
      const at = find(text);
      if (at !== undefined) return at;
      if (ended)
        throw new Error(
          `${describe()} ended (exit code ${String(ended.code)}) without showing ${String(text)}. Screen:\n${ended.screen}`,
        );
      return undefined;
    });
  };
  const answer = async (question: string | RegExp, keys: string): Promise<void> => {
    await waitFor(question);
    child.write(keys);
  };

  return {
    screen,
    sinceLastQuestion: () => screen().slice(mark),
    waitFor,
    answer,
    converse: async (exchanges) => {
      for (const [question, keys] of exchanges) await answer(question, keys);
    },
    send: (keys) => child.write(keys),
    end: () => until(() => ended),
    interrupt: async () => {
      child.write(KEY.ctrlC);
      const reportAsked = await until(() => (ended ? false : find(ERROR_REPORT_QUESTION) !== undefined || undefined));
      if (reportAsked) child.write(`n${KEY.enter}`);
      return until(() => ended);
    },
  };
};
