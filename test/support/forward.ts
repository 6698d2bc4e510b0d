import { request, type Agent, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

/** A whole HTTP answer, read before it is passed on. */
export type Answer = { status: number; headers: IncomingHttpHeaders; body: Buffer };

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** Reads a request's whole body. */
export const readBody = (incoming: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });

/** Sends one request, unchanged, to the server at `upstream` and reads its whole answer. */
export const forward = (
  upstream: URL,
  agent: Agent,
  sent: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: sent.method,
        path: sent.url,
        headers: sent.headers,
        agent,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(sent.body);
  });

/** Writes a whole answer; the upstream's framing headers no longer apply to a body sent in one piece. */
export const answerWith = (outgoing: ServerResponse, { status, headers, body }: Answer): void => {
  const kept = Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name));
  outgoing.writeHead(status, { ...Object.fromEntries(kept), 'content-length': String(body.length) });
  outgoing.end(body);
};
