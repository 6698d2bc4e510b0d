import { homedir } from 'node:os';
import { credentialSource } from '../aws/credential-source';
import { readProfile, sdkAccess, sharedFilePaths, watchedProvider } from '../aws/credentials';
import type { AwsAccess, StaticCredentials } from '../aws/ports';
import { GuardError } from '../errors';
import { readLocalAwsEntry } from '../project/local-aws-info';
import type { ProjectPaths } from '../project/paths';
import type { HostContext } from './context';
import type { Redactor } from './redact';

type SdkConfig = { credentials?: Partial<StaticCredentials>; region?: string };

/** What the env's credentials are looked up for: its name and region, its project, and the run's redactor. */
export type EnvCredentialRequest = {
  env: string;
  region: string | undefined;
  paths: ProjectPaths;
  secrets: Pick<Redactor, 'add'>;
};

const watched = (access: AwsAccess, secrets: Pick<Redactor, 'add'>): AwsAccess => {
  const { credentials } = access;
  if (typeof credentials === 'function') return { ...access, credentials: watchedProvider(credentials, secrets.add) };
  secrets.add(credentials?.accessKeyId);
  secrets.add(credentials?.secretAccessKey);
  secrets.add(credentials?.sessionToken);
  return access;
};

/**
 * The AWS access of an existing env, as the CLI would get it. The default chain for `configLevel: general` or
 * no entry (CI, Amplify Hosting builds), the SDK's own providers for plain profiles and the CLI's keys file;
 * everything else (assumed roles, MFA, Studio logins) through the CLI's provider, which costs a second of
 * start-up. Every credential handed out is told to the run's redactor.
 */
export const hostEnvAccess = async (context: HostContext, request: EnvCredentialRequest): Promise<AwsAccess> => {
  const entry = await readLocalAwsEntry(request.paths, request.env);
  const profile = entry?.useProfile && entry.profileName ? await readProfile(entry.profileName) : undefined;
  const source = credentialSource(entry, profile);
  if (source.kind !== 'cli-provider') return watched(await sdkAccess(source, request.region), request.secrets);
  return watched(await cliProviderAccess(context, request.env, request.region), request.secrets);
};

const cliProviderAccess = async (context: HostContext, env: string, region: string | undefined): Promise<AwsAccess> => {
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

/**
 * The access of an account that is not an env yet (a profile, keys, or the default chain); a profile that
 * neither shared file holds is an error naming the files, not a missing region further on.
 */
export const plainAccess = async (
  access: AwsAccess,
  secrets: Pick<Redactor, 'add'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<AwsAccess> => {
  if (access.profile && !(await readProfile(access.profile))) {
    const files = sharedFilePaths(env, homedir()).join(' and ');
    throw new GuardError('ProfileConfigurationError', {
      message: `There is no AWS profile "${access.profile}" in ${files}.`,
      resolution: `Create it with \`aws configure --profile ${access.profile}\`, or name a profile that exists.`,
    });
  }
  if (access.credentials) return watched(access, secrets);
  const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const provider = access.profile ? fromIni({ profile: access.profile }) : fromNodeProviderChain();
  return watched({ ...access, credentials: provider }, secrets);
};
