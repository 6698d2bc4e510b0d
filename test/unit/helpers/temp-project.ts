import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The two envs every command test starts from: dev (current, 123456789012, us-east-1) and prod (222222222222, eu-west-1). */
export const DEV_ACCOUNT = '123456789012';
export const PROD_ACCOUNT = '222222222222';

/** team-provider-info.json of a freshly initialised two-env project, with a category key that must survive writes. */
export const defaultTeamProviderInfo = (): Record<string, unknown> => ({
  dev: {
    awscloudformation: {
      AuthRoleName: 'amplify-demo-dev-authRole',
      Region: 'us-east-1',
      StackName: 'amplify-demo-dev-123',
      StackId: `arn:aws:cloudformation:us-east-1:${DEV_ACCOUNT}:stack/x/y`,
      AmplifyAppId: 'd1abcdef',
    },
    categories: { auth: { userPoolGroups: { something: true } } },
  },
  prod: {
    awscloudformation: {
      Region: 'eu-west-1',
      StackName: 'amplify-demo-prod-456',
      StackId: `arn:aws:cloudformation:eu-west-1:${PROD_ACCOUNT}:stack/amplify-demo-prod-456/z`,
    },
  },
});

type ProviderRecords = Record<string, { awscloudformation?: Record<string, unknown> }>;

/** The default team-provider-info with the given boundaries recorded (`''`: none, on purpose). */
export const teamProviderInfoWith = (boundaries: Record<string, string>): Record<string, unknown> => {
  const tpi = defaultTeamProviderInfo() as ProviderRecords;
  for (const [env, arn] of Object.entries(boundaries)) {
    const record = (tpi[env] ??= {});
    (record.awscloudformation ??= {}).PermissionsBoundaryPolicyArn = arn;
  }
  return tpi;
};

/** A throwaway Amplify project folder under the OS temp folder. */
export type TempProject = {
  root: string;
  teamProviderInfo: string;
  guardConfig: string;
  /** Reads a project file as bytes (for byte-for-byte comparisons). */
  bytes(file: string): Promise<Buffer>;
  /** Reads and parses a project file. */
  json(file: string): Promise<unknown>;
  /** Writes a file under the root (objects as 2-space JSON), making its folders. */
  write(relative: string, value: unknown): Promise<void>;
  /** Reads and parses a file under the root. */
  readJson(relative: string): Promise<unknown>;
  remove(): Promise<void>;
};

/** Options for a temp project: team-provider-info content (object or raw text), iam-guard.json, current env. */
export type TempProjectOptions = {
  teamProviderInfo?: Record<string, unknown> | string | null;
  guardConfig?: Record<string, unknown> | string;
  currentEnv?: string;
};

const asText = (value: Record<string, unknown> | string): string =>
  typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`;

/** Creates a real Amplify Gen 1 project layout in a new temp folder. */
export const makeTempProject = async (options: TempProjectOptions = {}): Promise<TempProject> => {
  const root = await mkdtemp(join(tmpdir(), 'iam-guard-unit-'));
  const config = join(root, 'amplify', '.config');
  await mkdir(config, { recursive: true });
  await writeFile(join(config, 'project-config.json'), asText({ projectName: 'demo', version: '3.1' }));
  await writeFile(
    join(config, 'local-env-info.json'),
    asText({ projectPath: root, defaultEditor: 'code', envName: options.currentEnv ?? 'dev' }),
  );
  const teamProviderInfo = join(root, 'amplify', 'team-provider-info.json');
  const guardConfig = join(root, 'amplify', 'iam-guard.json');
  if (options.teamProviderInfo !== null) {
    await writeFile(teamProviderInfo, asText(options.teamProviderInfo ?? defaultTeamProviderInfo()));
  }
  if (options.guardConfig !== undefined) await writeFile(guardConfig, asText(options.guardConfig));
  const json = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, 'utf8')) as unknown;
  return {
    root,
    teamProviderInfo,
    guardConfig,
    bytes: (file) => readFile(file),
    json,
    write: async (relative, value) => {
      const file = join(root, relative);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
    },
    readJson: (relative) => json(join(root, relative)),
    remove: () => rm(root, { recursive: true, force: true }),
  };
};

/** A temp folder for single-file tests. */
export const makeTempDir = (): Promise<string> => mkdtemp(join(tmpdir(), 'iam-guard-unit-'));

/** The boundary recorded for an env in a parsed team-provider-info (undefined: no key). */
export const boundaryIn = (teamProviderInfo: unknown, env: string): unknown =>
  (
    (teamProviderInfo as Record<string, { awscloudformation?: Record<string, unknown> } | undefined>)[env]
      ?.awscloudformation ?? {}
  ).PermissionsBoundaryPolicyArn;
