import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/**
 * How fast one client sends. Unpaced until its service answers `Throttling`; from then on paced near the rate
 * the service admits: the successes of the last second set it at the first throttle, a later throttle cuts it
 * by 20 % (at most once a second, since the requests already in flight were sent at the old rate), and each
 * success raises it by half a request a second. A request refused for throttling costs the service nothing, so
 * sending slightly above its rate keeps it busy, while sending below it would leave its capacity unused.
 */
export type SendRate = {
  /** Resolves when the next request may go; `retry` puts a throttled request before the new ones. */
  acquire(retry?: boolean): Promise<void>;
  success(): void;
  throttled(): void;
  /** Requests per second now (Infinity while unpaced). */
  perSecond(): number;
};

const WINDOW_MS = 1000;
const CUT = 0.8;
const RAISE_PER_SUCCESS = 0.5;

/** A new, unpaced send rate; `now` is injectable for tests. */
export const createSendRate = (now: () => number = () => performance.now()): SendRate => {
  let perSecond = Infinity;
  let lastCut = -Infinity;
  let lastRelease = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  const successes: number[] = [];
  // Requests waiting for their turn, released one per 1/perSecond at the rate in force when each goes.
  const waiting: Array<() => void> = [];
  const recent = (at: number): number => {
    while (successes.length > 0 && successes[0] <= at - WINDOW_MS) successes.shift();
    return successes.length;
  };
  const release = (): void => {
    timer = undefined;
    while (waiting.length > 0) {
      const at = now();
      const due = perSecond === Infinity ? at : lastRelease + WINDOW_MS / perSecond;
      if (at < due) {
        timer = setTimeout(release, due - at);
        return;
      }
      lastRelease = at;
      waiting.shift()!();
    }
  };
  return {
    acquire(retry = false) {
      if (perSecond === Infinity && waiting.length === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        if (retry) waiting.unshift(resolve);
        else waiting.push(resolve);
        if (!timer) release();
      });
    },
    success() {
      const at = now();
      successes.push(at);
      recent(at);
      if (perSecond !== Infinity) perSecond += RAISE_PER_SUCCESS;
    },
    throttled() {
      const at = now();
      if (at - lastCut < WINDOW_MS) return;
      lastCut = at;
      perSecond = perSecond === Infinity ? Math.max(1, recent(at)) : Math.max(1, perSecond * CUT);
    },
    perSecond: () => perSecond,
  };
};

type Token = RetryToken & { inner: RetryToken; throttles: number };

/** How many times one request may be refused for throttling before its error is final. */
export const MAX_THROTTLES = 100;

/**
 * An SDK retry strategy that leaves throttling to `rate` and every other retry to `inner` (the SDK's standard
 * strategy): each request waits for its turn, and a throttled one is sent again at the next turn, without using
 * the inner strategy's attempts or retry quota. The SDK's own adaptive mode gives up after a few attempts,
 * while a large env read against a throttling account needs many seconds of pacing; the operation's deadline
 * still bounds the wait.
 */
export const throttleAwareRetry = (
  inner: RetryStrategyV2,
  rate: SendRate,
  maxThrottles: number = MAX_THROTTLES,
): RetryStrategyV2 => {
  const token = (wrapped: RetryToken, throttles: number, retries: number, delay: number): Token => ({
    inner: wrapped,
    throttles,
    getRetryCount: () => retries,
    getRetryDelay: () => delay,
  });
  return {
    async acquireInitialRetryToken(scope) {
      const first = await inner.acquireInitialRetryToken(scope);
      await rate.acquire();
      return token(first, 0, 0, 0);
    },
    async refreshRetryTokenForRetry(previous, errorInfo: RetryErrorInfo) {
      const { inner: wrapped, throttles } = previous as Token;
      const retries = previous.getRetryCount() + 1;
      if (errorInfo.errorType !== 'THROTTLING') {
        const next = await inner.refreshRetryTokenForRetry(wrapped, errorInfo);
        return token(next, throttles, retries, next.getRetryDelay());
      }
      rate.throttled();
      if (throttles >= maxThrottles) throw errorInfo.error ?? new Error('Throttling');
      await rate.acquire(true);
      return token(wrapped, throttles + 1, retries, 0);
    },
    recordSuccess(done) {
      rate.success();
      inner.recordSuccess((done as Token).inner);
    },
  };
};
