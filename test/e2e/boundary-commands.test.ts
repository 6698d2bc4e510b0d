import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StaticCredentials } from '../../src/aws/ports';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { createSandbox, initProject, type Sandbox } from './support/amplify-cli';

const motoUrl = process.env.MOTO_URL as string;
const OTHER = '222222222222';
const BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';

let sandbox: Sandbox;
let project: string;
let other: StaticCredentials;

const tpiPath = (): string => join(project, 'amplify', 'team-provider-info.json');
const readTpi = (): Promise<string> => readFile(tpiPath(), 'utf8');
const boundaryOf = async (env: string): Promise<unknown> =>
  (JSON.parse(await readTpi()) as Record<string, { awscloudformation: Record<string, unknown> }>)[env]
    ?.awscloudformation.PermissionsBoundaryPolicyArn;
const amplify = (...args: string[]) => sandbox.amplify(args, { cwd: project });

const createPolicy = async (credentials: StaticCredentials, name: string): Promise<void> => {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials });
  await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
};

beforeAll(async () => {
  await resetMoto(motoUrl);
  other = await credentialsInAccount(motoUrl, OTHER);
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS, prod: other });
  project = await initProject(sandbox, { name: 'shop', env: 'dev', profile: 'default' });
  await createPolicy(DEFAULT_CREDENTIALS, 'AmplifyBoundary');
  await createPolicy(other, 'AmplifyBoundary');
});

describe('amplify boundary help', () => {
  it('lists every boundary command and how to reach the compute-role ones', async () => {
    const result = await amplify('boundary', 'help');
    expect(result.code).toBe(0);
    for (const command of ['set', 'show', 'verify', 'simulate', 'resolve', 'help'])
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(result.stdout).toContain('amplify compute-role help');
  });

  it('lists every compute-role command', async () => {
    const result = await amplify('compute-role', 'help');
    expect(result.code).toBe(0);
    for (const command of ['attach', 'detach', 'show', 'audit'])
      expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('answers -h on a command with its flags', async () => {
    const set = await amplify('boundary', 'set', '-h');
    expect(set.stdout).toContain('amplify boundary set [--permissions-boundary');
    expect(set.stdout).toContain('--no-check');
    const attach = await amplify('compute-role', 'attach', '--help');
    expect(attach.stdout).toContain('--role-arn <arn>');
  });
});

describe('amplify boundary set', () => {
  it('records a policy of the env account and shows it', async () => {
    const result = await amplify('boundary', 'set', '--permissions-boundary', BOUNDARY);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Env "dev": permissions boundary set to ${BOUNDARY}`);
    expect(result.stdout).toContain('amplify push --force');
    expect(await boundaryOf('dev')).toBe(BOUNDARY);

    const again = await amplify('boundary', 'set', '--permissions-boundary', BOUNDARY);
    expect(again.stdout).toContain('nothing changed');

    const shown = await amplify('boundary', 'show', '--json');
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual({
      environments: [
        {
          env: 'dev',
          account: '123456789012',
          region: 'us-east-1',
          boundary: BOUNDARY,
          source: 'team-provider-info',
          valid: true,
          problem: null,
        },
      ],
    });
  });

  it.each([
    ['a wrong-partition ARN', 'arn:aws-cn:iam::123456789012:policy/AmplifyBoundary', 'partition "aws-cn"', BOUNDARY],
    [
      'a policy of another account',
      `arn:aws:iam::${OTHER}:policy/AmplifyBoundary`,
      `belongs to account ${OTHER}`,
      BOUNDARY,
    ],
    [
      'a policy that does not exist',
      'arn:aws:iam::123456789012:policy/Nope',
      'does not exist in account 123456789012',
      undefined,
    ],
    ['a malformed value', 'AmplifyBoundary', 'is not a valid IAM policy ARN', undefined],
  ])(
    'refuses %s, naming it and the fix, and leaves team-provider-info as it was',
    async (_case, arn, problem, suggestion) => {
      const before = await readTpi();
      const result = await amplify('boundary', 'set', '--permissions-boundary', arn);
      expect(result.code).not.toBe(0);
      expect(result.stdout).toContain(problem);
      expect(result.stdout).toContain('Resolution: amplify boundary set --env dev --permissions-boundary');
      if (suggestion) expect(result.stdout).toContain(`--permissions-boundary ${suggestion}`);
      expect(await readTpi()).toBe(before);
    },
  );

  it("records '' as no boundary, on purpose", async () => {
    const result = await amplify('boundary', 'set', '--permissions-boundary', '');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('removed on purpose');
    expect(await boundaryOf('dev')).toBe('');
  });

  it('asks for nothing in a headless run without the flag and names the flag', async () => {
    const result = await amplify('boundary', 'set', '--yes');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('--permissions-boundary <arn>');
  });

  it('resolves --policy-name in the env account and records it for new envs', async () => {
    const result = await amplify('boundary', 'set', '--policy-name', 'AmplifyBoundary');
    expect(result.code).toBe(0);
    expect(await boundaryOf('dev')).toBe(BOUNDARY);
    expect(JSON.parse(await readFile(join(project, 'amplify', 'iam-guard.json'), 'utf8'))).toEqual({
      boundary: { policyName: 'AmplifyBoundary' },
    });
  });

  it('reports a malformed amplify/iam-guard.json with its line, and leaves it untouched', async () => {
    const file = join(project, 'amplify', 'iam-guard.json');
    const broken = '{\n  "boundary": {\n    "policyName": "AmplifyBoundary",\n  }\n}\n';
    await writeFile(file, broken);
    const result = await amplify('boundary', 'show');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`${file} is not valid JSON at line 4, column 3`);
    expect(await readFile(file, 'utf8')).toBe(broken);
    await writeFile(file, '{}\n');
  });
});

describe('wrong names and machine output', () => {
  it('points a compute-role command typed under boundary to the right name', async () => {
    const result = await amplify('boundary', 'attach');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain('Run `amplify compute-role attach`');
  });

  it('keeps stdout to JSON only and reports errors on stderr under --json', async () => {
    const result = await amplify('boundary', 'show', '--json', '--env', 'nope');
    expect(result.code).not.toBe(0);
    expect(result.stdout.trim()).toBe('');
    expect(result.stderr).toContain('There is no environment "nope"');
  });
});
