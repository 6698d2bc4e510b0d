import { GuardError, GuardFault } from '../errors';
import { packageReadme } from '../package-readme';
import type { HostContext } from './context';
import type { Printer } from './io';
import { loadHostModule } from './host-module';

type ExceptionOptions = { message: string; resolution?: string; details?: string; link?: string };
type ExceptionClass = new (name: string, options: ExceptionOptions, cause?: Error) => Error;

/** The host CLI's own exception classes: the CLI prints an exception's resolution only if `instanceof` holds. */
export type HostErrorClasses = { AmplifyError: ExceptionClass; AmplifyFault: ExceptionClass };

/** The host CLI's AmplifyError and AmplifyFault, from its own amplify-cli-core. */
export const loadHostErrorClasses = (context?: HostContext): HostErrorClasses =>
  loadHostModule<HostErrorClasses>('@aws-amplify/amplify-cli-core', context);

const keep = (text: string): string => text;

/**
 * Turns an error of this plugin into the host CLI's AmplifyError / AmplifyFault, keeping the cause; the
 * texts the CLI prints pass the run's redactor.
 */
export const toHostError = (
  error: unknown,
  classes: HostErrorClasses,
  clean: (text: string) => string = keep,
): Error => {
  const optional = (text: string | undefined): string | undefined => (text === undefined ? undefined : clean(text));
  if (error instanceof GuardError) {
    const cause = error.cause instanceof Error ? error.cause : undefined;
    const { resolution, details } = error;
    const link = error.link ?? packageReadme();
    return new classes.AmplifyError(
      error.name,
      { message: clean(error.message), resolution: optional(resolution), details: optional(details), link },
      cause,
    );
  }
  if (error instanceof GuardFault) {
    const cause = error.cause instanceof Error ? error.cause : undefined;
    return new classes.AmplifyFault(
      error.name,
      { message: clean(error.message), resolution: optional(error.resolution) },
      cause,
    );
  }
  // An exception the CLI itself raised (say, from loadConfigurationForEnv) is already the host's own.
  if (error instanceof Error && 'classification' in error) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  return new classes.AmplifyFault(
    'UnknownFault',
    { message: clean(`amplify-iam-guard failed unexpectedly: ${cause.message}`) },
    cause,
  );
};

/** The text of an error for stderr (machine-output commands print no more than this). */
export const errorText = (error: unknown): string => {
  if (error instanceof GuardError || error instanceof GuardFault) {
    return [`${error.name}: ${error.message}`, error.resolution ? `Resolution: ${error.resolution}` : undefined]
      .filter(Boolean)
      .join('\n');
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
};

/** What this plugin reads of a host exception; read by shape, since the CLI and the plugin may load two copies. */
export type HostException = Error & { classification?: string; resolution?: string; details?: string; link?: string };

/** Whether the CLI classes this exception as the user's to fix (an AmplifyError), not as a bug (an AmplifyFault). */
export const isUserError = (error: Error): error is HostException =>
  (error as HostException).classification === 'ERROR';

/**
 * Prints a user error as the CLI prints an AmplifyError: the message (and details), a blank line, the
 * resolution and where to learn more. The plugin prints these itself because the CLI's exception handler
 * treats whatever reaches it as a crash: it asks to send an error report, and once a person has said yes
 * it zips and sends the project's configuration files for every later exception, a typo included.
 */
export const printUserError = (print: Printer, error: HostException): void => {
  print.error(error.details ? `${error.message}\n${error.details}` : error.message);
  print.blankLine();
  if (error.resolution) print.info(`Resolution: ${error.resolution}`);
  if (error.link) print.info(`Learn more at: ${error.link}`);
};
