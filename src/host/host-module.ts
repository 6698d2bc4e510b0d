import type { HostContext } from './context';

/**
 * Loads a package the host Amplify CLI ships (amplify-cli-core, amplify-prompts) from the CLI's own install,
 * found from the core plugin's package location: the CLI checks its exception classes with `instanceof`, and
 * its printer and spinner are the ones already on the screen. These packages are peer dependencies, so that
 * installing the plugin does not download a second CLI core; outside the CLI (tests, scripts) the copy beside
 * this package serves.
 */
export const loadHostModule = <T>(name: string, context?: HostContext): T => {
  const coreLocation = context?.pluginPlatform?.plugins?.core?.[0]?.packageLocation;
  const paths = coreLocation ? [coreLocation, __dirname] : [__dirname];
  // The module is resolved at run time from the host's install, so it cannot be a static import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(name, { paths })) as T;
};
