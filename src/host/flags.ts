import { GuardError } from '../errors';
import { closest } from '../util/closest';
import { HOST_FLAGS, type CommandSpec, type FlagSpec } from '../usage';

/** Raw options as the CLI's parser leaves them: `--flag value` → string, bare `--flag` → true. */
export type RawOptions = Readonly<Record<string, string | boolean | undefined>>;

/**
 * The flags of one invocation, checked against the command's spec. `N` is the names the command's usage row
 * declares, so asking for a flag the command does not have (or a misspelt one) does not compile. A step shared
 * by several commands takes `Flags` of just the names it reads, which every command declaring them can pass.
 */
export type Flags<N extends string> = {
  /** A flag that takes a value; bare `--flag` is an error naming it. */
  string: (name: N) => string | undefined;
  /** A switch; `--flag value` is an error naming it. */
  boolean: (name: N) => boolean;
  /** A comma-separated list. */
  list: (name: N) => string[] | undefined;
};

/** The flag names a command's usage row declares. */
export type FlagNames<S extends CommandSpec> = S['flags'][number]['name'];

const displayName = (key: string): string => (key.length === 1 ? `-${key}` : `--${key}`);

const specFor = (flags: readonly FlagSpec[], key: string): FlagSpec | undefined =>
  flags.find((flag) => flag.name === key || flag.aliases?.includes(key));

/** Checks options against a command's flags and returns typed accessors; every problem names the flag and the fix. */
export const readFlags = <S extends CommandSpec>(
  options: RawOptions,
  command: string,
  spec: S,
): Flags<FlagNames<S>> => {
  const values = new Map<string, string | true>();
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined || value === false) continue;
    const flag = specFor(spec.flags, key);
    if (!flag) {
      if (HOST_FLAGS.includes(key)) continue;
      const known = spec.flags.map((candidate) => `--${candidate.name}`).join(', ') || 'none';
      const meant = closest(
        key,
        spec.flags.flatMap((candidate) => [candidate.name, ...(candidate.aliases ?? [])]),
      );
      const help = `\`${spec.usage.split(' [')[0]} --help\``;
      throw new GuardError('InputValidationError', {
        message: `${command} does not take ${displayName(key)}${typeof value === 'string' ? ` ${JSON.stringify(value)}` : ''} (its flags: ${known}).`,
        resolution: meant
          ? `Did you mean ${displayName(meant)}? ${help} lists every flag.`
          : `Remove ${displayName(key)}, or see ${help}.`,
      });
    }
    const previous = values.get(flag.name);
    if (previous !== undefined && previous !== value) {
      throw new GuardError('InputValidationError', {
        message: `--${flag.name} was given twice, as ${JSON.stringify(previous)} and ${JSON.stringify(value)}.`,
        resolution: `Give --${flag.name} once.`,
      });
    }
    if (flag.value && value === true) {
      throw new GuardError('InputValidationError', {
        message: `--${flag.name} needs a value (${flag.value}) but got none.`,
        resolution: `Run it as \`--${flag.name} ${flag.value}\`; a value starting with "-" is read as the next flag.`,
      });
    }
    if (!flag.value && value !== true) {
      throw new GuardError('InputValidationError', {
        message: `--${flag.name} takes no value, but was given ${JSON.stringify(value)}.`,
        resolution: `Write --${flag.name} alone; ${JSON.stringify(value)} may belong to another flag.`,
      });
    }
    values.set(flag.name, value);
  }
  return {
    string: (name) => {
      const value = values.get(name);
      return typeof value === 'string' ? value : undefined;
    },
    boolean: (name) => values.get(name) === true,
    list: (name) => {
      const value = values.get(name);
      if (typeof value !== 'string') return undefined;
      return value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    },
  };
};
