import type { AwsAccess, StaticCredentials } from '../aws/ports';
import { GuardError } from '../errors';
import type { HostContext } from './context';

type SdkConfig = { credentials?: Partial<StaticCredentials>; region?: string };

/**
 * The AWS access of an existing env, through the CLI's own provider (`loadConfigurationForEnv`): profiles,
 * access keys and Amplify Studio logins all work as they do for the CLI. The plugin never reads credentials files.
 */
export const hostEnvAccess = async (
  context: HostContext,
  env: string,
  region: string | undefined,
): Promise<AwsAccess> => {
  const invoke = context.amplify?.invokePluginMethod;
  if (!invoke) {
    throw new GuardError('ConfigurationError', {
      message: 'The Amplify CLI did not offer its AWS provider to this plugin.',
      resolution: 'Run the command with the Amplify CLI (`amplify boundary …`) in an initialised project.',
    });
  }
  const config = (await invoke(context, 'awscloudformation', undefined, 'loadConfigurationForEnv', [context, env])) as
    SdkConfig | undefined;
  const credentials = config?.credentials;
  const resolvedRegion = region ?? config?.region;
  if (!credentials?.accessKeyId || !credentials.secretAccessKey || !resolvedRegion) {
    throw new GuardError('ProfileConfigurationError', {
      message: `No AWS credentials${resolvedRegion ? '' : ' or region'} are configured for env "${env}".`,
      resolution: `Run \`amplify env checkout ${env}\` and \`amplify configure project\` to give the env a profile or keys.`,
    });
  }
  return {
    region: resolvedRegion,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
      expiration: credentials.expiration,
    },
  };
};
