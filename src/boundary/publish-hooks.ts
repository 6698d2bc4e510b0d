/**
 * `amplify publish` raises no plugin event, so the plugin guards it through the CLI's own command hooks
 * (`amplify/hooks/pre-publish.js`, `post-publish.js`). The CLI gives a hook its data as JSON on stdin — the env is
 * `data.amplify.environment`, the CLI's local env info (`{envName, …}`) or a name — and stops the command when
 * `pre-…` exits non-zero. A hook may get nothing but PATH in its environment, so the files use only Node's own
 * modules and find `amplify` on PATH.
 */

/** The line that marks a hook file as this plugin's: only such a file is ever rewritten or removed. */
export const HOOK_MARKER =
  '// amplify-iam-guard: publish guard, written by `amplify boundary hooks` (remove with --remove)';

/** The two hooks: the check before publish, the proof after it. */
export type PublishHook = 'pre-publish' | 'post-publish';

/** Every hook this plugin writes, in the order it reports them. */
export const PUBLISH_HOOKS: readonly PublishHook[] = ['pre-publish', 'post-publish'];

const COMMAND: Record<PublishHook, { args: string; failure: string }> = {
  'pre-publish': {
    args: "'boundary', 'check'",
    failure: 'the publish was stopped before deploying anything',
  },
  'post-publish': {
    args: "'boundary', 'verify'",
    failure: 'the deployed roles are not proven',
  },
};

/** The text of a hook file: runs the plugin's command for the hook's env and exits with its exit code. */
export const hookScript = (hook: PublishHook): string => `${HOOK_MARKER}
'use strict';
const { spawnSync } = require('child_process');
const { readFileSync } = require('fs');

let env;
try {
  const environment = JSON.parse(readFileSync(0, 'utf8')).data.amplify.environment;
  env = typeof environment === 'string' ? environment : environment && environment.envName;
} catch {
  env = undefined;
}
const args = [${COMMAND[hook].args}].concat(env ? ['--env', env] : []);
const result = spawnSync('amplify', args, {
  stdio: ['ignore', 'inherit', 'inherit'],
  shell: process.platform === 'win32',
});
if (result.error || result.status !== 0) {
  const reason = result.error ? 'could not run \`amplify\` (' + result.error.message + '); put the Amplify CLI on PATH' : '\`amplify ' + args.join(' ') + '\` failed';
  console.error('amplify-iam-guard: ' + reason + ': ${COMMAND[hook].failure}.');
  process.exit(result.status || 1);
}
`;

/** Whether a file's text is one of this plugin's hooks. */
export const isPluginHook = (text: string): boolean => text.split('\n', 1)[0] === HOOK_MARKER;

/** What `amplify boundary hooks` does with one file: write it, leave it (already current), or keep a user's own. */
export type HookWrite = 'write' | 'unchanged' | 'keep-user-file';

/** Decides the write of one hook file from what is there now (undefined: no file). */
export const decideHookWrite = (existing: string | undefined, wanted: string): HookWrite =>
  existing === undefined
    ? 'write'
    : existing === wanted
      ? 'unchanged'
      : isPluginHook(existing)
        ? 'write'
        : 'keep-user-file';

/** What `amplify boundary hooks --remove` does with one file: remove it, nothing to remove, or keep a user's own. */
export type HookRemoval = 'remove' | 'absent' | 'keep-user-file';

/** Decides the removal of one hook file from what is there now. */
export const decideHookRemoval = (existing: string | undefined): HookRemoval =>
  existing === undefined ? 'absent' : isPluginHook(existing) ? 'remove' : 'keep-user-file';
