import { setBoundary } from '../commands/boundary/set';
import { showBoundary } from '../commands/boundary/show';
import { boundaryHelp } from '../commands/boundary/help';
import { resolveCommand } from '../commands/boundary/resolve';
import { verifyBoundary } from '../commands/boundary/verify';
import { computeRoleHelp } from '../commands/compute-role/help';
import { attachComputeRole } from '../commands/compute-role/attach';
import { auditCredentials } from '../commands/compute-role/audit';
import { detachComputeRole } from '../commands/compute-role/detach';
import { showComputeRoles } from '../commands/compute-role/show';
import { asHostContext } from './host/context';
import { handleEvent, type EventTable } from './host/run-event';
import { amplifyPromptsIo } from './host/io';
import { processTerminal } from './host/invocation';
import {
  hostEnvSession,
  plainAccessSession,
  runCommand,
  type CommandTable,
  type HostServices,
} from './host/run-command';
import { postEnvAdd } from './events/post-env-add';
import { postPush } from './events/post-push';
import { preInit } from './events/pre-init';
import { prePush } from './events/pre-push';

/** Every command, by the name it was typed under. */
export const COMMANDS: CommandTable = {
  boundary: {
    set: setBoundary,
    show: showBoundary,
    verify: verifyBoundary,
    resolve: resolveCommand,
    help: boundaryHelp,
  },
  'compute-role': {
    attach: attachComputeRole,
    detach: detachComputeRole,
    show: showComputeRoles,
    audit: auditCredentials,
    help: computeRoleHelp,
  },
};

/** Every lifecycle event the manifest declares. */
export const EVENTS: EventTable = {
  PreInit: preInit,
  PostInit: postEnvAdd,
  PostEnvAdd: postEnvAdd,
  PrePush: prePush,
  PostPush: postPush,
};

/** The CLI's own printer, prompter and credentials, and this process's terminal. */
const hostServices = (): HostServices => ({
  terminal: processTerminal(),
  io: amplifyPromptsIo,
  envSession: hostEnvSession,
  accessSession: plainAccessSession,
});

/** The CLI's entry point for `amplify boundary …` and `amplify compute-role …`. */
export const executeAmplifyCommand = async (context: unknown): Promise<void> =>
  runCommand(asHostContext(context), COMMANDS, hostServices());

/** The CLI's entry point for lifecycle events. */
export const handleAmplifyEvent = async (context: unknown, args: unknown): Promise<void> =>
  handleEvent(asHostContext(context), args, EVENTS, hostServices());
