/** How long the plugin waits on AWS; a plugin must never hang the CLI command it runs in. */
export type TimeLimits = {
  /** To open a connection. */
  connectMs: number;
  /** Without a byte on an open request. */
  idleMs: number;
  /** For one operation, across all its retries. */
  operationMs: number;
};

/** The limits every client uses. */
export const TIME_LIMITS: TimeLimits = { connectMs: 5_000, idleMs: 15_000, operationMs: 45_000 };

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** Whether the environment names a proxy (the CLI sends its own calls through it then). */
export const proxyConfigured = (env: Readonly<Record<string, string | undefined>>): boolean =>
  PROXY_VARIABLES.some((name) => Boolean(env[name]));

/**
 * The HTTP settings of every client: the time limits, and — when HTTPS_PROXY/HTTP_PROXY are set — the same
 * proxy agent the CLI uses, which also honours NO_PROXY.
 */
export const requestHandlerSettings = async (
  limits: TimeLimits,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<{ connectionTimeout: number; requestTimeout: number; httpAgent?: unknown; httpsAgent?: unknown }> => {
  const timeouts = { connectionTimeout: limits.connectMs, requestTimeout: limits.idleMs };
  if (!proxyConfigured(env)) return timeouts;
  const { ProxyAgent } = await import('proxy-agent');
  const agent = new ProxyAgent();
  return { ...timeouts, httpAgent: agent, httpsAgent: agent };
};

type SendOptions = { abortSignal?: unknown };
type Sending = { send: (command: never, options?: never) => Promise<unknown> };

/**
 * Gives every operation of a client a deadline across its retries: the SDK aborts the request in flight and
 * does not retry an abort.
 */
export const limitOperations = <C extends Sending>(client: C, operationMs: number): C => {
  const send = client.send.bind(client) as (command: unknown, options?: SendOptions) => Promise<unknown>;
  const limited = (command: unknown, options?: SendOptions): Promise<unknown> =>
    send(command, { ...options, abortSignal: options?.abortSignal ?? AbortSignal.timeout(operationMs) });
  return Object.assign(client, { send: limited });
};

type BuildStack = {
  middlewareStack: {
    add: (
      middleware: (
        next: (args: { request?: unknown }) => Promise<unknown>,
      ) => (args: { request?: unknown }) => Promise<unknown>,
      options: { step: 'build'; name: string },
    ) => void;
  };
};

/** The endpoint a request went to, as `scheme://host[:port]`. */
const endpointOf = (request: unknown): string | undefined => {
  const { protocol, hostname, port } = (request ?? {}) as { protocol?: string; hostname?: string; port?: number };
  return hostname ? `${protocol ?? 'https:'}//${hostname}${port ? `:${port}` : ''}` : undefined;
};

/** Marks every error of a client with the endpoint it was talking to, so the message can name it. */
export const nameEndpointOnError = (client: { middlewareStack: unknown }): void => {
  // Every SDK client's stack takes build-step middleware; its generic types differ per client.
  (client as BuildStack).middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        const endpoint = endpointOf(args.request);
        if (error instanceof Error && endpoint && !('$endpoint' in error))
          Object.assign(error, { $endpoint: endpoint });
        throw error;
      }
    },
    { step: 'build', name: 'amplifyIamGuardEndpointOnError' },
  );
};
