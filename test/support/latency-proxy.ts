import { Agent, createServer, type IncomingHttpHeaders } from 'node:http';
import { answerWith, forward, readBody, type Answer } from './forward';
import { freePort } from './moto';

/** A loopback HTTP proxy that answers every request late, as if the server were a network round trip away. */
export type LatencyProxy = {
  url: string;
  /** Requests forwarded since the last reset, by action (`GetRole`, `ListStackResources`, `PUT /bucket`, …). */
  counts: () => Record<string, number>;
  resetCounts: () => void;
  /** While on, a read repeated byte for byte is answered from the server's first answer to it. */
  setReplayReads: (on: boolean) => void;
  stop: () => Promise<void>;
};

const READ = /^(Get|List|Describe)/;

// Query-protocol services (IAM, STS, CloudFormation) name the action in the form body; JSON ones in a header.
const actionOf = (method: string, url: string, headers: IncomingHttpHeaders, body: string): string => {
  const query = /(?:^|&)Action=([A-Za-z]+)/.exec(body) ?? /[?&]Action=([A-Za-z]+)/.exec(url);
  if (query) return query[1];
  const target = headers['x-amz-target'];
  if (typeof target === 'string') return target.split('.').pop() ?? target;
  return `${method} /${url.split('/')[1]?.split('?')[0] ?? ''}`;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a proxy on 127.0.0.1 in front of `target` that forwards each request unchanged after `delayMs`.
 * Replaying reads models a service that answers many requests at once: moto answers one at a time.
 */
export const startLatencyProxy = async (target: string, delayMs: number): Promise<LatencyProxy> => {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const counts = new Map<string, number>();
  const replay = new Map<string, Promise<Answer>>();
  let replayReads = false;

  const server = createServer((incoming, outgoing) => {
    void readBody(incoming).then((body) => {
      const method = incoming.method ?? 'GET';
      const url = incoming.url ?? '/';
      const text = body.toString('utf8');
      const action = actionOf(method, url, incoming.headers, text);
      counts.set(action, (counts.get(action) ?? 0) + 1);
      // The signature differs on every request; the account (access key) and the request itself do not.
      const key = `${String(incoming.headers.authorization).split('/')[0]} ${method} ${url} ${text}`;
      const cached = replayReads && READ.test(action) ? replay.get(key) : undefined;
      const answer = sleep(delayMs).then(
        () => cached ?? forward(upstream, agent, { method, url, headers: incoming.headers, body }),
      );
      if (replayReads && READ.test(action) && !cached) replay.set(key, answer);
      answer.then(
        (whole) => answerWith(outgoing, whole),
        (error: unknown) => {
          outgoing.writeHead(502);
          outgoing.end(String(error));
        },
      );
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => Object.fromEntries([...counts].sort(([a], [b]) => a.localeCompare(b))),
    resetCounts: () => counts.clear(),
    setReplayReads: (on) => {
      replayReads = on;
      replay.clear();
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
};
