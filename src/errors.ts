/**
 * Errors raised below the host seam. They carry everything the CLI prints (message, resolution,
 * link) and are turned into the host CLI's own AmplifyError/AmplifyFault at the door
 * (src/host/errors.ts), so no module below the host needs the CLI to be loaded.
 */

/** The host CLI's error names this plugin uses (a subset of amplify-cli-core's AmplifyErrorType). */
export type GuardErrorName =
  | 'InputValidationError'
  | 'ConfigurationError'
  | 'PermissionsError'
  | 'ProjectNotInitializedError'
  | 'EnvironmentNameError'
  | 'ResourceDoesNotExistError'
  | 'ProfileConfigurationError'
  | 'CommandNotSupportedError'
  | 'APIRateExceededError'
  | 'DeploymentError'
  | 'FileSystemPermissionsError'
  | 'InvalidAmplifyAppIdError';

/** The host CLI's fault names this plugin uses (bugs and unexpected states, not user mistakes). */
export type GuardFaultName = 'UnknownFault';

/**
 * What the CLI prints for a user error: the message, the fix, and where to read more. The fix is required: a user
 * error the user cannot act on is a fault.
 */
export type GuardErrorDetails = {
  message: string;
  resolution: string;
  details?: string;
  link?: string;
};

/** What the CLI prints for a fault; a bug may have no fix to offer. */
export type GuardFaultDetails = Omit<GuardErrorDetails, 'resolution'> & { resolution?: string };

/** A user mistake or an AWS refusal: the CLI prints message and resolution, no "report this issue". */
export class GuardError extends Error {
  override readonly name: GuardErrorName;
  readonly resolution: string;
  readonly details?: string;
  /** Where to read more; without one the host points at the README shipped with the plugin. */
  readonly link?: string;

  constructor(name: GuardErrorName, details: GuardErrorDetails, cause?: unknown) {
    super(details.message, cause === undefined ? undefined : { cause });
    this.name = name;
    this.resolution = details.resolution;
    this.details = details.details;
    this.link = details.link;
  }
}

/** A bug or an unexpected state of the host; the cause is always kept. */
export class GuardFault extends Error {
  override readonly name: GuardFaultName;
  readonly resolution?: string;

  constructor(name: GuardFaultName, details: GuardFaultDetails, cause?: unknown) {
    super(details.message, cause === undefined ? undefined : { cause });
    this.name = name;
    this.resolution = details.resolution;
  }
}
