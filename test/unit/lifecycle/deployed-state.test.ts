import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeployedBoundary } from '../../../src/project/deployed-state';
import { projectPaths, type ProjectPaths } from '../../../src/project/paths';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';
const OTHER = 'arn:aws:iam::123456789012:policy/FromMeta';

let root: string;
let paths: ProjectPaths;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'iam-guard-deployed-'));
  paths = projectPaths(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

const writeJson = async (relative: string[], value: unknown): Promise<void> => {
  const file = join(paths.currentCloudBackend, ...relative);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2));
};
const template = (roles: Record<string, Record<string, unknown>>) => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: Object.fromEntries(
    Object.entries(roles).map(([name, properties]) => [name, { Type: 'AWS::IAM::Role', Properties: properties }]),
  ),
});
const TEMPLATE = ['awscloudformation', 'build', 'root-cloudformation-stack.json'];
const META = ['amplify-meta.json'];
const meta = (boundary?: string) => ({
  providers: { awscloudformation: { StackName: 'amplify-x-dev', PermissionsBoundaryPolicyArn: boundary } },
});

describe('readDeployedBoundary', () => {
  it("reads the auth role's PermissionsBoundary from the last deployed root stack template", async () => {
    await writeJson(TEMPLATE, template({ AuthRole: { RoleName: 'auth', PermissionsBoundary: BOUNDARY } }));
    expect(await readDeployedBoundary(paths)).toBe(BOUNDARY);
  });

  it("reads the unauth role's when only that one carries it", async () => {
    await writeJson(TEMPLATE, template({ AuthRole: { RoleName: 'a' }, UnauthRole: { PermissionsBoundary: BOUNDARY } }));
    expect(await readDeployedBoundary(paths)).toBe(BOUNDARY);
  });

  it('prefers the template over amplify-meta.json', async () => {
    await writeJson(TEMPLATE, template({ AuthRole: { PermissionsBoundary: BOUNDARY } }));
    await writeJson(META, meta(OTHER));
    expect(await readDeployedBoundary(paths)).toBe(BOUNDARY);
  });

  it("reads amplify-meta.json's providers.awscloudformation.PermissionsBoundaryPolicyArn when it is the only copy", async () => {
    await writeJson(META, meta(OTHER));
    expect(await readDeployedBoundary(paths)).toBe(OTHER);
  });

  it("falls back to amplify-meta.json when the template's roles carry no boundary", async () => {
    await writeJson(TEMPLATE, template({ AuthRole: { RoleName: 'a' } }));
    await writeJson(META, meta(OTHER));
    expect(await readDeployedBoundary(paths)).toBe(OTHER);
  });

  it('is null when the local copy of the deployment has no boundary anywhere', async () => {
    await writeJson(TEMPLATE, template({ AuthRole: { RoleName: 'a' }, UnauthRole: { RoleName: 'b' } }));
    await writeJson(META, meta());
    expect(await readDeployedBoundary(paths)).toBeNull();
  });

  it('is null when the deployment recorded an empty boundary', async () => {
    await writeJson(META, meta(''));
    expect(await readDeployedBoundary(paths)).toBeNull();
  });

  it('is undefined when there is no #current-cloud-backend folder (a fresh checkout)', async () => {
    expect(await readDeployedBoundary(paths)).toBeUndefined();
  });
});
