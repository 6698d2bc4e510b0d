import { Agent, createServer, type IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
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
  /**
   * Makes one service (by its signing name, such as `iam`) answer `Throttling` to every request above
   * `perSecond` in any second (a sliding window of the requests it answered), as AWS does above an
   * account's rate; `undefined` lifts the limit. Throttled requests are counted as `Throttling`.
   */
  setThrottle: (limit: { service: string; perSecond: number } | undefined) => void;
  /** Milliseconds from the first request to the last answer since the last reset (0 when none). */
  span: () => number;
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

// The service a request is signed for: `Credential=<key>/<date>/<region>/<service>/aws4_request`.
const serviceOf = (headers: IncomingHttpHeaders): string | undefined =>
  /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(String(headers.authorization))?.[1];

// What IAM and the other query-protocol services answer above their rate.
const THROTTLED: Answer = {
  status: 400,
  headers: { 'content-type': 'text/xml' },
  body: Buffer.from(
    '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>latency-proxy</RequestId></ErrorResponse>',
  ),
};

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
  let throttle: { service: string; perSecond: number } | undefined;
  // When the throttled service answered each of its last requests, oldest first.
  let answered: number[] = [];
  let first: number | undefined;
  let last: number | undefined;
  const throttled = (headers: IncomingHttpHeaders, now: number): boolean => {
    if (!throttle || serviceOf(headers) !== throttle.service) return false;
    answered = answered.filter((at) => now - at < 1000);
    if (answered.length >= throttle.perSecond) return true;
    answered.push(now);
    return false;
  };

  const server = createServer((incoming, outgoing) => {
    void readBody(incoming).then((body) => {
      const method = incoming.method ?? 'GET';
      const url = incoming.url ?? '/';
      const text = body.toString('utf8');
      const action = actionOf(method, url, incoming.headers, text);
      first ??= performance.now();
      counts.set(action, (counts.get(action) ?? 0) + 1);
      // The signature differs on every request; the account (access key) and the request itself do not.
      const key = `${String(incoming.headers.authorization).split('/')[0]} ${method} ${url} ${text}`;
      const cached = replayReads && READ.test(action) ? replay.get(key) : undefined;
      // The rate is judged when the request reaches the service, after the way there.
      const answer = sleep(delayMs).then(() => {
        if (!throttled(incoming.headers, performance.now()))
          return cached ?? forward(upstream, agent, { method, url, headers: incoming.headers, body });
        counts.set('Throttling', (counts.get('Throttling') ?? 0) + 1);
        return THROTTLED;
      });
      if (replayReads && READ.test(action) && !cached) replay.set(key, answer);
      answer.then(
        (whole) => {
          answerWith(outgoing, whole);
          last = performance.now();
        },
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
    resetCounts: () => {
      counts.clear();
      first = undefined;
      last = undefined;
    },
    setReplayReads: (on) => {
      replayReads = on;
      replay.clear();
    },
    setThrottle: (limit) => {
      throttle = limit;
      answered = [];
    },
    span: () => (first === undefined || last === undefined ? 0 : last - first),
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
};
