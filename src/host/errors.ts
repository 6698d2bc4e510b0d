import { GuardError, GuardFault } from '../errors';
import type { HostContext } from './context';
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
    const { resolution, details, link } = error;
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
