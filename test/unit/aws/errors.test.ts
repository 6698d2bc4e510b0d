import {
  IAMServiceException,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  ServiceFailureException,
} from '@aws-sdk/client-iam';
import { ExpiredTokenException, STSServiceException } from '@aws-sdk/client-sts';
import { AWS_ERROR_TABLE, callAws, isAwsError, translateAwsError, type AwsCall } from '../../../src/aws/errors';
import { GuardError, GuardFault, type GuardErrorName } from '../../../src/errors';

const metadata = { $metadata: {} };

/** An error the SDK raises for a code its model does not list (it keeps the code as the name). */
const unmodelled = (name: string, message: string): Error =>
  new IAMServiceException({ name, $fault: 'client', message, ...metadata });

const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });

const network = (code: string, extra: Record<string, unknown>): Error =>
  Object.assign(new Error(`connect ${code}`), { code, ...extra });

/** One example error per row of AWS_ERROR_TABLE, with the error name the user gets. */
const EXAMPLES: Record<string, Array<[string, Error, GuardErrorName]>> = {
  'AccessDenied*': [
    [
      'IAM AccessDenied',
      unmodelled('AccessDenied', 'User is not authorized to perform: iam:GetPolicy'),
      'PermissionsError',
    ],
    ['AccessDeniedException', named('AccessDeniedException', 'not authorized'), 'PermissionsError'],
  ],
  UnauthorizedOperation: [['UnauthorizedOperation', named('UnauthorizedOperation', 'nope'), 'PermissionsError']],
  UnauthorizedException: [['UnauthorizedException', named('UnauthorizedException', 'nope'), 'PermissionsError']],
  'ExpiredToken*': [
    [
      'STS ExpiredTokenException',
      new ExpiredTokenException({ message: 'The security token included in the request is expired', ...metadata }),
      'ProfileConfigurationError',
    ],
    ['ExpiredToken', unmodelled('ExpiredToken', 'expired'), 'ProfileConfigurationError'],
  ],
  InvalidClientTokenId: [
    [
      'InvalidClientTokenId',
      new STSServiceException({ name: 'InvalidClientTokenId', $fault: 'client', message: 'bad key', ...metadata }),
      'ProfileConfigurationError',
    ],
  ],
  UnrecognizedClientException: [
    ['UnrecognizedClientException', named('UnrecognizedClientException', 'x'), 'ProfileConfigurationError'],
  ],
  SignatureDoesNotMatch: [
    [
      'SignatureDoesNotMatch',
      new STSServiceException({ name: 'SignatureDoesNotMatch', $fault: 'client', message: 'sig', ...metadata }),
      'ProfileConfigurationError',
    ],
  ],
  CredentialsProviderError: [
    [
      'CredentialsProviderError',
      named('CredentialsProviderError', 'Could not load credentials from any providers'),
      'ProfileConfigurationError',
    ],
  ],
  'NoSuchEntity*': [
    [
      'IAM NoSuchEntityException',
      new NoSuchEntityException({ message: 'Policy not found', ...metadata }),
      'ResourceDoesNotExistError',
    ],
  ],
  NotFoundException: [['NotFoundException', named('NotFoundException', 'no app'), 'ResourceDoesNotExistError']],
  ResourceNotFoundException: [
    ['ResourceNotFoundException', named('ResourceNotFoundException', 'gone'), 'ResourceDoesNotExistError'],
  ],
  'Throttling*': [
    ['Throttling', unmodelled('Throttling', 'Rate exceeded'), 'APIRateExceededError'],
    ['ThrottlingException', named('ThrottlingException', 'Rate exceeded'), 'APIRateExceededError'],
  ],
  TooManyRequestsException: [
    ['TooManyRequestsException', named('TooManyRequestsException', 'slow down'), 'APIRateExceededError'],
  ],
  RequestLimitExceeded: [['RequestLimitExceeded', named('RequestLimitExceeded', 'slow down'), 'APIRateExceededError']],
  ECONNREFUSED: [['ECONNREFUSED', network('ECONNREFUSED', { address: '127.0.0.1', port: 4566 }), 'ConfigurationError']],
  ENOTFOUND: [['ENOTFOUND', network('ENOTFOUND', { hostname: 'iam.amazonaws.com' }), 'ConfigurationError']],
  ETIMEDOUT: [['ETIMEDOUT', network('ETIMEDOUT', {}), 'ConfigurationError']],
  ECONNRESET: [['ECONNRESET', network('ECONNRESET', {}), 'ConfigurationError']],
  EAI_AGAIN: [['EAI_AGAIN', network('EAI_AGAIN', { hostname: 'sts.amazonaws.com' }), 'ConfigurationError']],
  TimeoutError: [['TimeoutError', named('TimeoutError', 'Connection timed out after 1000 ms'), 'ConfigurationError']],
  AbortError: [
    ['the deadline of one operation', named('AbortError', 'This operation was aborted'), 'ConfigurationError'],
  ],
};

const call: AwsCall = { action: 'iam:GetPolicy', resource: 'arn:aws:iam::123456789012:policy/B', env: 'dev' };

