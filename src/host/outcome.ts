/**
 * What a command or event handler hands back to the host. `'failed'` means the handler has already printed
 * why, and the run must end with a non-zero exit code; only the host turns that into `process.exitCode`.
 */
export type Outcome = 'done' | 'failed';

/** The exit code of a run whose handler returned this outcome (undefined: leave the code as it is). */
export const exitCodeOf = (outcome: Outcome | void): number | undefined => (outcome === 'failed' ? 1 : undefined);
