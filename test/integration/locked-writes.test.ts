import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const ENVS = ['dev', 'stage', 'prod', 'qa', 'perf', 'demo'];

let project: string;
beforeEach(async () => {
  project = await mkdtemp(join(tmpdir(), 'iam-guard-race-'));
  await mkdir(join(project, 'amplify', '.config'), { recursive: true });
  const tpi = Object.fromEntries(ENVS.map((env) => [env, { awscloudformation: { Region: 'us-east-1' } }]));
  await writeFile(join(project, 'amplify', 'team-provider-info.json'), `${JSON.stringify(tpi, null, 2)}\n`);
});
afterEach(() => rm(project, { recursive: true, force: true }));

const setBoundary = (env: string): Promise<{ stdout: string }> =>
  promisify(execFile)(
    process.execPath,
    [resolve(ROOT, 'test/fixtures/set-boundary.js'), ROOT, project, env, `arn:aws:iam::123456789012:policy/${env}`],
    { timeout: 60_000 },
  );

describe('project files changed by several processes at once', () => {
  it('keeps every change when six runs write six envs at the same moment', async () => {
    const runs = await Promise.all(ENVS.map(setBoundary));
    expect(runs.map((run) => run.stdout)).toEqual(ENVS.map(() => 'written'));
    const tpi = JSON.parse(await readFile(join(project, 'amplify', 'team-provider-info.json'), 'utf8')) as Record<
      string,
      { awscloudformation: Record<string, string> }
    >;
    for (const env of ENVS) {
      expect(tpi[env].awscloudformation).toEqual({
        Region: 'us-east-1',
        PermissionsBoundaryPolicyArn: `arn:aws:iam::123456789012:policy/${env}`,
      });
    }
  });
});