describe('translateAwsError', () => {
  it('has an example for every row of AWS_ERROR_TABLE', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(AWS_ERROR_TABLE.map(([pattern]) => pattern).sort());
  });

  const rows = Object.entries(EXAMPLES).flatMap(([pattern, examples]) =>
    examples.map(([what, error, name]) => [pattern, what, error, name] as const),
  );

  it.each(rows)(
    'translates %s (%s) into %s, naming the action and keeping the cause',
    (_pattern, _what, error, name) => {
      const translated = translateAwsError(error, call);
      expect(translated).toBeInstanceOf(GuardError);
      expect(translated.name).toBe(name);
      expect(translated.message).toContain('iam:GetPolicy');
      expect(translated.resolution).toEqual(expect.any(String));
      expect(translated.cause).toBe(error);
    },
  );

  it('names the endpoint and the action when an operation runs past its deadline', () => {
    const error = Object.assign(named('AbortError', 'This operation was aborted'), { $endpoint: 'http://127.0.0.1:9' });
    const translated = translateAwsError(error, call);
    expect(translated.message).toBe(
      'The AWS endpoint http://127.0.0.1:9 did not answer iam:GetPolicy within 45 s (retries included).',
    );
    expect(translated.resolution).toContain('AWS_ENDPOINT_URL');
  });

  it('keeps the text of AWS, which says whether an SCP or a permissions boundary denied the call', () => {
    const text =
      'User: arn:aws:iam::123456789012:user/ci is not authorized to perform: iam:GetPolicy with an explicit deny in a service control policy';
    expect(translateAwsError(unmodelled('AccessDenied', text), call).message).toContain(text);
  });

  it('says which permission is missing, on what, for which env', () => {
    const translated = translateAwsError(unmodelled('AccessDenied', 'no'), call);
    expect(translated.message).toBe(
      'AWS denied iam:GetPolicy on arn:aws:iam::123456789012:policy/B with the credentials of env "dev": no',
    );
    expect(translated.resolution).toContain('Allow iam:GetPolicy');
  });

  it('names the endpoint it could not reach', () => {
    expect(translateAwsError(network('ECONNREFUSED', { address: '127.0.0.1', port: 4566 }), call).message).toContain(
      '(127.0.0.1:4566)',
    );
    expect(translateAwsError(network('ENOTFOUND', { hostname: 'iam.amazonaws.com' }), call).message).toContain(
      '(iam.amazonaws.com)',
    );
  });

  it('says what was not found', () => {
    const translated = translateAwsError(new NoSuchEntityException({ message: 'Policy not found', ...metadata }), call);
    expect(translated.message).toContain('arn:aws:iam::123456789012:policy/B was not found');
  });

  it('turns an unknown client fault into an InputValidationError naming the action', () => {
    const error = new MalformedPolicyDocumentException({ message: 'Syntax errors in policy.', ...metadata });
    const translated = translateAwsError(error, { action: 'iam:CreatePolicy' });
    expect(translated).toBeInstanceOf(GuardError);
    expect(translated.name).toBe('InputValidationError');
    expect(translated.message).toContain('iam:CreatePolicy');
    expect(translated.message).toContain('Syntax errors in policy.');
    expect(translated.cause).toBe(error);
  });

  it('turns an unknown server error into a GuardFault keeping the cause', () => {
    const error = new ServiceFailureException({ message: 'internal', ...metadata });
    const translated = translateAwsError(error, call);
    expect(translated).toBeInstanceOf(GuardFault);
    expect(translated.name).toBe('UnknownFault');
    expect(translated.message).toContain('iam:GetPolicy');
    expect(translated.cause).toBe(error);
  });

  it('turns a thrown non-Error into a GuardFault', () => {
    const translated = translateAwsError('boom', call);
    expect(translated).toBeInstanceOf(GuardFault);
    expect(translated.message).toContain('boom');
  });

  it("passes the plugin's own errors through unchanged", () => {
    const own = new GuardError('InputValidationError', {
      message: 'x',
      resolution: 'Run `amplify boundary set --permissions-boundary <arn>`.',
    });
    expect(translateAwsError(own, call)).toBe(own);
    const fault = new GuardFault('UnknownFault', { message: 'y' });
    expect(translateAwsError(fault, call)).toBe(fault);
  });
});

describe('isAwsError', () => {
  it('matches by name, by code, and by prefix', () => {
    expect(isAwsError(new NoSuchEntityException({ message: 'x', ...metadata }), 'NoSuchEntity*')).toBe(true);
    expect(isAwsError(network('ECONNRESET', {}), 'ECONNRESET')).toBe(true);
    expect(isAwsError(named('AccessDeniedException', 'x'), 'AccessDenied')).toBe(false);
    expect(isAwsError({ name: 'AccessDenied' }, 'AccessDenied*')).toBe(false);
  });
});

describe('callAws', () => {
  it('returns what the call returns', async () => {
    await expect(callAws(call, () => Promise.resolve(42))).resolves.toBe(42);
  });

  it('throws the translated error', async () => {
    await expect(callAws(call, () => Promise.reject(unmodelled('AccessDenied', 'no')))).rejects.toMatchObject({
      name: 'PermissionsError',
    });
  });
});
