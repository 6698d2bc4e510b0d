import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/**
 * How fast one client sends. Unpaced until its service answers `Throttling`; from then on paced near the rate
 * the service admits: the successes of the last second set it at the first throttle, a later throttle cuts it
 * by 15 % (at most once a second, since the requests already in flight were sent at the old rate), and each
 * success raises it a little. A request refused for throttling costs the service nothing, so sending slightly
 * above its rate keeps it busy; sending below it would leave its capacity unused.
 */
export type SendRate = {
  /** Milliseconds to wait before the next request may go, with that slot taken. */
  reserve(): number;
  success(): void;
  throttled(): void;
  /** Requests per second now (Infinity while unpaced). */
  perSecond(): number;
};

const WINDOW_MS = 1000;
const CUT = 0.85;
const RAISE_PER_SUCCESS = 0.25;

/** A new, unpaced send rate; `now` is injectable for tests. */
export const createSendRate = (now: () => number = () => performance.now()): SendRate => {
  let perSecond = Infinity;
  let nextAt = 0;
  let lastCut = -Infinity;
  const successes: number[] = [];
  const recent = (at: number): number => {
    while (successes.length > 0 && successes[0] <= at - WINDOW_MS) successes.shift();
    return successes.length;
  };
  return {
    reserve() {
      if (perSecond === Infinity) return 0;
      const at = now();
      const slot = Math.max(at, nextAt);
      nextAt = slot + WINDOW_MS / perSecond;
      return slot - at;
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

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An SDK retry strategy that leaves throttling to `rate` and every other retry to `inner` (the SDK's standard
 * strategy): each request waits for its slot, and a throttled one is sent again at its next slot, without using
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
      const wait = rate.reserve();
      if (wait > 0) await sleep(wait);
      return token(first, 0, 0, 0);
    },
    async refreshRetryTokenForRetry(previous, errorInfo: RetryErrorInfo) {
      const { inner: wrapped, throttles } = previous as Token;
      const retries = previous.getRetryCount() + 1;
      if (errorInfo.errorType !== 'THROTTLING') {
        const next = await inner.refreshRetryTokenForRetry(wrapped, errorInfo);
        return token(next, throttles, retries, next.getRetryDelay() + rate.reserve());
      }
      rate.throttled();
      if (throttles >= maxThrottles) throw errorInfo.error ?? new Error('Throttling');
      return token(wrapped, throttles + 1, retries, rate.reserve());
    },
    recordSuccess(done) {
      rate.success();
      inner.recordSuccess((done as Token).inner);
    },
  };
};
