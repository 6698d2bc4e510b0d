import { GuardError } from '../errors';
import { limitOperations, nameEndpointOnError, requestHandlerSettings, TIME_LIMITS, type TimeLimits } from './http';
import type { AwsAccess, EnvAws } from './ports';
import { createRequestCounter } from './request-count';

/** Attempts of one request that fails for another reason than throttling (throttling is paced, not counted). */
export const MAX_ATTEMPTS = 6;

/**
 * Client settings for one account; the SDK still honours AWS_ENDPOINT_URL* and AWS_REGION. Each client gets its
 * own send rate: IAM, CloudFormation and Amplify throttle separately.
 */
export const clientConfig = async (access: AwsAccess, limits: TimeLimits = TIME_LIMITS) => ({
  maxAttempts: MAX_ATTEMPTS,
  requestHandler: await requestHandlerSettings(limits),
  ...(access.region ? { region: access.region } : {}),
  ...(access.credentials ? { credentials: access.credentials } : {}),
  ...(access.profile ? { profile: access.profile } : {}),
});

const NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Builds SDK clients without the SDK's NodeVersionSupportWarning. The SDK prints it on every Node older than
 * the one its future releases will require (22), so on Node 18 and 20, which the CLI and this plugin support,
 * every command that reached AWS ended with a warning the CLI itself never shows. The SDK's own switch is an
 * environment variable: it is set only while the clients are built, synchronously so that nothing else runs
 * meanwhile, then put back as it was. The SDK checks once per process and remembers the check in this
 * plugin's own copy of the SDK, so the later clients of the run stay quiet too; the CLI's copy is another
 * module and is left alone.
 */
export const withoutNodeVersionWarning = <T>(build: () => T): T => {
  const before = process.env[NODE_WARNING_SWITCH];
  process.env[NODE_WARNING_SWITCH] = 'true';
  try {
    return build();
  } finally {
    if (before === undefined) delete process.env[NODE_WARNING_SWITCH];
    else process.env[NODE_WARNING_SWITCH] = before;
  }
};

/** A client with the plugin's deadline per operation, whose errors name the endpoint they came from. */
const guarded = <C extends Parameters<typeof limitOperations>[0] & Parameters<typeof nameEndpointOnError>[0]>(
  client: C,
  limits: TimeLimits,
): C => {
  nameEndpointOnError(client);
  return limitOperations(client, limits.operationMs);
};

const resolveRegion = async (region: () => Promise<string>, access: AwsAccess): Promise<string> => {
  try {
    return await region();
  } catch (error) {
    throw new GuardError(
      'ConfigurationError',
      {
        message: `No AWS region is configured${access.profile ? ` for profile "${access.profile}"` : ''}.`,
        resolution: access.profile
          ? `Add \`region = <region>\` to [profile ${access.profile}] in ~/.aws/config, or set AWS_REGION.`
          : 'Set AWS_REGION (or a region in the profile you use).',
      },
      error,
    );
  }
};

// Two turns of the event loop: enough for a request just sent to be written to its socket before the
// caller blocks the loop (loading a client module is synchronous work).
const afterSending = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * Builds the SDK-backed ports for one env, and the region they act in. The SDK is imported here, on first
 * use, so that commands and events that need no AWS call never load it. The account check (STS) is sent as
 * soon as its own client is loaded, and the IAM, CloudFormation and Amplify clients load while it is in
 * flight: every use of the env's credentials still waits for the caller to check that account.
 */
export const createEnvAws = async (
  access: AwsAccess,
  env?: string,
  limits: TimeLimits = TIME_LIMITS,
): Promise<EnvAws & { region: string }> => {
  const [{ STSClient }, sts, { StandardRetryStrategy }, { createSendRate, throttleAwareRetry }] = await Promise.all([
    import('@aws-sdk/client-sts'),
    import('./sts'),
    import('@smithy/core/retry'),
    import('./send-rate'),
  ]);
  const shared = await clientConfig(access, limits);
  const config = () => ({
    ...shared,
    retryStrategy: throttleAwareRetry(new StandardRetryStrategy(MAX_ATTEMPTS), createSendRate()),
  });
  const counter = createRequestCounter();
  const client = <C extends Parameters<typeof guarded>[0]>(made: C, service: string): C =>
    counter.watch(guarded(made, limits), service);
  const stsClient = client(
    withoutNodeVersionWarning(() => new STSClient(config())),
    'sts',
  );
  const region = access.region ?? (await resolveRegion(() => stsClient.config.region(), access));
  const identity = sts.createIdentityPort(stsClient, env);
  const account = identity.account();
  // The caller awaits it when it checks the account; until then a rejection must not count as unhandled.
  account.catch(() => {});
  await afterSending();

  const [{ IAMClient }, { CloudFormationClient }, { AmplifyClient }, iam, cloudformation, roles, hosting, simulator] =
    await Promise.all([
      import('@aws-sdk/client-iam'),
      import('@aws-sdk/client-cloudformation'),
      import('@aws-sdk/client-amplify'),
      import('./iam'),
      import('./cloudformation'),
      import('./roles'),
      import('./hosting'),
      import('./simulator'),
    ]);
  const made = withoutNodeVersionWarning(() => ({
    iam: new IAMClient(config()),
    amplify: new AmplifyClient(config()),
    cloudformation: new CloudFormationClient(config()),
  }));
  const iamClient = client(made.iam, 'iam');
  return {
    region,
    iam: iam.createIamPort(iamClient, env),
    roles: roles.createRolesPort(iamClient, env),
    simulator: simulator.createSimulatorPort(iamClient, env),
    hosting: hosting.createHostingPort(client(made.amplify, 'amplify'), env),
    identity: { account: () => account },
    stacks: cloudformation.createStacksPort(client(made.cloudformation, 'cloudformation'), env),
    requests: counter.counts,
  };
};
