import type { LocalAwsEntry } from '../aws/credential-source';
import { isObject } from '../util/is-object';
import { readJsonDocument } from './json-file';
import type { ProjectPaths } from './paths';

/** The env's entry in `amplify/.config/local-aws-info.json` (how the CLI gets its credentials); undefined: none. */
export const readLocalAwsEntry = async (paths: ProjectPaths, env: string): Promise<LocalAwsEntry | undefined> => {
  const document = await readJsonDocument(paths.localAwsInfo);
  const entry = document?.value[env];
  if (!isObject(entry)) return undefined;
  const record = entry;
  const text = (key: string): string | undefined => (typeof record[key] === 'string' ? record[key] : undefined);
  return {
    configLevel: text('configLevel'),
    useProfile: record.useProfile === true,
    profileName: text('profileName'),
    awsConfigFilePath: text('awsConfigFilePath'),
  };
};
