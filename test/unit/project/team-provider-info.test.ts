import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GuardError } from '../../../src/errors';
import { projectPaths } from '../../../src/project/paths';
import {
  accountOfStackId,
  BOUNDARY_KEY,
  parseEnvRecords,
  readEnvRecords,
  writeBoundaries,
} from '../../../src/project/team-provider-info';
import { boundaryIn, makeTempProject, teamProviderInfoWith, type TempProject } from '../helpers/temp-project';

let project: TempProject | undefined;

afterEach(async () => {
  await project?.remove();
  project = undefined;
});

describe('accountOfStackId', () => {
  it.each([
    ['arn:aws:cloudformation:us-east-1:123456789012:stack/x/y', '123456789012'],
    ['arn:aws-cn:cloudformation:cn-north-1:333333333333:stack/amplify-demo-dev/abc', '333333333333'],
    ['arn:aws:cloudformation:us-east-1:12345:stack/x/y', undefined],
    ['arn:aws:cloudformation:us-east-1:abcdefghijkl:stack/x/y', undefined],
    ['not an arn', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %s as account %s', (stackId, account) => {
    expect(accountOfStackId(stackId)).toBe(account);
  });
});

describe('readEnvRecords', () => {
  it('reads every env in file order with its region, account, app id and boundary', async () => {
    project = await makeTempProject({ teamProviderInfo: teamProviderInfoWith({ prod: '' }) });
    const records = await readEnvRecords(projectPaths(project.root));
    expect(records.map((record) => record.name)).toEqual(['dev', 'prod']);
    expect(records[0]).toMatchObject({ name: 'dev', region: 'us-east-1', account: '123456789012', appId: 'd1abcdef' });
    expect(records[0]?.boundary).toBeUndefined();
    expect(records[1]).toMatchObject({ name: 'prod', region: 'eu-west-1', account: '222222222222', boundary: '' });
    expect(records[1]?.appId).toBeUndefined();
  });

  it('tells to run amplify init when team-provider-info does not exist', async () => {
    project = await makeTempProject({ teamProviderInfo: null });
    const error = await readEnvRecords(projectPaths(project.root)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).name).toBe('ProjectNotInitializedError');
    expect((error as GuardError).message).toContain('team-provider-info.json');
    expect((error as GuardError).resolution).toContain('amplify init');
  });

  it('reads an env without awscloudformation as one with nothing known', () => {
    const [local, ...others] = parseEnvRecords('tpi.json', { local: { categories: {} } });
    expect(others).toEqual([]);
    expect(Object.entries(local ?? {}).filter(([, value]) => value !== undefined)).toEqual([['name', 'local']]);
  });

  it('refuses a boundary that is not a string, naming the key and the fix', () => {
    expect(() => parseEnvRecords('tpi.json', { dev: { awscloudformation: { [BOUNDARY_KEY]: 42 } } })).toThrow(
      /tpi\.json: dev\.awscloudformation\.PermissionsBoundaryPolicyArn is 42/,
    );
  });
});

describe('writeBoundaries', () => {
  it("writes each env's boundary and keeps every other key and the 2-space layout", async () => {
    project = await makeTempProject();
    const paths = projectPaths(project.root);
    const changed = await writeBoundaries(
      paths,
      new Map([
        ['dev', 'arn:aws:iam::123456789012:policy/B'],
        ['prod', 'arn:aws:iam::222222222222:policy/B'],
      ]),
    );
    expect(changed).toBe(true);
    const expected = teamProviderInfoWith({
      dev: 'arn:aws:iam::123456789012:policy/B',
      prod: 'arn:aws:iam::222222222222:policy/B',
    });
    expect(await readFile(project.teamProviderInfo, 'utf8')).toBe(`${JSON.stringify(expected, null, 2)}\n`);
  });

  it("keeps the current env's boundary in amplify-meta in step, which the CLI copies back over team-provider-info after a deployment", async () => {
    project = await makeTempProject({
      teamProviderInfo: teamProviderInfoWith({ dev: 'arn:aws:iam::123456789012:policy/Old' }),
    });
    const paths = projectPaths(project.root);
    await mkdir(join(project.root, 'amplify', 'backend'), { recursive: true });
    const meta = {
      providers: { awscloudformation: { Region: 'us-east-1', [BOUNDARY_KEY]: 'arn:aws:iam::123456789012:policy/Old' } },
    };
    await writeFile(paths.backendMeta, `${JSON.stringify(meta, null, 2)}\n`);
    await writeBoundaries(
      paths,
      new Map([
        ['dev', 'arn:aws:iam::123456789012:policy/New'],
        ['prod', ''],
      ]),
    );
    expect(await project.json(paths.backendMeta)).toEqual({
      providers: { awscloudformation: { Region: 'us-east-1', [BOUNDARY_KEY]: 'arn:aws:iam::123456789012:policy/New' } },
    });
  });

  it("leaves amplify-meta alone when it holds no boundary, or when another env's boundary changes", async () => {
    project = await makeTempProject();
    const paths = projectPaths(project.root);
    await mkdir(join(project.root, 'amplify', 'backend'), { recursive: true });
    const text = `${JSON.stringify({ providers: { awscloudformation: { Region: 'us-east-1' } } }, null, 2)}\n`;
    await writeFile(paths.backendMeta, text);
    await writeBoundaries(paths, new Map([['dev', 'arn:aws:iam::123456789012:policy/New']]));
    await writeBoundaries(paths, new Map([['prod', 'arn:aws:iam::222222222222:policy/New']]));
    expect(await readFile(paths.backendMeta, 'utf8')).toBe(text);
  });

  it('writes "" for no boundary, on purpose', async () => {
    project = await makeTempProject();
    await writeBoundaries(projectPaths(project.root), new Map([['dev', '']]));
    const written = await project.json(project.teamProviderInfo);
    expect(boundaryIn(written, 'dev')).toBe('');
    expect(boundaryIn(written, 'prod')).toBeUndefined();
  });

  it('reports no change and leaves the file as it was when the boundary is already recorded', async () => {
    project = await makeTempProject({
      teamProviderInfo: teamProviderInfoWith({ dev: 'arn:aws:iam::123456789012:policy/B' }),
    });
    const before = await project.bytes(project.teamProviderInfo);
    expect(
      await writeBoundaries(projectPaths(project.root), new Map([['dev', 'arn:aws:iam::123456789012:policy/B']])),
    ).toBe(false);
    expect(Buffer.compare(await project.bytes(project.teamProviderInfo), before)).toBe(0);
  });

  it('refuses a malformed team-provider-info and leaves it byte-for-byte as it was', async () => {
    project = await makeTempProject();
    const broken = Buffer.from(
      '{\n  "dev": {\n    "awscloudformation": {\n      "Region": "us-east-1"\n    },\n  }\n}\n',
    );
    await writeFile(project.teamProviderInfo, broken);
    const error = await writeBoundaries(projectPaths(project.root), new Map([['dev', '']])).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain(project.teamProviderInfo);
    expect((error as GuardError).message).toMatch(/line 6, column 3/);
    expect(Buffer.compare(await project.bytes(project.teamProviderInfo), broken)).toBe(0);
  });
});
