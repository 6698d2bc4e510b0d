import { execFile } from 'node:child_process';
import { createServer as createHttpServer, request, type Server } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { resetMoto } from '../support/moto';

const ROOT = resolve(__dirname, '../..');
const moto = process.env.MOTO_URL as string;

type StsRun = { account?: string; error?: string; elapsedMs: number };

const callSts = async (env: Record<string, string>): Promise<StsRun> => {
  const { stdout } = await promisify(execFile)(process.execPath, [resolve(ROOT, 'test/fixtures/call-sts.js'), ROOT], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    timeout: 90_000,
  });
  return JSON.parse(stdout) as StsRun;
};

const listen = (server: Server | ReturnType<typeof createServer>): Promise<number> =>
  new Promise((done) => {
    server.listen(0, '127.0.0.1', () => done((server.address() as { port: number }).port));
  });

beforeEach(() => resetMoto(moto));

describe('an endpoint that accepts connections and never answers', () => {
  const sockets: Socket[] = [];
  const hung = createServer((socket) => sockets.push(socket));
  afterAll(() => {
    for (const socket of sockets) socket.destroy();
    hung.close();
  });

  it('fails the call within the operation limit, naming the endpoint and the action', async () => {
    const port = await listen(hung);
    const run = await callSts({ AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` });
    expect(run.account).toBeUndefined();
    expect(run.error).toContain(`http://127.0.0.1:${port}`);
    expect(run.error).toContain('sts:GetCallerIdentity');
    // 45 s across retries, plus the process's own start: never the minutes an unbounded retry would take.
    expect(run.elapsedMs).toBeLessThan(60_000);
    expect(sockets.length).toBeGreaterThan(0);
  }, 90_000);
});

describe('HTTP_PROXY', () => {
  let forwarded: string[] = [];
  // A forward proxy: the client sends absolute URLs; the proxy fetches them and relays the answer.
  const proxy = createHttpServer((incoming, outgoing) => {
    forwarded.push(`${incoming.method ?? ''} ${incoming.url ?? ''}`);
    const upstream = request(incoming.url ?? '', { method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  let port: number;
  beforeAll(async () => {
    port = await listen(proxy);
  });
  afterAll(() => {
    proxy.closeAllConnections();
    proxy.close();
  });
  beforeEach(() => {
    forwarded = [];
  });

  it('sends the plugin’s AWS calls through the proxy the environment names', async () => {
    const run = await callSts({ AWS_ENDPOINT_URL: moto, HTTP_PROXY: `http://127.0.0.1:${port}` });
    expect(run.error).toBeUndefined();
    expect(run.account).toBe('123456789012');
    expect(forwarded.some((line) => line.startsWith(`POST ${moto}`))).toBe(true);
  });

  it('goes straight to an endpoint NO_PROXY names', async () => {
    const run = await callSts({
      AWS_ENDPOINT_URL: moto,
      HTTP_PROXY: `http://127.0.0.1:${port}`,
      NO_PROXY: '127.0.0.1',
    });
    expect(run.account).toBe('123456789012');
    expect(forwarded).toEqual([]);
  });
});
