import { isObject } from '../util/is-object';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { readJsonDocument } from './json-file';
import type { ProjectPaths } from './paths';

/** A resource of the project's backend: `amplify/backend/<category>/<resource>`. */
export type BackendResource = { category: string; resource: string };

/** A template file of a resource, its path relative to the project root, and its text or why it could not be read. */
export type TemplateFile = { file: string; text: string } | { file: string; error: string };

// The provider's own folder holds build output of the last push (possibly another env's), never a source.
const PROVIDER_FOLDER = 'awscloudformation';
const TEMPLATE_NAME = /template.*\.(json|ya?ml)$/i;

const backendFolder = (paths: ProjectPaths): string => join(paths.root, 'amplify', 'backend');

const isFolder = (path: string): Promise<boolean> =>
  stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );

/** The resources `amplify/backend/backend-config.json` declares (none when the file is absent). */
export const readBackendResources = async (paths: ProjectPaths): Promise<BackendResource[]> => {
  const config = await readJsonDocument(join(backendFolder(paths), 'backend-config.json'));
  if (!config) return [];
  return Object.entries(config.value).flatMap(([category, resources]) =>
    category === PROVIDER_FOLDER || !isObject(resources)
      ? []
      : Object.keys(resources).map((resource) => ({ category, resource })),
  );
};

/** The `*template*.(json|yaml|yml)` files of a resource's own folder; undefined when it is generated (a `build/` folder). */
export const resourceTemplateFiles = async (
  paths: ProjectPaths,
  { category, resource }: BackendResource,
): Promise<string[] | undefined> => {
  const folder = join(backendFolder(paths), category, resource);
  if (await isFolder(join(folder, 'build'))) return undefined;
  const names = await readdir(folder).catch(() => [] as string[]);
  return names
    .filter((name) => TEMPLATE_NAME.test(name))
    .sort()
    .map((name) => relative(paths.root, join(folder, name)));
};

/** The templates the CLI will deploy as written: those of every declared resource without a generated `build/`. */
export const readSourceTemplates = async (paths: ProjectPaths): Promise<TemplateFile[]> => {
  const resources = await readBackendResources(paths);
  const files = (await Promise.all(resources.map((resource) => resourceTemplateFiles(paths, resource)))).flatMap(
    (found) => found ?? [],
  );
  return Promise.all(
    files.map((file) =>
      readFile(join(paths.root, file), 'utf8').then(
        (text): TemplateFile => ({ file, text }),
        (error: NodeJS.ErrnoException): TemplateFile => ({ file, error: error.code ?? error.message }),
      ),
    ),
  );
};

/** A resource of amplify-meta.json with the logical ID of its nested stack in the root stack. */
export type DeployedResource = BackendResource & { logicalId: string };

/** The resources of `amplify/backend/amplify-meta.json` that name their nested stack (`providerMetadata.logicalId`). */
export const readDeployedResources = async (paths: ProjectPaths): Promise<DeployedResource[]> => {
  const meta = await readJsonDocument(paths.backendMeta).catch(() => undefined);
  if (!meta) return [];
  return Object.entries(meta.value).flatMap(([category, resources]) =>
    category === 'providers' || !isObject(resources)
      ? []
      : Object.entries(resources).flatMap(([resource, entry]) => {
          const logicalId =
            isObject(entry) && isObject(entry.providerMetadata) ? entry.providerMetadata.logicalId : undefined;
          return typeof logicalId === 'string' ? [{ category, resource, logicalId }] : [];
        }),
  );
};
