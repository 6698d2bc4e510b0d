import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { providersFor, run, type RunResult, type Sandbox } from './amplify-cli';

/** Git in the sandbox, with an identity of its own (the sandbox HOME has no git config). */
export const git = async (sandbox: Sandbox, args: string[], cwd: string): Promise<RunResult> => {
  const result = await run(
    'git',
    args,
    cwd,
    {
      ...sandbox.env,
      GIT_AUTHOR_NAME: 'e2e',
      GIT_AUTHOR_EMAIL: 'e2e@example.com',
      GIT_COMMITTER_NAME: 'e2e',
      GIT_COMMITTER_EMAIL: 'e2e@example.com',
    },
    60_000,
  );
  if (result.code !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.output}`);
  return result;
};

/**
 * Commits a project as a repository would hold it and clones it, as Amplify Hosting checks out a branch: the
 * project's own `amplify/.gitignore` decides what the checkout has, and team-provider-info is never there.
 */
export const cloneProject = async (sandbox: Sandbox, project: string): Promise<string> => {
  await git(sandbox, ['init', '-q', '-b', 'main'], project);
  await git(sandbox, ['add', '-A'], project);
  await git(sandbox, ['commit', '-q', '--allow-empty', '-m', 'the project as committed'], project);
  const clone = await mkdtemp(join(sandbox.home, 'checkout-'));
  await git(sandbox, ['clone', '-q', project, clone], sandbox.home);
  await rm(join(clone, 'amplify/team-provider-info.json'), { force: true });
  return clone;
};

/** The env's stack info as `amplify env get --json` gives it (`{awscloudformation: …}`): what a Hosting build passes to `env import`. */
export const stackInfoOf = async (sandbox: Sandbox, project: string, env: string): Promise<Record<string, unknown>> => {
  const result = await sandbox.amplify(['env', 'get', '--name', env, '--json'], { cwd: project });
  if (result.code !== 0) throw new Error(`amplify env get failed:\n${result.output}`);
  return JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as Record<string, unknown>;
};

/** The stack info without the boundary key, as a cache written before the boundary was set (or by hand) has it. */
export const withoutBoundaryKey = (stackInfo: Record<string, unknown>): Record<string, unknown> => {
  const provider = { ...(stackInfo.awscloudformation as Record<string, unknown>) };
  delete provider.PermissionsBoundaryPolicyArn;
  return { ...stackInfo, awscloudformation: provider };
};

/** What a replayed Hosting build printed: the `env import` and the `init --forcePush` that deploys. */
export type HostingBuild = { imported: RunResult; built: RunResult };

/**
 * Replays Amplify Hosting's backend build in a checkout: `amplify env import` of the cached stack info, then
 * `amplify init --forcePush`, which deploys (PreInit, PrePush, the deployment, PostInit; no PostPush).
 */
export const hostingBuild = async (
  sandbox: Sandbox,
  checkout: string,
  stackInfo: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
): Promise<HostingBuild> => {
  const awsInfo = { configLevel: 'project', useProfile: true, profileName: 'default' };
  const options = { cwd: checkout, env, timeoutMs: 240_000 };
  const imported = await sandbox.amplify(
    [
      'env',
      'import',
      '--name',
      'dev',
      '--config',
      JSON.stringify(stackInfo),
      '--awsInfo',
      JSON.stringify(awsInfo),
      '--yes',
    ],
    options,
  );
  if (imported.code !== 0) throw new Error(`amplify env import failed:\n${imported.output}`);
  const built = await sandbox.amplify(
    [
      'init',
      '--amplify',
      JSON.stringify({ envName: 'dev' }),
      '--providers',
      providersFor('default'),
      '--codegen',
      JSON.stringify({ generateCode: false, generateDocs: false }),
      '--yes',
      '--forcePush',
    ],
    options,
  );
  return { imported, built };
};

/** Changes a JSON file of a project in place. */
export const editJson = async (
  project: string,
  file: string,
  change: (value: Record<string, unknown>) => void,
): Promise<void> => {
  const path = join(project, file);
  const value = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  change(value);
  await writeFile(path, JSON.stringify(value, null, 2));
};

/**
 * Adds a hand-made resource of a category to a project, as `amplify add` would: its template under
 * `amplify/backend/<category>/<name>/`, and its entry in backend-config.json and amplify-meta.json.
 */
export const addBackendResource = async (
  project: string,
  resource: { category: string; name: string; service: string; template: unknown; templateFile: string },
): Promise<void> => {
  const folder = join(project, 'amplify/backend', resource.category, resource.name);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, resource.templateFile), JSON.stringify(resource.template, null, 2));
  await writeFile(join(folder, 'parameters.json'), '{}');
  const entry = { service: resource.service, providerPlugin: 'awscloudformation', dependsOn: [] };
  for (const meta of ['amplify/backend/backend-config.json', 'amplify/backend/amplify-meta.json'])
    await editJson(project, meta, (value) => {
      value[resource.category] = { ...(value[resource.category] as object | undefined), [resource.name]: entry };
    });
};

/** Writes a file of a project, making its folders. */
export const writeProjectFile = async (project: string, file: string, text: string): Promise<void> => {
  await mkdir(dirname(join(project, file)), { recursive: true });
  await writeFile(join(project, file), text);
};
