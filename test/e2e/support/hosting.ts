import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Connects a project's env to an Amplify app id, as Amplify Hosting does: team-provider-info and both amplify-meta copies. */
export const connectApp = async (project: string, env: string, appId: string): Promise<void> => {
  const edit = async (
    file: string,
    change: (value: Record<string, Record<string, Record<string, unknown>>>) => void,
  ): Promise<void> => {
    const path = join(project, file);
    const value = JSON.parse(await readFile(path, 'utf8')) as Record<string, Record<string, Record<string, unknown>>>;
    change(value);
    await writeFile(path, JSON.stringify(value, null, 2));
  };
  await edit('amplify/team-provider-info.json', (tpi) => {
    tpi[env].awscloudformation.AmplifyAppId = appId;
  });
  for (const meta of ['amplify/backend/amplify-meta.json', 'amplify/#current-cloud-backend/amplify-meta.json']) {
    await edit(meta, (value) => {
      value.providers.awscloudformation.AmplifyAppId = appId;
    });
  }
};
