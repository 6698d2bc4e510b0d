import type { AwsAccess } from '../aws/ports';
import { GuardError } from '../errors';
import { isObject } from '../util/is-object';

type ProviderPayload = {
  configLevel?: string;
  useProfile?: boolean;
  profileName?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  region?: string;
};

const parseJsonOption = (name: string, value: string | boolean | undefined): Record<string, unknown> | undefined => {
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return isObject(parsed) ? parsed : undefined;
  } catch (error) {
    throw new GuardError(
      'InputValidationError',
      {
        message: `--${name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}.`,
        resolution: `Pass --${name} a JSON string, e.g. --providers '{"awscloudformation":{"configLevel":"project","useProfile":true,"profileName":"prod"}}'.`,
      },
      error,
    );
  }
};

/**
 * How to reach the account of a new env from `amplify init`'s `--providers` (a profile, or keys handed to the
 * SDK as they are); without `--providers`, the default credential chain in a non-interactive init, and
 * `undefined` (not known yet: the CLI will ask) in an interactive one.
 */
export const newEnvAccess = (
  options: Readonly<Record<string, string | boolean | undefined>>,
  interactive: boolean,
): AwsAccess | undefined => {
  const payload = parseJsonOption('providers', options.providers)?.awscloudformation as ProviderPayload | undefined;
  if (!payload) return interactive ? undefined : {};
  if (payload.useProfile && payload.profileName) return { profile: payload.profileName, region: payload.region };
  if (payload.accessKeyId && payload.secretAccessKey) {
    return {
      region: payload.region,
      credentials: {
        accessKeyId: payload.accessKeyId,
        secretAccessKey: payload.secretAccessKey,
        sessionToken: payload.sessionToken,
      },
    };
  }
  return interactive && payload.configLevel !== 'general' ? undefined : {};
};

/** The name of the env `amplify init` creates: `--envName`, or `envName` in the `--amplify` payload. */
export const newEnvName = (options: Readonly<Record<string, string | boolean | undefined>>): string | undefined => {
  if (typeof options.envName === 'string') return options.envName;
  const envName = parseJsonOption('amplify', options.amplify)?.envName;
  return typeof envName === 'string' ? envName : undefined;
};
