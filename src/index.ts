import { setBoundary } from '../commands/boundary/set';
import { showBoundary } from '../commands/boundary/show';
import { boundaryHelp } from '../commands/boundary/help';
import { computeRoleHelp } from '../commands/compute-role/help';
import { notYetAvailable } from '../commands/not-yet-available';
import { asHostContext } from './host/context';
import { handleEvent, type EventTable } from './host/run-event';
import { amplifyPromptsIo } from './host/io';
import { processTerminal } from './host/invocation';
import { hostEnvSession, runCommand, type CommandTable } from './host/run-command';

/** Every command, by the name it was typed under. */
export const COMMANDS: CommandTable = {
  boundary: {
    set: setBoundary,
    show: showBoundary,
    verify: notYetAvailable('amplify boundary verify'),
    resolve: notYetAvailable('amplify boundary resolve'),
    help: boundaryHelp,
  },
  'compute-role': {
    attach: notYetAvailable('amplify compute-role attach'),
    detach: notYetAvailable('amplify compute-role detach'),
    show: notYetAvailable('amplify compute-role show'),
    audit: notYetAvailable('amplify compute-role audit'),
    help: computeRoleHelp,
  },
};

/** Every lifecycle event the manifest declares. Nothing to do yet: they return at once, loading no AWS SDK. */
export const EVENTS: EventTable = {
  PreInit: () => Promise.resolve(),
  PostInit: () => Promise.resolve(),
  PostEnvAdd: () => Promise.resolve(),
  PrePush: () => Promise.resolve(),
  PostPush: () => Promise.resolve(),
};

/** The CLI's entry point for `amplify boundary …` and `amplify compute-role …`. */
export const executeAmplifyCommand = async (context: unknown): Promise<void> =>
  runCommand(asHostContext(context), COMMANDS, {
    terminal: processTerminal(),
    io: amplifyPromptsIo,
    envSession: hostEnvSession,
  });

/** The CLI's entry point for lifecycle events. */
export const handleAmplifyEvent = async (context: unknown, args: unknown): Promise<void> =>
  handleEvent(asHostContext(context), args, EVENTS);
