import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decideHookRemoval,
  decideHookWrite,
  hookScript,
  isPluginHook,
  PUBLISH_HOOKS,
  type HookRemoval,
  type HookWrite,
  type PublishHook,
} from '../boundary/publish-hooks';
import { isObject } from '../util/is-object';
import { readJsonDocument, writeFileAtomic } from './json-file';
import type { ProjectPaths } from './paths';

/** The CLI's command-hooks folder of a project. */
export const hooksFolder = (paths: ProjectPaths): string => join(paths.root, 'amplify', 'hooks');

/** A hook's file, relative to the project root as the user sees it. */
export const hookFile = (hook: PublishHook): string => `amplify/hooks/${hook}.js`;

const readIfThere = (file: string): Promise<string | undefined> =>
  readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

/** Writes the publish hooks that are missing or out of date, never over a file the user wrote. */
export const writePublishHooks = async (paths: ProjectPaths): Promise<Array<{ file: string; result: HookWrite }>> => {
  await mkdir(hooksFolder(paths), { recursive: true });
  const results: Array<{ file: string; result: HookWrite }> = [];
  for (const hook of PUBLISH_HOOKS) {
    const file = join(paths.root, hookFile(hook));
    const wanted = hookScript(hook);
    const result = decideHookWrite(await readIfThere(file), wanted);
    if (result === 'write') await writeFileAtomic(file, wanted);
    results.push({ file: hookFile(hook), result });
  }
  return results;
};

/** Removes this plugin's publish hooks, never a file the user wrote. */
export const removePublishHooks = async (
  paths: ProjectPaths,
): Promise<Array<{ file: string; result: HookRemoval }>> => {
  const results: Array<{ file: string; result: HookRemoval }> = [];
  for (const hook of PUBLISH_HOOKS) {
    const file = join(paths.root, hookFile(hook));
    const result = decideHookRemoval(await readIfThere(file));
    if (result === 'remove') await unlink(file);
    results.push({ file: hookFile(hook), result });
  }
  return results;
};

/** Whether the project has a hosting category (so it can `amplify publish`), and whether the publish guard is in place. */
export const publishGuardState = async (paths: ProjectPaths): Promise<{ hosting: boolean; guarded: boolean }> => {
  const config = await readJsonDocument(join(paths.root, 'amplify', 'backend', 'backend-config.json')).catch(
    () => undefined,
  );
  const hosting = config?.value.hosting;
  const hasHosting = isObject(hosting) && Object.keys(hosting).length > 0;
  if (!hasHosting) return { hosting: false, guarded: false };
  const pre = await readIfThere(join(paths.root, hookFile('pre-publish')));
  return { hosting: true, guarded: pre !== undefined && isPluginHook(pre) };
};
