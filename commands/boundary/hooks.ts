import type { CommandOf } from '../../src/host/runtime';
import { loadProjectState } from '../../src/project/project';
import { removePublishHooks, writePublishHooks } from '../../src/project/publish-hooks';

/**
 * `amplify boundary hooks [--remove]`: installs (or removes) the CLI command hooks that guard `amplify publish`,
 * which raises no plugin event: `pre-publish.js` runs `amplify boundary check` and stops the publish when it fails,
 * `post-publish.js` runs `amplify boundary verify`. A file the user wrote is never overwritten or removed.
 */
export const publishHooks: CommandOf<'boundary', 'hooks'> = async ({ flags, io, invocation }) => {
  const { paths } = await loadProjectState(invocation.cwd);
  if (flags.boolean('remove')) {
    let kept = false;
    for (const { file, result } of await removePublishHooks(paths)) {
      if (result === 'remove') io.print.success(`Removed ${file}.`);
      else if (result === 'absent') io.print.info(`${file}: not there; nothing to remove.`);
      else {
        kept = true;
        io.print.warn(
          `${file} is not this plugin's (it has no amplify-iam-guard marker line), so it was left as it is.`,
        );
      }
    }
    return kept ? 'failed' : 'done';
  }
  let kept = false;
  for (const { file, result } of await writePublishHooks(paths)) {
    if (result === 'write') io.print.success(`Wrote ${file}.`);
    else if (result === 'unchanged') io.print.info(`${file} is already in place.`);
    else {
      kept = true;
      io.print.warn(
        `${file} exists and is your own (it has no amplify-iam-guard marker line), so it was not overwritten: add a call of \`amplify boundary ${file.includes('pre-') ? 'check' : 'verify'} --env <env>\` to it, exiting non-zero when that fails.`,
      );
    }
  }
  if (!kept)
    io.print.info(
      '`amplify publish` now runs `amplify boundary check` before it deploys (and stops when it fails) and `amplify boundary verify` after. Commit amplify/hooks/.',
    );
  return kept ? 'failed' : 'done';
};
