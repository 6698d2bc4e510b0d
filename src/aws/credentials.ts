import { readFile } from 'node:fs/promises';
import { GuardError } from '../errors';
import { isObject } from '../util/is-object';
import type { CredentialSource, ProfileSection } from './credential-source';
import type { AwsAccess, CredentialProvider, StaticCredentials } from './ports';

/** The shared config and credentials files the SDK reads (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured). */
export const sharedFilePaths = (env: Readonly<Record<string, string | undefined>>, home: string): string[] => [
  env.AWS_CONFIG_FILE ?? `${home}/.aws/config`,
  env.AWS_SHARED_CREDENTIALS_FILE ?? `${home}/.aws/credentials`,
];

/** Reads a profile from the shared files, merged as the SDK merges them; undefined when neither file has it. */
export const readProfile = async (name: string): Promise<ProfileSection | undefined> => {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const fromConfig = configFile[name];
  const fromCredentials = credentialsFile[name];
  return fromConfig || fromCredentials ? { ...fromConfig, ...fromCredentials } : undefined;
};

/**
 * The keys file the CLI stored for an env (`awsConfigFilePath`), in either shape it writes: the keys at the
 * top level, or under `credentials`. This is the only credentials file the plugin reads; it never writes it
 * and never prints it.
 */
export const readKeysFile = async (file: string): Promise<{ credentials: StaticCredentials; region?: string }> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new GuardError(
      'ProfileConfigurationError',
      {
        message: `The AWS keys file the Amplify CLI stored for this env (${file}) could not be read.`,
        resolution: 'Run `amplify configure project` to store the env’s keys again.',
      },
      error,
    );
  }
  const keys = isObject(parsed) && isObject(parsed.credentials) ? parsed.credentials : parsed;
  const region = isObject(parsed) && typeof parsed.region === 'string' ? parsed.region : undefined;
  if (!isObject(keys) || typeof keys.accessKeyId !== 'string' || typeof keys.secretAccessKey !== 'string') {
    throw new GuardError('ProfileConfigurationError', {
      message: `The AWS keys file the Amplify CLI stored for this env (${file}) holds no access key id and secret.`,
      resolution: 'Run `amplify configure project` to store the env’s keys again.',
    });
  }
  return {
    region,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      sessionToken: typeof keys.sessionToken === 'string' ? keys.sessionToken : undefined,
    },
  };
};

/** A provider that tells `seen` every credential it hands out, so the run's output can mask them. */
export const watchedProvider =
  (provider: CredentialProvider, seen: (secret: string | undefined) => void): CredentialProvider =>
  async () => {
    const credentials = await provider();
    seen(credentials.accessKeyId);
    seen(credentials.secretAccessKey);
    seen(credentials.sessionToken);
    return credentials;
  };

/** The AWS access of a credential source the SDK can serve by itself (everything but the CLI's provider). */
export const sdkAccess = async (
  source: Exclude<CredentialSource, { kind: 'cli-provider' }>,
  region: string | undefined,
): Promise<AwsAccess> => {
  switch (source.kind) {
    case 'default-chain': {
      const { fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      return { region, credentials: fromNodeProviderChain() };
    }
    case 'profile': {
      const { fromIni, fromProcess } = await import('@aws-sdk/credential-providers');
      const profileRegion = region ?? (await readProfile(source.profile))?.region;
      const provider =
        source.via === 'ini' ? fromIni({ profile: source.profile }) : fromProcess({ profile: source.profile });
      return { region: profileRegion, credentials: provider };
    }
    case 'keys-file': {
      const keys = await readKeysFile(source.file);
      return { region: region ?? keys.region, credentials: keys.credentials };
    }
  }
};
