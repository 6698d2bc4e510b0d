import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A moto server on loopback, started for a test run. */
export type MotoServer = { url: string; pid: number; stop(): Promise<void> };

const INSTALL_HINT =
  "moto's server is needed for the integration and e2e tiers: install it with `pip install 'moto[server]'` (python3 -m moto.server must start).";

/** A free TCP port on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const waitUntilUp = async (url: string, child: ChildProcess, output: () => string): Promise<void> => {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}: ${output()}\n${INSTALL_HINT}`);
    try {
      const response = await fetch(`${url}/moto-api/data.json`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`moto did not answer on ${url} within 30 s: ${output()}\n${INSTALL_HINT}`);
};

/** Starts moto's server on a free loopback port; fails loudly (never skips) when moto is missing. */
export const startMoto = async (env: Record<string, string> = {}): Promise<MotoServer> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.env.PYTHON ?? 'python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  child.stdout?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const spawned = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', (error) => resolve(error));
  });
  if (spawned) throw new Error(`Could not start python3: ${spawned.message}\n${INSTALL_HINT}`);
  await waitUntilUp(url, child, () => log);
  // The server is stopped explicitly; it must not keep the test runner's event loop alive meanwhile.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      // The grace timer is cleared once moto exits: left running, it kept jest alive for 3 s after every run.
      const exited = await new Promise<boolean>((resolve) => {
        const grace = setTimeout(() => resolve(false), 3000);
        child.once('exit', () => {
          clearTimeout(grace);
          resolve(true);
        });
      });
      if (!exited) child.kill('SIGKILL');
    },
  };
};

/** Forgets everything moto holds, between tests. */
export const resetMoto = async (url: string): Promise<void> => {
  const response = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`moto reset failed: ${response.status}`);
};
