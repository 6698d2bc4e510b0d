import { AmplifyException } from '@aws-amplify/amplify-cli-core';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { COMMANDS } from '../../../src/index';
import { PromptCancelled } from '../../../src/host/io';
import { runCommand } from '../../../src/host/run-command';
import { commandHelp, pluginHelp } from '../../../src/format/help';
import { COMMAND_USAGE } from '../../../src/usage';
import { exitForTests, printedError, runPluginCommand } from '../helpers/command-harness';
import { packageReadme } from '../../../src/package-readme';
import { makeTempDir, makeTempProject, type TempProject } from '../helpers/temp-project';

let project: TempProject;

beforeEach(async () => {
  project = await makeTempProject();
});

afterEach(async () => {
  process.exitCode = undefined;
  await project.remove();
});

describe('a question answered with Ctrl-C', () => {
  it('ends the command quietly with exit code 130, changing nothing and reporting no failure', async () => {
    const before = await project.bytes(project.teamProviderInfo);
    const cancelled = (): Promise<never> => Promise.reject(new PromptCancelled());
    const { io, error } = await runPluginCommand({
      command: 'set',
      cwd: project.root,
      stdinIsTTY: true,
      prompt: { pick: cancelled, input: cancelled, confirm: cancelled },
    });
    expect(error).toBeUndefined();
    expect(process.exitCode).toBe(130);
    expect(io.lines.at(-1)).toEqual({ level: 'warn', text: 'Cancelled at a question; nothing was changed.' });
    expect(await project.bytes(project.teamProviderInfo)).toEqual(before);
  });
});

