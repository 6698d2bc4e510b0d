import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let found: { path: string | undefined } | undefined;

/**
 * The README shipped with this install of the plugin (an absolute path), which every error and help screen
 * points to. Not a web address: the package is installed from a checkout or a packed tarball, and no page
 * online is known to match the installed version. Undefined when the file is not there, so nothing
 * dead is ever printed.
 */
export const packageReadme = (): string | undefined => {
  found ??= { path: findReadme(__dirname) };
  return found.path;
};

// The package root is the first folder up holding the plugin manifest: `src/` when run from the sources,
// `lib/src/` once built, and wherever npm installed it.
const findReadme = (start: string): string | undefined => {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'amplify-plugin.json'))) {
      const readme = join(dir, 'README.md');
      return existsSync(readme) ? readme : undefined;
    }
    if (dirname(dir) === dir) return undefined;
  }
};
