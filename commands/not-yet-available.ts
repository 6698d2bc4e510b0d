import { GuardError } from '../src/errors';
import type { Command } from '../src/host/runtime';

/** A command of the manifest whose implementation has not shipped in this version. */
export const notYetAvailable =
  (command: string): Command =>
  () =>
    Promise.reject(
      new GuardError('NotImplementedError', {
        message: `\`${command}\` is not available yet in this version of amplify-iam-guard.`,
        resolution:
          'Update the plugin (`npm i -g amplify-iam-guard@latest`), or see the README for what this version offers.',
      }),
    );
