import type { RetryErrorInfo, RetryStrategyV2, RetryToken, SdkError } from '@smithy/types';
import { createSendRate, throttleAwareRetry } from '../../../src/aws/send-rate';

const clock = () => {
  let now = 0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
};

const throttling = (): RetryErrorInfo => ({
  errorType: 'THROTTLING',
  error: Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: {} }) as SdkError,
});

const transient = (): RetryErrorInfo => ({
  errorType: 'TRANSIENT',
  error: Object.assign(new Error('socket hang up'), { $metadata: {} }) as SdkError,
});

/** The SDK's standard strategy in miniature: `maxAttempts` attempts, no delay. */
const counting = (maxAttempts: number): RetryStrategyV2 & { refreshed: number } => {
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  const strategy = {
    refreshed: 0,
    acquireInitialRetryToken: () => Promise.resolve(token(0)),
    refreshRetryTokenForRetry: (previous: RetryToken, info: RetryErrorInfo) => {
      strategy.refreshed += 1;
      if (previous.getRetryCount() + 1 >= maxAttempts) return Promise.reject(info.error ?? new Error('no error'));
      return Promise.resolve(token(previous.getRetryCount() + 1));
    },
    recordSuccess: () => {},
  };
  return strategy;
};

describe('the send rate of a client', () => {
  it('lets every request go at once until the service throttles', async () => {
    const rate = createSendRate();
    await Promise.all(Array.from({ length: 100 }, () => rate.acquire()));
    expect(rate.perSecond()).toBe(Infinity);
  });

  it('paces at the rate the service admitted in the last second after its first throttle', async () => {
    const rate = createSendRate();
    for (let ok = 0; ok < 40; ok += 1) rate.success();
    rate.throttled();
    expect(rate.perSecond()).toBe(40);
    const released: string[] = [];
    const start = performance.now();
    await Promise.all(
      ['new 1', 'new 2', 'retry'].map((name) => rate.acquire(name === 'retry').then(() => released.push(name))),
    );
    // Three turns at 40 a second: the first at once, the next two 25 ms apart.
    expect(performance.now() - start).toBeGreaterThanOrEqual(45);
    expect(released).toEqual(['new 1', 'retry', 'new 2']);
  });

  it('cuts the rate at most once a second, and raises it with each success', () => {
    const time = clock();
    const rate = createSendRate(time.now);
    for (let ok = 0; ok < 20; ok += 1) rate.success();
    rate.throttled();
    time.advance(500);
    rate.throttled();
    expect(rate.perSecond()).toBe(20);
    time.advance(600);
    rate.throttled();
    expect(rate.perSecond()).toBe(16);
    rate.success();
    rate.success();
    expect(rate.perSecond()).toBe(17);
  });

  it('never paces below one request a second', () => {
    const time = clock();
    const rate = createSendRate(time.now);
    rate.throttled();
    expect(rate.perSecond()).toBe(1);
    time.advance(1000);
    rate.throttled();
    expect(rate.perSecond()).toBe(1);
  });
});

/** A rate whose service admitted 1000 requests in the last second: throttled requests wait a millisecond. */
const fastRate = () => {
  const rate = createSendRate();
  for (let ok = 0; ok < 1000; ok += 1) rate.success();
  return rate;
};

describe('retries of a throttle-aware client', () => {
  it('sends a throttled request again at its next turn without using up its attempts', async () => {
    const inner = counting(3);
    const retry = throttleAwareRetry(inner, fastRate());
    let token = await retry.acquireInitialRetryToken('');
    for (let throttled = 0; throttled < 10; throttled += 1)
      token = await retry.refreshRetryTokenForRetry(token, throttling());
    expect(token.getRetryCount()).toBe(10);
    expect(inner.refreshed).toBe(0);
  });

  it('leaves every other error to the standard strategy and its attempts', async () => {
    const inner = counting(3);
    const retry = throttleAwareRetry(inner, fastRate());
    let token = await retry.acquireInitialRetryToken('');
    token = await retry.refreshRetryTokenForRetry(token, throttling());
    token = await retry.refreshRetryTokenForRetry(token, transient());
    token = await retry.refreshRetryTokenForRetry(token, transient());
    await expect(retry.refreshRetryTokenForRetry(token, transient())).rejects.toThrow('socket hang up');
    expect(inner.refreshed).toBe(3);
  });

  it('gives up on a request the service keeps throttling', async () => {
    const retry = throttleAwareRetry(counting(3), fastRate(), 4);
    let token = await retry.acquireInitialRetryToken('');
    for (let throttled = 0; throttled < 4; throttled += 1)
      token = await retry.refreshRetryTokenForRetry(token, throttling());
    await expect(retry.refreshRetryTokenForRetry(token, throttling())).rejects.toThrow('Rate exceeded');
  });
});
