import { GuardError } from '../../../src/errors';
import { readFlags, type RawOptions } from '../../../src/host/flags';
import type { CommandOf } from '../../../src/host/runtime';
import { COMMAND_USAGE, HOST_FLAGS } from '../../../src/usage';

const set = (options: RawOptions) => readFlags(options, 'amplify boundary set', COMMAND_USAGE.boundary.set);
const show = (options: RawOptions) => readFlags(options, 'amplify boundary show', COMMAND_USAGE.boundary.show);

const refusal = (read: () => unknown): GuardError => {
  try {
    read();
  } catch (error) {
    if (error instanceof GuardError) return error;
    throw error;
  }
  throw new Error('expected the flags to be refused');
};

describe('readFlags', () => {
  it('reads flags that take a value and switches', () => {
    const flags = set({ 'permissions-boundary': 'arn:aws:iam::aws:policy/X', 'all-envs': true, 'no-check': true });
    expect(flags.string('permissions-boundary')).toBe('arn:aws:iam::aws:policy/X');
    expect(flags.boolean('all-envs')).toBe(true);
    expect(flags.boolean('no-check')).toBe(true);
    expect(flags.string('env')).toBeUndefined();
    expect(flags.boolean('yes')).toBe(false);
  });

  it("keeps '' as a value (no boundary, on purpose)", () => {
    expect(set({ 'permissions-boundary': '' }).string('permissions-boundary')).toBe('');
  });

  it('ignores options the parser left undefined or false', () => {
    expect(() => set({ 'made-up': undefined, other: false })).not.toThrow();
  });

  it.each([
    ['permissions-boundary', "<arn>|''"],
    ['policy-name', '<name>'],
    ['policy-path', '</path/>'],
    ['env', '<env>'],
  ])('refuses a bare --%s that needs a value, naming the flag and its value', (flag, value) => {
    const error = refusal(() => set({ [flag]: true }));
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain(`--${flag} needs a value (${value})`);
    expect(error.resolution).toContain(`--${flag} ${value}`);
  });

  it('refuses a switch given a value, naming the switch and the value', () => {
    const error = refusal(() => set({ 'no-check': 'arn:aws:iam::aws:policy/X' }));
    expect(error.message).toBe('--no-check takes no value, but was given "arn:aws:iam::aws:policy/X".');
  });

  it("refuses an unknown flag, naming it and listing the command's flags", () => {
    const error = refusal(() => set({ 'permission-boundary': 'arn:aws:iam::aws:policy/X' }));
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain(
      'amplify boundary set does not take --permission-boundary "arn:aws:iam::aws:policy/X"',
    );
    for (const flag of COMMAND_USAGE.boundary.set.flags) expect(error.message).toContain(`--${flag.name}`);
    expect(error.resolution).toContain('amplify boundary set --help');
  });

  it('refuses a flag of another command', () => {
    const error = refusal(() => show({ 'all-envs': true }));
    expect(error.message).toContain('amplify boundary show does not take --all-envs (its flags: --env, --json)');
    expect(error.resolution).toBe('Remove --all-envs, or see `amplify boundary show --help`.');
  });

  it('names the flag a typo most likely meant', () => {
    expect(refusal(() => set({ 'permisions-boundary': 'x' })).resolution).toBe(
      'Did you mean --permissions-boundary? `amplify boundary set --help` lists every flag.',
    );
    expect(refusal(() => set({ evn: 'dev' })).resolution).toContain('Did you mean --env?');
    expect(refusal(() => set({ envname: 'dev' })).resolution).toContain('Did you mean --envName?');
    expect(refusal(() => show({ jsno: true })).resolution).toContain('Did you mean --json?');
  });

  it('names a one-letter flag with a single dash', () => {
    expect(refusal(() => show({ x: true })).message).toContain('does not take -x');
  });

  it('reads --envName as --env', () => {
    expect(show({ envName: 'prod' }).string('env')).toBe('prod');
  });

  it('accepts --env and --envName with the same value, and refuses two different ones', () => {
    expect(show({ env: 'prod', envName: 'prod' }).string('env')).toBe('prod');
    expect(refusal(() => show({ env: 'prod', envName: 'dev' })).message).toContain(
      '--env was given twice, as "prod" and "dev"',
    );
  });

  it.each(HOST_FLAGS.map((flag) => [flag]))('accepts the host flag %s on a command that does not list it', (flag) => {
    expect(() => show({ [flag]: true })).not.toThrow();
  });

  it('reads -y as --yes where the command lists it', () => {
    expect(set({ y: true }).boolean('yes')).toBe(true);
  });

  it('splits a comma-separated list, dropping blanks and spaces', () => {
    const flags = readFlags(
      { 'policy-arns': 'arn:a, arn:b,,arn:c ' },
      'amplify compute-role attach',
      COMMAND_USAGE['compute-role'].attach,
    );
    expect(flags.list('policy-arns')).toEqual(['arn:a', 'arn:b', 'arn:c']);
    expect(flags.list('role-arn')).toBeUndefined();
  });
});

// These are checked by the compiler (tsc and ts-jest): an `@ts-expect-error` that no longer finds an error is one.
describe('flag names are typed by the usage table', () => {
  it('does not compile a misspelt flag name, nor a flag of another command', () => {
    const flags = set({ 'permissions-boundary': 'arn:aws:iam::aws:policy/X' });
    // @ts-expect-error -- misspelt: `boundary set` declares --permissions-boundary
    expect(flags.string('permisions-boundary')).toBeUndefined();
    // @ts-expect-error -- --json is a flag of `boundary show`, not of `boundary set`
    expect(show({ json: true }).boolean('json') && flags.boolean('json')).toBe(false);
  });

  it('gives a handler exactly the flags of its usage row', async () => {
    const handler: CommandOf<'compute-role', 'audit'> = ({ flags }) => {
      // @ts-expect-error -- `compute-role audit` has no --env: it always works on the current env
      flags.string('env');
      return Promise.resolve(flags.boolean('fix') ? 'failed' : 'done');
    };
    const read = readFlags({ fix: true }, 'amplify compute-role audit', COMMAND_USAGE['compute-role'].audit);
    expect(await handler({ flags: read } as Parameters<typeof handler>[0])).toBe('failed');
  });
});
