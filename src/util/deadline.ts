/** What came of work given a deadline: its value, or nothing because time ran out first. */
export type Deadlined<T> = { finished: true; value: T } | { finished: false };

/**
 * Runs work with a deadline. The work is not cancelled when time runs out (each AWS call has its own limit),
 * but the caller stops waiting for it.
 */
export const withDeadline = async <T>(ms: number, work: () => Promise<T>): Promise<Deadlined<T>> => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Deadlined<T>>((resolve) => {
    timer = setTimeout(() => resolve({ finished: false }), ms);
  });
  try {
    return await Promise.race([work().then((value): Deadlined<T> => ({ finished: true, value })), late]);
  } finally {
    clearTimeout(timer);
  }
};