describe('runCommand dispatch', () => {
  it('has a handler for every command of the usage table, and no other', () => {
    for (const plugin of ['boundary', 'compute-role'] as const) {
      expect(Object.keys(COMMANDS[plugin]).sort()).toEqual(Object.keys(COMMAND_USAGE[plugin]).sort());
    }
  });

  it('refuses a command typed under the wrong name, naming the right one', async () => {
    const { error } = await runPluginCommand({ command: 'attach', cwd: project.root });
    expect(error).toBeInstanceOf(AmplifyException);
    expect(error).toHaveProperty('classification', 'ERROR');
    expect((error as AmplifyException).name).toBe('CommandNotSupportedError');
    expect((error as AmplifyException).message).toContain('"attach" is a compute-role command');
    expect((error as AmplifyException).resolution).toBe('Run `amplify compute-role attach`.');
  });

  it('refuses a command typed under compute-role that belongs to boundary', async () => {
    const { error } = await runPluginCommand({ plugin: 'compute-role', command: 'verify', cwd: project.root });
    expect((error as AmplifyException).resolution).toBe('Run `amplify boundary verify`.');
  });

  it('refuses a command that does not exist, listing the commands', async () => {
    const { error } = await runPluginCommand({ command: 'launch', cwd: project.root });
    expect((error as AmplifyException).message).toContain(
      'commands: set, show, verify, simulate, resolve, check, hooks, help',
    );
    expect((error as AmplifyException).resolution).toContain('amplify boundary help');
  });

  it('refuses an unknown flag before running the command', async () => {
    const { error } = await runPluginCommand({ command: 'show', options: { all: true }, cwd: project.root });
    expect((error as AmplifyException).name).toBe('InputValidationError');
    expect((error as AmplifyException).message).toContain('amplify boundary show does not take --all');
  });

  it('reports a user error as the CLI prints one, with its resolution and the README shipped with the plugin', async () => {
    const { io, error } = await runPluginCommand({
      command: 'show',
      options: { 'permisions-boundary': 'x' },
      cwd: project.root,
    });
    expect(error).toBeInstanceOf(AmplifyException);
    expect(error).toHaveProperty('classification', 'ERROR');
    expect(process.exitCode).toBe(1);
    expect(io.lines).toEqual([
      {
        level: 'error',
        text: 'amplify boundary show does not take --permisions-boundary "x" (its flags: --env, --json).',
      },
      { level: 'info', text: '' },
      { level: 'info', text: 'Resolution: Remove --permisions-boundary, or see `amplify boundary show --help`.' },
      { level: 'info', text: `Learn more at: ${join(__dirname, '../../../README.md')}` },
    ]);
    expect(printedError(io.lines)?.link).toBe(packageReadme());
  });

  it('keeps a machine-output run to stderr: the error and its resolution, nothing printed for people', async () => {
    const { io } = await runPluginCommand({ command: 'show', options: { json: true, env: 'nope' }, cwd: project.root });
    expect(process.exitCode).toBe(1);
    expect(io.lines).toEqual([]);
    expect(io.stdout).toEqual([]);
    expect(io.stderr.join('')).toMatch(/^EnvironmentNameError: .*nope.*\nResolution: .+\n$/s);
  });

  it('says to run amplify init outside a project', async () => {
    const dir = await makeTempDir();
    try {
      const { error } = await runPluginCommand({ command: 'show', cwd: dir });
      expect((error as AmplifyException).name).toBe('ProjectNotInitializedError');
      expect((error as AmplifyException).resolution).toContain('amplify init');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('turns an unexpected failure into an AmplifyException keeping the cause', async () => {
    const boom = new Error('disk on fire');
    const error = await runCommand({ input: { plugin: 'boundary', command: 'show', options: {} } }, COMMANDS, {
      terminal: { stdinIsTTY: false, stdoutIsTTY: false, env: {}, cwd: project.root },
      io: () => Promise.reject(boom),
      envSession: () => Promise.reject(boom),
      accessSession: () => Promise.reject(boom),
      exit: exitForTests,
    }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AmplifyException);
    expect(error).toHaveProperty('classification', 'FAULT');
    expect((error as AmplifyException).name).toBe('UnknownFault');
    expect((error as AmplifyException).message).toContain('disk on fire');
    expect((error as AmplifyException).downstreamException).toBe(boom);
  });
});

describe('help', () => {
  it('prints the plugin help for `amplify boundary help`', async () => {
    const { io, error } = await runPluginCommand({ command: 'help', cwd: project.root });
    expect(error).toBeUndefined();
    expect(io.lines.map((line) => line.text)).toEqual(pluginHelp('boundary', packageReadme()));
  });

  it('prints the command help for `amplify boundary set --help`', async () => {
    const { io } = await runPluginCommand({
      command: 'help',
      subCommands: ['boundary', 'set'],
      options: { help: true },
      cwd: project.root,
    });
    expect(io.lines.map((line) => line.text)).toEqual(commandHelp(COMMAND_USAGE.boundary.set, packageReadme()));
  });

  it('answers `amplify boundary attach --help` as `amplify boundary attach`: an error naming compute-role', async () => {
    const { io, error } = await runPluginCommand({
      command: 'help',
      subCommands: ['boundary', 'attach'],
      options: { help: true },
      cwd: project.root,
    });
    expect((error as AmplifyException).name).toBe('CommandNotSupportedError');
    expect(printedError(io.lines)).toMatchObject({
      message: '`amplify boundary attach` is not a command: "attach" is a compute-role command.',
      resolution: 'Run `amplify compute-role attach --help`.',
    });
    expect(process.exitCode).toBe(1);
  });

  it('answers --help on a command that does not exist as the command itself: an error listing the commands', async () => {
    const { io } = await runPluginCommand({
      command: 'help',
      subCommands: ['boundary', 'launch'],
      options: { help: true },
      cwd: project.root,
    });
    expect(printedError(io.lines)).toMatchObject({
      message:
        '`amplify boundary launch` is not a command (commands: set, show, verify, simulate, resolve, check, hooks, help).',
      resolution: 'Run `amplify boundary help`.',
    });
  });

  it('prints the compute-role help under the compute-role name', async () => {
    const { io } = await runPluginCommand({ plugin: 'compute-role', command: 'help', cwd: project.root });
    expect(io.lines.map((line) => line.text)).toEqual(pluginHelp('compute-role', packageReadme()));
  });
});
