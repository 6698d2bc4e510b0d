import type { EventHandler, EventTable } from './host/run-event';
import type { CommandTable, HostServices } from './host/run-command';

/**
 * The CLI requires this module for every event of every `amplify init` and `amplify push`, so it holds
 * nothing but the dispatch tables: each command and handler module (and, through it, the AWS SDK and the
 * YAML parser) is loaded only when that command or event runs. The tables are still static and checked
 * exhaustively against the usage table and the event names.
 */

/** Every command, by the name it was typed under: a loader of its handler. */
export const COMMANDS: CommandTable = {
  boundary: {
    set: async () => (await import('../commands/boundary/set')).setBoundary,
    show: async () => (await import('../commands/boundary/show')).showBoundary,
    verify: async () => (await import('../commands/boundary/verify')).verifyBoundary,
    simulate: async () => (await import('../commands/boundary/simulate')).simulateBoundary,
    resolve: async () => (await import('../commands/boundary/resolve')).resolveCommand,
    check: async () => (await import('../commands/boundary/check')).checkPush,
    hooks: async () => (await import('../commands/boundary/hooks')).publishHooks,
    help: async () => (await import('../commands/boundary/help')).boundaryHelp,
  },
  'compute-role': {
    attach: async () => (await import('../commands/compute-role/attach')).attachComputeRole,
    detach: async () => (await import('../commands/compute-role/detach')).detachComputeRole,
    show: async () => (await import('../commands/compute-role/show')).showComputeRoles,
    audit: async () => (await import('../commands/compute-role/audit')).auditCredentials,
    help: async () => (await import('../commands/compute-role/help')).computeRoleHelp,
  },
};

/** Every lifecycle event the manifest declares: a loader of its handler. */
export const EVENTS: EventTable = {
  PreInit: async (): Promise<EventHandler> => (await import('./events/pre-init')).preInit,
  PostInit: async (): Promise<EventHandler> => (await import('./events/post-init')).postInit,
  PostEnvAdd: async (): Promise<EventHandler> => (await import('./events/post-env-add')).postEnvAdd,
  PrePush: async (): Promise<EventHandler> => (await import('./events/pre-push')).prePush,
  PostPush: async (): Promise<EventHandler> => (await import('./events/post-push')).postPush,
  PostPull: async (): Promise<EventHandler> => (await import('./events/post-pull')).postPull,
};

/** The CLI's own printer, prompter and credentials, and this process's terminal. */
const hostServices = async (): Promise<HostServices> => {
  const [{ processTerminal }, { amplifyPromptsIo }] = await Promise.all([
    import('./host/invocation'),
    import('./host/io'),
  ]);
  // The AWS session code loads with the first session a run opens: an idle event opens none.
  return {
    terminal: processTerminal(),
    io: amplifyPromptsIo,
    envSession: async (...args) => (await import('./host/run-command')).hostEnvSession(...args),
    accessSession: async (...args) => (await import('./host/run-command')).plainAccessSession(...args),
    exit: async (code) => (await import('./host/run-command')).exitProcess(code),
  };
};

/** The CLI's entry point for `amplify boundary …` and `amplify compute-role …`. */
export const executeAmplifyCommand = async (context: unknown): Promise<void> => {
  const [{ asHostContext }, { runCommand }] = await Promise.all([
    import('./host/context'),
    import('./host/run-command'),
  ]);
  await runCommand(asHostContext(context), COMMANDS, await hostServices());
};

/** The CLI's entry point for lifecycle events. */
export const handleAmplifyEvent = async (context: unknown, args: unknown): Promise<void> => {
  const [{ asHostContext }, { handleEvent }] = await Promise.all([
    import('./host/context'),
    import('./host/run-event'),
  ]);
  return handleEvent(asHostContext(context), args, EVENTS, await hostServices());
};
