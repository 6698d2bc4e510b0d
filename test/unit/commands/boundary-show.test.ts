import { AmplifyException } from '@aws-amplify/amplify-cli-core';
import { writeFile } from 'node:fs/promises';
import { fakeCloud, runPluginCommand, type RunOptions } from '../helpers/command-harness';
import {
  DEV_ACCOUNT,
  teamProviderInfoWith,
  makeTempProject,
  PROD_ACCOUNT,
  type TempProject,
} from '../helpers/temp-project';

const DEV_BOUNDARY = `arn:aws:iam::${DEV_ACCOUNT}:policy/AmplifyBoundary`;

let project: TempProject;

beforeEach(async () => {
  const tpi = {
    ...teamProviderInfoWith({ dev: DEV_BOUNDARY, prod: DEV_BOUNDARY }),
    local: { awscloudformation: { Region: 'us-east-1' } },
  };
  project = await makeTempProject({ teamProviderInfo: tpi });
});

afterEach(async () => {
  process.exitCode = undefined;
  await project.remove();
});

const offline = () => ({ ...fakeCloud(), offline: true });
const show = (options: RunOptions['options']) =>
  runPluginCommand({ command: 'show', options, cwd: project.root, cloud: offline() });

describe('amplify boundary show', () => {
  it('prints one row per env with account, region, boundary, source and validity, then the problems', async () => {
    const { io, error } = await show({});
    expect(error).toBeUndefined();
    const text = io.printed();
    expect(text).toMatch(/^Env +Account +Region +Permissions boundary +Source +Valid$/m);
    expect(text).toMatch(
      new RegExp(`^dev \\* +${DEV_ACCOUNT} +us-east-1 +${DEV_BOUNDARY} +team-provider-info +yes$`, 'm'),
    );
    expect(text).toMatch(
      new RegExp(`^prod +${PROD_ACCOUNT} +eu-west-1 +${DEV_BOUNDARY} +team-provider-info +NO$`, 'm'),
    );
    expect(text).toMatch(/^local +\? +us-east-1 +\(not set\) +none +NO$/m);
    expect(text).toContain('* current environment');
    const warnings = io.lines.filter((line) => line.level === 'warn').map((line) => line.text);
    expect(warnings).toEqual([
      expect.stringMatching(new RegExp(`^prod: .*belongs to account ${DEV_ACCOUNT}`)),
      expect.stringMatching(
        /^local: No permissions boundary is configured for env "local".*amplify boundary set --env local --policy-name <name>/,
      ),
    ]);
    expect(io.stdout).toEqual([]);
  });

  it('notes a hosting category without the publish hooks, and stops once `boundary hooks` wrote them', async () => {
    await project.write('amplify/backend/backend-config.json', { hosting: { S3AndCloudFront: { service: 'S3' } } });
    const note = 'run `amplify boundary hooks`';
    expect((await show({})).io.printed()).toContain(note);
    await runPluginCommand({ command: 'hooks', cwd: project.root });
    expect((await show({})).io.printed()).not.toContain(note);
  });

  it('shows one env with --env', async () => {
    const { io } = await show({ env: 'prod' });
    expect(io.printed()).toContain('prod ');
    expect(io.printed()).not.toMatch(/^dev/m);
  });

  it('shows the iam-guard policy name resolved in each env without a value', async () => {
    await writeFile(project.guardConfig, '{ "boundary": { "policyName": "OrgBoundary", "policyPath": "/org/" } }');
    const { io } = await show({ json: true });
    const shown = JSON.parse(io.stdout.join('')) as { environments: Array<Record<string, unknown>> };
    expect(shown.environments.find((row) => row.env === 'local')).toEqual({
      env: 'local',
      account: null,
      region: 'us-east-1',
      boundary: '',
      source: 'iam-guard policy name',
      valid: false,
      problem: expect.stringContaining('"OrgBoundary" cannot be resolved') as unknown,
    });
  });

  it('prints only JSON with --json: one row per env with the same keys', async () => {
    const { io, error } = await show({ json: true });
    expect(error).toBeUndefined();
    expect(io.lines).toEqual([]);
    expect(io.stderr).toEqual([]);
    const shown = JSON.parse(io.stdout.join('')) as { environments: Array<Record<string, unknown>> };
    expect(Object.keys(shown)).toEqual(['environments']);
    for (const row of shown.environments) {
      expect(Object.keys(row).sort()).toEqual(['account', 'boundary', 'env', 'problem', 'region', 'source', 'valid']);
    }
    expect(shown.environments[0]).toEqual({
      env: 'dev',
      account: DEV_ACCOUNT,
      region: 'us-east-1',
      boundary: DEV_BOUNDARY,
      source: 'team-provider-info',
      valid: true,
      problem: null,
    });
    expect(shown.environments.map((row) => [row.env, row.valid])).toEqual([
      ['dev', true],
      ['prod', false],
      ['local', false],
    ]);
  });

  it('refuses a malformed amplify/iam-guard.json, naming the file and the line', async () => {
    await writeFile(project.guardConfig, '{\n  "boundary": {\n    "required": true,\n  }\n}\n');
    const { error } = await show({});
    expect(error).toBeInstanceOf(AmplifyException);
    expect(error).toHaveProperty('classification', 'ERROR');
    expect((error as AmplifyException).name).toBe('ConfigurationError');
    expect((error as AmplifyException).message).toContain(project.guardConfig);
    expect((error as AmplifyException).message).toContain('line 4');
    expect((error as AmplifyException).resolution).toContain(`${project.guardConfig}:4:3`);
  });

  it('with --json, writes a failure to stderr only and sets exit code 1 instead of throwing', async () => {
    await writeFile(project.guardConfig, '{\n  "boundary": {\n    "required": true,\n  }\n}\n');
    const { io, error } = await show({ json: true });
    expect((error as Error).name).toBe('ConfigurationError');
    expect(process.exitCode).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.lines).toEqual([]);
    const stderr = io.stderr.join('');
    expect(stderr).toContain('ConfigurationError');
    expect(stderr).toContain(project.guardConfig);
    expect(stderr).toContain('Resolution:');
  });

  it('with --json, reports an unknown env on stderr', async () => {
    const { io } = await show({ json: true, env: 'staging' });
    expect(process.exitCode).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.stderr.join('')).toContain('There is no environment "staging"');
  });
});
