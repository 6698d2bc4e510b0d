import { spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hookScript, HOOK_MARKER } from '../../../src/boundary/publish-hooks';
import { runPluginCommand } from '../helpers/command-harness';
import { keepingExitCode } from '../helpers/event-harness';
import { makeTempProject, type TempProject } from '../helpers/temp-project';

let project: TempProject;
afterEach(() => project.remove());

const hooks = (options: Record<string, boolean> = {}) =>
  runPluginCommand({ command: 'hooks', options, cwd: project.root });
const hookText = (name: string) => readFile(join(project.root, 'amplify/hooks', name), 'utf8');

describe('amplify boundary hooks', () => {
  beforeEach(async () => {
    project = await makeTempProject({});
  });

  it('writes pre-publish.js and post-publish.js, each starting with the marker line', async () => {
    const { io, error } = await hooks();
    expect(error).toBeUndefined();
    expect(await hookText('pre-publish.js')).toBe(hookScript('pre-publish'));
    expect((await hookText('post-publish.js')).split('\n')[0]).toBe(HOOK_MARKER);
    expect(io.printed()).toContain('Wrote amplify/hooks/pre-publish.js.');
    expect(io.printed()).toContain('Wrote amplify/hooks/post-publish.js.');
  });

  it('changes nothing when run again', async () => {
    await hooks();
    const { io } = await hooks();
    expect(io.printed()).toContain('amplify/hooks/pre-publish.js is already in place.');
    expect(io.printed()).not.toContain('Wrote');
  });

  it('never overwrites or removes a hook the user wrote, and says how to add the check to it', async () => {
    await project.write('amplify/hooks/pre-publish.js', "console.log('mine');\n");
    let printed = '';
    const exitCode = await keepingExitCode(async () => {
      printed = (await hooks()).io.printed();
      printed += (await hooks({ remove: true })).io.printed();
    });
    expect(exitCode).toBe(1);
    expect(await hookText('pre-publish.js')).toBe("console.log('mine');\n");
    expect(printed).toContain('add a call of `amplify boundary check --env <env>` to it');
    expect(printed).toContain('amplify/hooks/pre-publish.js is not this plugin');
  });

  it('removes only its own files with --remove', async () => {
    await hooks();
    const { io } = await hooks({ remove: true });
    expect(io.printed()).toContain('Removed amplify/hooks/pre-publish.js.');
    await expect(hookText('post-publish.js')).rejects.toThrow();
  });
});

describe('the pre-publish hook script', () => {
  /** Runs the hook as the CLI does (JSON on stdin, PATH alone), with a stand-in `amplify` that exits with `code`. */
  const runHook = async (stdin: string, code: number) => {
    project = await makeTempProject({});
    const bin = join(project.root, 'bin');
    await mkdir(bin);
    const calls = join(project.root, 'calls.txt');
    await writeFile(join(bin, 'amplify'), `#!/bin/sh\necho "$@" >> ${calls}\nexit ${code}\n`);
    await chmod(join(bin, 'amplify'), 0o755);
    const hook = join(project.root, 'pre-publish.js');
    await writeFile(hook, hookScript('pre-publish'));
    const result = spawnSync(process.execPath, [hook], {
      input: stdin,
      env: { PATH: `${bin}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    return { status: result.status, stderr: result.stderr, calls: await readFile(calls, 'utf8').catch(() => '') };
  };

  it('checks the env the CLI names on stdin (its local env info) and passes when the check passes', async () => {
    const stdin = JSON.stringify({ data: { amplify: { environment: { envName: 'prod', projectPath: '/p' } } } });
    const result = await runHook(stdin, 0);
    expect(result).toMatchObject({ status: 0, calls: 'boundary check --env prod\n' });
  });

  it('stops the publish with a non-zero exit when the check fails', async () => {
    const result = await runHook(JSON.stringify({ data: { amplify: { environment: 'dev' } } }), 1);
    expect(result.status).toBe(1);
    expect(result.calls).toBe('boundary check --env dev\n');
    expect(result.stderr).toContain('the publish was stopped before deploying anything');
  });

  it('checks the current env when stdin names none', async () => {
    const result = await runHook('', 0);
    expect(result.calls).toBe('boundary check\n');
  });
});
