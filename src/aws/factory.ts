import type { AwsAccess, EnvAws } from './ports';

/** Retry settings for every client: adaptive mode backs off when IAM or Amplify throttle. */
export const RETRY = { retryMode: 'adaptive', maxAttempts: 6 } as const;

/** Client settings for one account and region; the SDK still honours AWS_ENDPOINT_URL* and proxies. */
export const clientConfig = (access: AwsAccess) => ({
  region: access.region,
  ...RETRY,
  ...(access.credentials ? { credentials: access.credentials } : {}),
  ...(access.profile ? { profile: access.profile } : {}),
});

/**
 * Builds the SDK-backed ports for one env. The SDK is imported here, on first use, so that commands
 * and events that need no AWS call never load it.
 */
export const createEnvAws = async (access: AwsAccess, env?: string): Promise<EnvAws> => {
  const [{ IAMClient }, { STSClient }, { createIamPort }, { createIdentityPort }] = await Promise.all([
    import('@aws-sdk/client-iam'),
    import('@aws-sdk/client-sts'),
    import('./iam'),
    import('./sts'),
  ]);
  const config = clientConfig(access);
  return {
    iam: createIamPort(new IAMClient(config), env),
    identity: createIdentityPort(new STSClient(config), env),
  };
};
