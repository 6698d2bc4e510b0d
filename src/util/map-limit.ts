/** Runs a task once fewer than its limit are in flight; tasks start in the order they were queued. */
export type Limiter = <R>(task: () => Promise<R>) => Promise<R>;

/** A queue that keeps at most `limit` tasks in flight (IAM and CloudFormation throttle bursts). */
export const createLimiter = (limit: number): Limiter => {
  const most = Math.max(1, limit);
  let active = 0;
  const waiting: Array<() => void> = [];
  const startNext = (): void => {
    if (active >= most) return;
    const start = waiting.shift();
    if (!start) return;
    active += 1;
    start();
  };
  return <R>(task: () => Promise<R>): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      waiting.push(() => {
        // Created inside a promise so that a task that throws at once rejects like one that fails later.
        new Promise<R>((settle) => settle(task())).then(resolve, reject).finally(() => {
          active -= 1;
          startNext();
        });
      });
      startNext();
    });
};

/** Maps items with at most `limit` calls in flight, keeping the input order. */
export const mapLimit = <T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> => {
  const run = createLimiter(limit);
  return Promise.all(items.map((item) => run(() => map(item))));
};
