import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import {
  AMPLIFY_BIN,
  INIT_FRONTEND,
  createSandbox,
  initProject,
  providersFor,
  type RunResult,
  type Sandbox,
} from './support/amplify-cli';
import { DEV_BOUNDARY, createPolicies } from './support/bounded-project';
import { addBackendResource, editJson, writeProjectFile } from './support/deploy-paths';
import { connectApp } from './support/hosting';

const motoUrl = process.env.MOTO_URL as string;

let fake: AmplifyFake;
let sandbox: Sandbox;

const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const boundaryOf = async (role: string): Promise<string | undefined> =>
  (await iam.send(new GetRoleCommand({ RoleName: role }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn;

type Provider = Record<string, string | undefined>;
const expectExit = (result: RunResult, code: number): void => {
  if (result.code !== code) throw new Error(`exit code ${result.code}, not ${code}:\n${result.output}`);
};
/** The auth role's boundary in the root template the CLI last deployed (its local copy of the deployment). */
const deployedAuthRoleBoundary = async (project: string): Promise<unknown> => {
  const file = join(project, 'amplify/#current-cloud-backend/awscloudformation/build/root-cloudformation-stack.json');
  const template = JSON.parse(await readFile(file, 'utf8')) as {
    Resources: { AuthRole: { Properties: Record<string, unknown> } };
  };
  return template.Resources.AuthRole.Properties.PermissionsBoundary;
};
const providerOf = async (project: string): Promise<Provider> =>
  (
    JSON.parse(await readFile(join(project, 'amplify/team-provider-info.json'), 'utf8')) as Record<
      string,
      { awscloudformation: Provider }
    >
  ).dev.awscloudformation;

/** A project whose env "dev" is deployed with the boundary; each test has its own, so none depends on another. */
const boundedProject = (name: string): Promise<string> =>
  initProject(sandbox, { name, env: 'dev', profile: 'default', extraArgs: ['--permissions-boundary', DEV_BOUNDARY] });

/**
 * The checkout lost the boundary key, as one whose team-provider-info (and the CLI's working amplify-meta, both
 * outside git) was written before the boundary was set; the local copy of the last deployment still has it.
 */
const loseBoundaryKey = async (project: string): Promise<void> => {
  await editJson(project, 'amplify/team-provider-info.json', (tpi) => {
    delete (tpi.dev as { awscloudformation: Provider }).awscloudformation.PermissionsBoundaryPolicyArn;
  });
  await editJson(project, 'amplify/backend/amplify-meta.json', (meta) => {
    delete (meta.providers as { awscloudformation: Provider }).awscloudformation.PermissionsBoundaryPolicyArn;
  });
};

/** A hand-made S3 hosting resource and a build that writes the site, so that `amplify publish` deploys. */
const addHosting = async (project: string, name: string): Promise<void> => {
  await addBackendResource(project, {
    category: 'hosting',
    name: 'S3AndCloudFront',
    service: 'S3AndCloudFront',
    templateFile: 'template.json',
    template: {
      Parameters: { env: { Type: 'String' } },
      Resources: {
        S3Bucket: {
          Type: 'AWS::S3::Bucket',
          Properties: { BucketName: { 'Fn::Join': ['-', [`${name}-site`, { Ref: 'env' }]] } },
        },
      },
      Outputs: {
        Region: { Value: { Ref: 'AWS::Region' } },
        HostingBucketName: { Value: { Ref: 'S3Bucket' } },
        WebsiteURL: { Value: { 'Fn::GetAtt': ['S3Bucket', 'WebsiteURL'] } },
      },
    },
  });
  await writeProjectFile(
    project,
    'package.json',
    JSON.stringify({ name, version: '1.0.0', scripts: { build: 'mkdir -p dist && echo ok > dist/index.html' } }),
  );
};

beforeAll(async () => {
  await resetMoto(motoUrl);
  await createPolicies(motoUrl, DEFAULT_CREDENTIALS, [{ name: 'AmplifyBoundary' }]);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  // The CLI runs command hooks with PATH, and the hooks find `amplify` there, as on a developer's machine.
  sandbox.env.PATH = `${dirname(AMPLIFY_BIN)}:${sandbox.env.PATH ?? ''}`;
}, 120_000);
afterAll(async () => {
  iam.destroy();
  await fake.stop();
});

describe('amplify pull, then amplify push', () => {
  it('restores the deployed boundary into team-provider-info at pull, so the next push goes ahead with it', async () => {
    const original = await boundedProject('pulled');
    const appId = 'd2pulled';
    fake.addApp({ appId, name: 'pulled' });
    const deployed = await providerOf(original);
    fake.apps.get(appId)!.backendEnvironments.set('dev', {
      backendEnvironmentArn: `arn:aws:amplify:us-east-1:123456789012:apps/${appId}/backendenvironments/dev`,
      environmentName: 'dev',
      stackName: deployed.StackName,
      deploymentArtifacts: deployed.DeploymentBucketName,
    });
    await connectApp(original, 'dev', appId);

    const fresh = join(sandbox.home, 'pulled-checkout');
    await mkdir(fresh);
    const pull = await sandbox.amplify(
      [
        'pull',
        '--amplify',
        JSON.stringify({ appId, envName: 'dev', defaultEditor: 'code' }),
        '--providers',
        providersFor('default'),
        '--frontend',
        INIT_FRONTEND,
        '--yes',
      ],
      { cwd: fresh },
    );
    expect(pull.code).toBe(0);
    expect(pull.stdout).toContain(
      `amplify-iam-guard: restored permissions boundary ${DEV_BOUNDARY} of env "dev" to team-provider-info from its last deployment (amplify pull leaves it out).`,
    );
    expect((await providerOf(fresh)).PermissionsBoundaryPolicyArn).toBe(DEV_BOUNDARY);

    const push = await sandbox.amplify(['push', '--yes', '--force'], { cwd: fresh });
    expectExit(push, 0);
    expect(push.stdout).toContain(`amplify-iam-guard: Env "dev": 2 IAM role(s) checked against ${DEV_BOUNDARY}: 2 ok.`);
    expect(await boundaryOf(String(deployed.AuthRoleName))).toBe(DEV_BOUNDARY);
  });
});

describe('amplify publish', () => {
  it('without the hooks: publish raises no event, so a checkout that lost the key strips the boundary, and verify catches it after', async () => {
    const project = await boundedProject('pubplain');
    await addHosting(project, 'pubplain');
    const show = await sandbox.amplify(['boundary', 'show'], { cwd: project });
    expect(show.stdout).toContain('run `amplify boundary hooks`');
    await loseBoundaryKey(project);

    const publish = await sandbox.amplify(['publish', '--yes'], { cwd: project, timeoutMs: 240_000 });
    expectExit(publish, 0);
    expect(publish.stdout).not.toContain('amplify-iam-guard');
    // The root template it deployed gives the auth role no boundary: on AWS that removes it from the role (moto's
    // CloudFormation keeps a property an update drops, so the template is what shows it here).
    expect(await deployedAuthRoleBoundary(project)).toBeUndefined();

    const verify = await sandbox.amplify(['boundary', 'verify'], { cwd: project });
    expect(verify.code).not.toBe(0);
    expect(verify.stdout).toContain('No permissions boundary is configured for env "dev"');
  });

  it('with the hooks: the pre-publish check stops a publish that would strip the boundary, and one with it is verified after', async () => {
    const project = await boundedProject('pubguard');
    await addHosting(project, 'pubguard');
    const hooks = await sandbox.amplify(['boundary', 'hooks'], { cwd: project });
    expect(hooks.code).toBe(0);
    expect(hooks.stdout).toContain('Wrote amplify/hooks/pre-publish.js.');
    const { AuthRoleName } = await providerOf(project);
    await loseBoundaryKey(project);

    const stopped = await sandbox.amplify(['publish', '--yes'], { cwd: project, timeoutMs: 240_000 });
    expect(stopped.code).toBe(76);
    expect(stopped.output).toContain('A push or publish of env "dev" would be stopped');
    expect(stopped.output).toContain(`amplify boundary set --env dev --permissions-boundary ${DEV_BOUNDARY}`);
    expect(stopped.output).toContain('the publish was stopped before deploying anything');
    expect(await deployedAuthRoleBoundary(project)).toBe(DEV_BOUNDARY);
    expect(await boundaryOf(String(AuthRoleName))).toBe(DEV_BOUNDARY);

    const set = await sandbox.amplify(['boundary', 'set', '--permissions-boundary', DEV_BOUNDARY], { cwd: project });
    expect(set.code).toBe(0);
    const published = await sandbox.amplify(['publish', '--yes'], { cwd: project, timeoutMs: 240_000 });
    expect(published.code).toBe(0);
    expect(published.stdout).toContain(`Env "dev" may be pushed or published: permissions boundary ${DEV_BOUNDARY}`);
    expect(published.stdout).toContain(`Env "dev": 2 IAM role(s) checked against ${DEV_BOUNDARY}: 2 ok.`);
    expect(await deployedAuthRoleBoundary(project)).toBe(DEV_BOUNDARY);
    expect(await boundaryOf(String(AuthRoleName))).toBe(DEV_BOUNDARY);
  });
});
