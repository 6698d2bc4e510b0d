import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PLUGIN_ROOT, run } from './support/amplify-cli';

const SANDBOX = join(PLUGIN_ROOT, '.sandbox/build/scripts/sandbox.js');

/** Whether something accepts connections on a loopback URL's port. */
const listening = (url: string): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Resolves with everything printed once `text` has appeared; rejects when the process ends first. */
const waitFor = (child: ChildProcess, text: string, timeoutMs: number): Promise<string> =>
  new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no "${text}" within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes(text)) return;
      clearTimeout(timer);
      resolve(output);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once(
      'exit',
      (code) => (clearTimeout(timer), reject(new Error(`sandbox exited ${String(code)}:\n${output}`))),
    );
  });

describe('npm run sandbox', () => {
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // `npm run sandbox` builds the script the same way before it runs it.
    await promisify(execFile)(join(PLUGIN_ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.demo.json'], {
      cwd: PLUGIN_ROOT,
    });
  });

  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('prints shell lines that run plugin commands in its project, and removes everything it started on Ctrl-C', async () => {
    child = spawn(process.execPath, [SANDBOX], { cwd: PLUGIN_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const printed = await waitFor(child, 'Press Ctrl-C', 180_000);
    const pasted = printed.split('Paste these lines into another shell:\n\n')[1]?.split('\n\n')[0] ?? '';
    const home = /^export HOME=(\S+)$/m.exec(pasted)?.[1];
    const endpoints = [...pasted.matchAll(/^export AWS_ENDPOINT_URL(?:_AMPLIFY)?=(\S+)$/gm)].map((match) => match[1]);
    expect(home && existsSync(join(home, 'shop', 'amplify', 'team-provider-info.json'))).toBe(true);
    expect(endpoints).toHaveLength(2);

    const shown = await run('bash', ['-c', `${pasted}\namplify boundary show`], PLUGIN_ROOT, process.env, 120_000);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^dev +123456789012 +us-east-1 +arn:aws:iam::123456789012:policy\/AmplifyBoundary +team-provider-info +yes$/m,
    );
    expect(shown.stdout).toMatch(
      /^prod \* +222222222222 +us-east-1 +arn:aws:iam::222222222222:policy\/AmplifyBoundary +team-provider-info +yes$/m,
    );

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const url of endpoints) expect(await listening(url)).toBe(false);
    expect(existsSync(home!)).toBe(false);
  });
});
