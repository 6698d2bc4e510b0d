import { join } from 'node:path';
import { isObject } from '../util/is-object';
import { readJsonDocument } from './json-file';
import type { ProjectPaths } from './paths';

const path = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((current, key) => (isObject(current) ? current[key] : undefined), value);

/**
 * The boundary the current env last deployed, from the CLI's local copy of that deployment
 * (`amplify/#current-cloud-backend`): the auth role's PermissionsBoundary in the root stack template, or
 * the provider's PermissionsBoundaryPolicyArn in its amplify-meta.json. `null`: deployed without one;
 * `undefined`: there is no local copy (a fresh checkout), so the deployed role must be asked.
 */
export const readDeployedBoundary = async (paths: ProjectPaths): Promise<string | null | undefined> => {
  const folder = paths.currentCloudBackend;
  const [template, meta] = await Promise.all([
    readJsonDocument(join(folder, 'awscloudformation', 'build', 'root-cloudformation-stack.json')),
    readJsonDocument(join(folder, 'amplify-meta.json')),
  ]);
  if (!template && !meta) return undefined;
  const fromTemplate = ['AuthRole', 'UnauthRole']
    .map((role) => path(template?.value, 'Resources', role, 'Properties', 'PermissionsBoundary'))
    .find((value): value is string => typeof value === 'string' && value !== '');
  const fromMeta = path(meta?.value, 'providers', 'awscloudformation', 'PermissionsBoundaryPolicyArn');
  return fromTemplate ?? (typeof fromMeta === 'string' && fromMeta !== '' ? fromMeta : null);
};
