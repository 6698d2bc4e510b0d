import { GuardError, GuardFault } from '../errors';
import { TIME_LIMITS } from './http';

/** The AWS call that failed, in the words of an IAM policy: which action, on what, for which env. */
export type AwsCall = { action: string; resource?: string; env?: string };

type Translation = (call: AwsCall, error: Error) => GuardError;

const on = (call: AwsCall): string =>
  `${call.resource ? ` on ${call.resource}` : ''}${call.env ? ` with the credentials of env "${call.env}"` : ''}`;

// AWS's own text is kept: it says whether an SCP, a permissions boundary or a missing allow denied it.
const denied: Translation = (call, error) =>
  new GuardError(
    'PermissionsError',
    {
      message: `AWS denied ${call.action}${on(call)}: ${error.message}`,
      resolution: `Allow ${call.action} for these credentials (the README lists the permissions each command needs), then run the command again.`,
    },
    error,
  );

const badCredentials: Translation = (call, error) =>
  new GuardError(
    'ProfileConfigurationError',
    {
      message: `AWS rejected the credentials used for ${call.action}${call.env ? ` (env "${call.env}")` : ''}: ${error.message}`,
      resolution:
        'Refresh or fix the credentials (`aws sso login`, new keys, or `amplify configure project`), then run the command again.',
    },
    error,
  );

const notFound: Translation = (call, error) =>
  new GuardError(
    'ResourceDoesNotExistError',
    {
      message: `${call.resource ?? 'The resource'} was not found (${call.action}${call.env ? `, env "${call.env}"` : ''}): ${error.message}`,
      resolution: 'Check the name or ARN and the account and region it is in.',
    },
    error,
  );

const throttled: Translation = (call, error) =>
  new GuardError(
    'APIRateExceededError',
    {
      message: `AWS kept throttling ${call.action} after several adaptive retries.`,
      resolution: 'Wait a minute and run the command again, or run it for fewer environments at once.',
    },
    error,
  );

const endpointOf = (error: Error): string => {
  const details = error as { $endpoint?: string; hostname?: string; address?: string; port?: number };
  return (
    details.$endpoint ??
    details.hostname ??
    [details.address, details.port].filter((part) => part !== undefined).join(':')
  );
};

const unreachable: Translation = (call, error) => {
  const where = endpointOf(error);
  return new GuardError(
    'ConfigurationError',
    {
      message: `Could not reach the AWS endpoint for ${call.action}${where ? ` (${where})` : ''}: ${error.message}`,
      resolution: 'Check the network, proxy and any AWS_ENDPOINT_URL* variables, then run the command again.',
    },
    error,
  );
};

const tooSlow: Translation = (call, error) => {
  const where = endpointOf(error);
  return new GuardError(
    'ConfigurationError',
    {
      message: `The AWS endpoint${where ? ` ${where}` : ''} did not answer ${call.action} within ${TIME_LIMITS.operationMs / 1000} s (retries included).`,
      resolution:
        'Check the network, proxy and any AWS_ENDPOINT_URL* variables (the endpoint accepts connections but does not answer), then run the command again.',
    },
    error,
  );
};

/** SDK error names (and Node network codes) → what to tell the user. Checked in order; a prefix ends with '*'. */
export const AWS_ERROR_TABLE: ReadonlyArray<readonly [string, Translation]> = [
  ['AccessDenied*', denied],
  ['UnauthorizedOperation', denied],
  ['UnauthorizedException', denied],
  ['ExpiredToken*', badCredentials],
  ['InvalidClientTokenId', badCredentials],
  ['UnrecognizedClientException', badCredentials],
  ['SignatureDoesNotMatch', badCredentials],
  ['CredentialsProviderError', badCredentials],
  ['NoSuchEntity*', notFound],
  ['NotFoundException', notFound],
  ['ResourceNotFoundException', notFound],
  ['Throttling*', throttled],
  ['TooManyRequestsException', throttled],
  ['RequestLimitExceeded', throttled],
  ['ECONNREFUSED', unreachable],
  ['ENOTFOUND', unreachable],
  ['ETIMEDOUT', unreachable],
  ['ECONNRESET', unreachable],
  ['EAI_AGAIN', unreachable],
  ['TimeoutError', unreachable],
  ['AbortError', tooSlow],
];

const matches = (pattern: string, value: string | undefined): boolean =>
  value !== undefined && (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern);

// The SDK wraps errors it does not recognise as its own ("AWS SDK error wrapper for Error: connect
// ECONNREFUSED …"), losing the code: a Node network code is then found in the message.
const inWrappedMessage = (pattern: string, error: Error): boolean =>
  /^E[A-Z_]+$/.test(pattern) && new RegExp(`\\b${pattern}\\b`).test(error.message);

/** Whether an SDK error has this name or code (or prefix, ending in '*'). */
export const isAwsError = (error: unknown, pattern: string): boolean =>
  error instanceof Error &&
  (matches(pattern, error.name) ||
    matches(pattern, (error as { code?: string }).code) ||
    inWrappedMessage(pattern, error));

/** Turns an AWS SDK error into the error the user sees; the SDK error stays attached as the cause. */
export const translateAwsError = (error: unknown, call: AwsCall): GuardError | GuardFault => {
  if (error instanceof GuardError || error instanceof GuardFault) return error;
  if (!(error instanceof Error)) {
    return new GuardFault('UnknownFault', { message: `${call.action} failed with ${String(error)}` }, error);
  }
  const row = AWS_ERROR_TABLE.find(([pattern]) => isAwsError(error, pattern));
  if (row) return row[1](call, error);
  if ((error as { $fault?: string }).$fault === 'client') {
    return new GuardError(
      'InputValidationError',
      {
        message: `AWS refused ${call.action}${on(call)}: ${error.name}: ${error.message}`,
        resolution: 'Correct the value AWS names above and run the command again.',
      },
      error,
    );
  }
  return new GuardFault(
    'UnknownFault',
    { message: `${call.action}${on(call)} failed: ${error.name}: ${error.message}` },
    error,
  );
};

/** Runs one AWS call and translates its failure. */
export const callAws = async <T>(call: AwsCall, send: () => Promise<T>): Promise<T> => {
  try {
    return await send();
  } catch (error) {
    throw translateAwsError(error, call);
  }
};
