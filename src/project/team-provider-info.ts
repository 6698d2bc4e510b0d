import { GuardError } from '../errors';
import { isObject } from '../util/is-object';
import { changeJsonFile, CLI_REWRITE_WAIT_MS, readJsonDocument, type JsonObject } from './json-file';
import { withProjectLock } from './project-lock';
import type { ProjectPaths } from './paths';

/** What team-provider-info says about one env. */
export type EnvRecord = {
  name: string;
  region?: string;
  /** The account of the env's root stack, from its StackId. */
  account?: string;
  appId?: string;
  stackName?: string;
  authRoleName?: string;
  unauthRoleName?: string;
  /** `undefined`: no key at all; `''`: no boundary, on purpose. */
  boundary?: string;
};

/** The boundary key the CLI itself reads at push: `<env>.awscloudformation.PermissionsBoundaryPolicyArn`. */
export const BOUNDARY_KEY = 'PermissionsBoundaryPolicyArn';

const stringAt = (object: JsonObject, key: string): string | undefined =>
  typeof object[key] === 'string' ? object[key] : undefined;

/** The account id inside a CloudFormation stack ARN (`arn:aws:cloudformation:<region>:<account>:stack/…`). */
export const accountOfStackId = (stackId: string | undefined): string | undefined => {
  const account = stackId?.split(':')[4];
  return account && /^\d{12}$/.test(account) ? account : undefined;
};

/** Reads the envs from team-provider-info.json, in file order. */
export const parseEnvRecords = (file: string, value: JsonObject): EnvRecord[] =>
  Object.entries(value).map(([name, env]) => {
    const provider = isObject(env) && isObject(env.awscloudformation) ? env.awscloudformation : {};
    const boundary = provider[BOUNDARY_KEY];
    if (boundary !== undefined && typeof boundary !== 'string') {
      throw new GuardError('ConfigurationError', {
        message: `${file}: ${name}.awscloudformation.${BOUNDARY_KEY} is ${JSON.stringify(boundary)}, but it must be a policy ARN string or "".`,
        resolution: `Run \`amplify boundary set --env ${name} --permissions-boundary <arn>\` (or '' for none).`,
      });
    }
    return {
      name,
      region: stringAt(provider, 'Region'),
      account: accountOfStackId(stringAt(provider, 'StackId')),
      appId: stringAt(provider, 'AmplifyAppId'),
      stackName: stringAt(provider, 'StackName'),
      authRoleName: stringAt(provider, 'AuthRoleName'),
      unauthRoleName: stringAt(provider, 'UnauthRoleName'),
      boundary,
    };
  });

/** The envs of a project; an uninitialised project is an error saying to run `amplify init`. */
export const readEnvRecords = async (paths: ProjectPaths): Promise<EnvRecord[]> => {
  const document = await readJsonDocument(paths.teamProviderInfo, CLI_REWRITE_WAIT_MS);
  if (!document) {
    throw new GuardError('ProjectNotInitializedError', {
      message: `${paths.teamProviderInfo} does not exist, so this project has no environments here.`,
      resolution:
        'Run `amplify init` to create an environment, or `amplify pull` / `amplify env pull` to bring an existing one.',
    });
  }
  return parseEnvRecords(paths.teamProviderInfo, document.value);
};

const setBoundaryKey = (value: JsonObject, env: string, arn: string): void => {
  const record = isObject(value[env]) ? value[env] : (value[env] = {});
  const provider = isObject(record.awscloudformation) ? record.awscloudformation : (record.awscloudformation = {});
  provider[BOUNDARY_KEY] = arn;
};

/**
 * Writes the boundaries of several envs in one atomic write; `''` records "no boundary, on purpose".
 *
 * The current env's boundary is also kept in step in `amplify/backend/amplify-meta.json` when that file holds
 * it: after deploying the root stack, the CLI copies the provider section of amplify-meta over the env's
 * team-provider-info record, which would silently bring the old boundary back.
 */
export const writeBoundaries = async (paths: ProjectPaths, boundaries: ReadonlyMap<string, string>): Promise<boolean> =>
  withProjectLock(paths.lock, async (holder) => {
    const changed = await changeJsonFile(
      paths.teamProviderInfo,
      (value) => {
        for (const [env, arn] of boundaries) setBoundaryKey(value, env, arn);
      },
      { createIfMissing: false, rewrittenByCli: true },
      holder,
    );
    const current = (await readJsonDocument(paths.localEnvInfo))?.value.envName;
    const arn = typeof current === 'string' ? boundaries.get(current) : undefined;
    const meta = arn === undefined ? undefined : await readJsonDocument(paths.backendMeta);
    const provider = meta?.value.providers;
    const inMeta =
      isObject(provider) && isObject(provider.awscloudformation) && BOUNDARY_KEY in provider.awscloudformation;
    if (arn !== undefined && inMeta) {
      await changeJsonFile(
        paths.backendMeta,
        (value) => {
          ((value.providers as JsonObject).awscloudformation as JsonObject)[BOUNDARY_KEY] = arn;
        },
        { createIfMissing: false },
        holder,
      );
    }
    return changed;
  });
