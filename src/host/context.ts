import { GuardFault } from '../errors';

/** The parts of the CLI's `$TSContext` this plugin reads; everything else stays the CLI's business. */
export type HostContext = {
  input: {
    plugin?: string;
    command?: string;
    subCommands?: string[];
    options?: Record<string, string | boolean | undefined>;
  };
  amplify?: {
    invokePluginMethod?: (
      context: HostContext,
      plugin: string,
      resource: undefined,
      method: string,
      args: unknown[],
    ) => Promise<unknown>;
  };
  pluginPlatform?: { plugins?: Record<string, Array<{ packageLocation?: string }> | undefined> };
};

/** Checks the object the CLI passed in has the shape this plugin relies on. */
export const asHostContext = (value: unknown): HostContext => {
  const input = (value as { input?: unknown } | undefined)?.input;
  if (typeof input !== 'object' || input === null) {
    throw new GuardFault('UnknownFault', {
      message: 'amplify-iam-guard was called without a CLI context (context.input is missing).',
      resolution: 'Run it through the Amplify CLI: `amplify boundary help`.',
    });
  }
  return value as HostContext;
};
