import { GuardError } from '../errors';

/** How the plugin shares a project with other runs of itself. */
export type LockTimings = {
  /** How long to wait for the lock (and for a whole file to read) before giving up. */
  waitMs: number;
  /** A lock not refreshed for this long belongs to a run that died: it is taken over. */
  staleMs: number;
  /** How often the holder refreshes the lock. */
  refreshMs: number;
  /** Pause between two tries. */
  pollMs: number;
};

/** The timings every project-file change uses. */
export const LOCK_TIMINGS: LockTimings = { waitMs: 15_000, staleMs: 5_000, refreshMs: 1_000, pollMs: 100 };

/** Waits a moment. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What runs under the lock: it may ask whether the lock is still its own before it commits a write. */
export type LockHolder = { stillHeld: () => void };

/**
 * Runs `work` under the project's one exclusive lock (a lock folder made atomically by proper-lockfile,
 * refreshed while held and taken over when stale). Waits up to `waitMs`, then fails naming the lock file.
 */
export const withProjectLock = async <T>(
  lockFile: string,
  work: (holder: LockHolder) => Promise<T>,
  timings: LockTimings = LOCK_TIMINGS,
): Promise<T> => {
  const { lock } = await import('proper-lockfile');
  const deadline = Date.now() + timings.waitMs;
  let compromised: Error | undefined;
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    try {
      release = await lock(lockFile, {
        lockfilePath: lockFile,
        realpath: false,
        stale: timings.staleMs,
        update: timings.refreshMs,
        retries: 0,
        onCompromised: (error) => {
          compromised = error;
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      if (Date.now() >= deadline) {
        throw new GuardError(
          'FileSystemPermissionsError',
          {
            message: `Another run of amplify-iam-guard held the project lock ${lockFile} for more than ${timings.waitMs / 1000} s.`,
            resolution: `Wait for the other \`amplify boundary\`/\`amplify compute-role\` command to finish and run this one again; if none is running, delete ${lockFile}.`,
          },
          error,
        );
      }
      await sleep(timings.pollMs);
    }
  }
  const holder: LockHolder = {
    stillHeld: () => {
      if (compromised) {
        throw new GuardError(
          'FileSystemPermissionsError',
          {
            message: `The project lock ${lockFile} was taken over while this run held it, so nothing was written.`,
            resolution: 'Run the command again.',
          },
          compromised,
        );
      }
    },
  };
  try {
    return await work(holder);
  } finally {
    await release().catch(() => undefined);
  }
};
