import { GuardError } from '../../../src/errors';
import type { HostContext } from '../../../src/host/context';
import { readInvocation, type Terminal } from '../../../src/host/invocation';

const context = (options: Record<string, string | boolean> = {}, plugin = 'boundary'): HostContext => ({
  input: { plugin, command: 'set', subCommands: ['x'], options },
});
const terminal = (stdinIsTTY: boolean, env: Record<string, string> = {}): Terminal => ({
  stdinIsTTY,
  stdoutIsTTY: false,
  env,
  cwd: '/project',
});

describe('readInvocation', () => {
  it('is interactive at a terminal outside CI', () => {
    expect(readInvocation(context(), terminal(true))).toEqual({
      plugin: 'boundary',
      command: 'set',
      subCommands: ['x'],
      yes: false,
      interactive: true,
      cwd: '/project',
      env: {},
    });
  });

  it.each([
    ['--yes', context({ yes: true }), terminal(true)],
    ['-y', context({ y: true }), terminal(true)],
    ['no terminal on stdin', context(), terminal(false)],
    ['CI=true', context(), terminal(true, { CI: 'true' })],
    ['CI=1', context(), terminal(true, { CI: '1' })],
  ])('is not interactive with %s', (_what, ctx, term) => {
    expect(readInvocation(ctx, term).interactive).toBe(false);
  });

  it.each([['false'], ['0'], ['']])('stays interactive with CI=%p', (ci) => {
    expect(readInvocation(context(), terminal(true, { CI: ci })).interactive).toBe(true);
  });

  it('says yes under --yes', () => {
    expect(readInvocation(context({ yes: true }), terminal(false)).yes).toBe(true);
  });

  it('reads the compute-role name', () => {
    expect(readInvocation(context({}, 'compute-role'), terminal(false)).plugin).toBe('compute-role');
  });

  it('runs help when the CLI gives no command', () => {
    expect(readInvocation({ input: { plugin: 'boundary' } }, terminal(false))).toMatchObject({
      command: 'help',
      subCommands: [],
    });
  });

  it('refuses a plugin name it does not answer to', () => {
    expect(() => readInvocation(context({}, 'iam'), terminal(false))).toThrow(GuardError);
    expect(() => readInvocation(context({}, 'iam'), terminal(false))).toThrow(
      /"boundary" and "compute-role", not "iam"/,
    );
  });
});
