import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GuardError } from '../errors';

/** The files of an Amplify Gen 1 project this plugin reads or writes. */
export type ProjectPaths = {
  root: string;
  teamProviderInfo: string;
  guardConfig: string;
  localEnvInfo: string;
  localAwsInfo: string;
  /** The lock every change of a project file is made under (the CLI's .gitignore covers local-* files). */
  lock: string;
  backendMeta: string;
  currentCloudBackend: string;
};

/** The project files under a project root. */
export const projectPaths = (root: string): ProjectPaths => ({
  root,
  teamProviderInfo: join(root, 'amplify', 'team-provider-info.json'),
  guardConfig: join(root, 'amplify', 'iam-guard.json'),
  localEnvInfo: join(root, 'amplify', '.config', 'local-env-info.json'),
  localAwsInfo: join(root, 'amplify', '.config', 'local-aws-info.json'),
  lock: join(root, 'amplify', '.config', 'local-iam-guard.lock'),
  backendMeta: join(root, 'amplify', 'backend', 'amplify-meta.json'),
  currentCloudBackend: join(root, 'amplify', '#current-cloud-backend'),
});

const exists = async (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

/** Finds the project root from a folder inside it, as the CLI does: the nearest folder with amplify/.config. */
export const findProjectRoot = async (from: string): Promise<string> => {
  for (let folder = from; ; folder = dirname(folder)) {
    if (await exists(join(folder, 'amplify', '.config', 'project-config.json'))) return folder;
    if (dirname(folder) === folder) break;
  }
  throw new GuardError('ProjectNotInitializedError', {
    message: `No Amplify project was found in ${from} or any folder above it.`,
    resolution: 'Run `amplify init` (or `amplify pull` for an existing backend) in your project folder first.',
  });
};
