import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GuardError } from '../errors';
import { isObject } from '../util/is-object';
import { jsonErrorOffset } from './json-error-offset';
import { LOCK_TIMINGS, sleep, withProjectLock, type LockHolder } from './project-lock';

/** A JSON object as read from a project file; unknown keys are kept as they are. */
export type JsonObject = { [key: string]: unknown };

/** A project file read from disk: its text (to keep its layout on write) and its parsed object. */
export type JsonDocument = { file: string; text: string; value: JsonObject };

/** Line and column (1-based) of a character offset, for error messages people can jump to. */
export const lineAndColumn = (text: string, offset: number): { line: number; column: number } => {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
};

/** Parses a project file's text; a syntax error names the file, line and column and how to fix it. */
export const parseJsonObject = (file: string, text: string): JsonObject => {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const offset = jsonErrorOffset(text.replace(/^\uFEFF/, ''));
    const { line, column } = lineAndColumn(text, offset < 0 ? text.length : offset);
    throw new GuardError(
      'ConfigurationError',
      {
        message: `${file} is not valid JSON at line ${line}, column ${column}: ${reason}.`,
        resolution: `Fix the JSON at ${file}:${line}:${column} and run the command again; the file was not changed.`,
      },
      error,
    );
  }
  if (!isObject(value)) {
    throw new GuardError('ConfigurationError', {
      message: `${file} must hold a JSON object, but it holds ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}.`,
      resolution: `Make ${file} a JSON object ({ ... }); the file was not changed.`,
    });
  }
  return value;
};

/**
 * How long to retry an empty or cut-short read of a file the CLI rewrites in place after every command
 * (team-provider-info), before it counts as malformed.
 */
export const CLI_REWRITE_WAIT_MS = 2_000;

/** Whether a text is JSON cut short: empty, or wrong only at its very end. */
const looksTruncated = (text: string): boolean => {
  const body = text.replace(/^\uFEFF/, '');
  return body.trim() === '' || jsonErrorOffset(body) === body.length;
};

/**
 * Reads and parses a JSON object file; `undefined` when the file does not exist. An empty or truncated read
 * is retried for up to `waitMs` (for files another program rewrites in place).
 */
export const readJsonDocument = async (file: string, waitMs = 0): Promise<JsonDocument | undefined> => {
  const deadline = Date.now() + waitMs;
  for (;;) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (!looksTruncated(text) || Date.now() >= deadline) return { file, text, value: parseJsonObject(file, text) };
    await sleep(LOCK_TIMINGS.pollMs);
  }
};

const indentOf = (text: string | undefined): string => /^([ \t]+)"/m.exec(text ?? '')?.[1] ?? '  ';

/** Serialises an object the way the file already looks: its indentation and its final newline. */
export const formatJsonLike = (value: JsonObject, previousText?: string): string => {
  const body = JSON.stringify(value, null, indentOf(previousText));
  return previousText === undefined || previousText.endsWith('\n') ? `${body}\n` : body;
};

/** Writes a file atomically: a temporary file in the same folder, then a rename over the target. */
export const writeFileAtomic = async (file: string, text: string): Promise<void> => {
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
};

/** How a file is changed: whether it may be created, and whether the CLI rewrites it in place. */
export type ChangeOptions = { createIfMissing: boolean; rewrittenByCli?: boolean };

/**
 * Re-reads a JSON object file, applies a change to a copy and writes it back atomically, for a caller that
 * holds the project lock. Returns false (and writes nothing) when the change left the object as it was.
 */
export const changeJsonFile = async (
  file: string,
  change: (value: JsonObject) => void,
  options: ChangeOptions,
  holder: LockHolder,
): Promise<boolean> => {
  const document = await readJsonDocument(file, options.rewrittenByCli ? LOCK_TIMINGS.waitMs : 0);
  if (!document && !options.createIfMissing) {
    throw new GuardError('ConfigurationError', {
      message: `${file} does not exist.`,
      resolution: 'Run `amplify init` first.',
    });
  }
  const value = structuredClone(document?.value ?? {});
  change(value);
  const text = formatJsonLike(value, document?.text);
  if (document && text === formatJsonLike(document.value, document.text)) return false;
  holder.stillHeld();
  await writeFileAtomic(file, text);
  return true;
};

/**
 * Changes one JSON object file under the project lock, so two runs changing one project at once both land.
 * Returns false (and writes nothing) when the change left the object as it was.
 */
export const updateJsonFile = async (
  file: string,
  change: (value: JsonObject) => void,
  options: ChangeOptions & { lockFile: string },
): Promise<boolean> => withProjectLock(options.lockFile, (holder) => changeJsonFile(file, change, options, holder));
