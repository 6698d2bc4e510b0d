import {
  DeleteRolePermissionsBoundaryCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePermissionsBoundaryCommand,
} from '@aws-sdk/client-iam';
import { startAmplifyFake, type AmplifyFake } from '../fakes/amplify-fake';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';
import { roleResource } from '../support/templates';
import { createSandbox, type Sandbox } from './support/amplify-cli';
import { DEV_BOUNDARY, initBoundedProject } from './support/bounded-project';
import {
  addBackendResource,
  cloneProject,
  hostingBuild,
  stackInfoOf,
  withoutBoundaryKey,
  writeProjectFile,
} from './support/deploy-paths';

const motoUrl = process.env.MOTO_URL as string;
const JOBS_ROLE = 'hosted-jobs-dev';

let fake: AmplifyFake;
let sandbox: Sandbox;
let project: string;
let stackInfo: Record<string, unknown>;

const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials: DEFAULT_CREDENTIALS });
const boundaryOf = async (role: string): Promise<string | undefined> =>
  (await iam.send(new GetRoleCommand({ RoleName: role }))).Role?.PermissionsBoundary?.PermissionsBoundaryArn;
const authRole = (): string => String((stackInfo.awscloudformation as Record<string, unknown>).AuthRoleName);

beforeAll(async () => {
  await resetMoto(motoUrl);
  fake = await startAmplifyFake();
  sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  project = await initBoundedProject(sandbox, motoUrl);
  // A custom resource deploys as a nested stack: a role the auth/unauth check of PostInit never looks at.
  await addBackendResource(project, {
    category: 'custom',
    name: 'jobs',
    service: 'customCloudformation',
    templateFile: 'jobs-cloudformation-template.json',
    template: {
      Parameters: { env: { Type: 'String' } },
      Resources: { JobsRole: roleResource({ 'Fn::Join': ['-', ['hosted-jobs', { Ref: 'env' }]] }) },
    },
  });
  const push = await sandbox.amplify(['push', '--yes'], { cwd: project });
  if (push.code !== 0) throw new Error(`amplify push failed:\n${push.output}`);
  stackInfo = await stackInfoOf(sandbox, project, 'dev');
}, 300_000);
afterAll(async () => {
  iam.destroy();
  await fake.stop();
});

describe('an Amplify Hosting backend build (env import, then init --forcePush)', () => {
  it('proves every role of the tree after the deployment, nested stacks included', async () => {
    const checkout = await cloneProject(sandbox, project);
    const { built } = await hostingBuild(sandbox, checkout, stackInfo);
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(
      `amplify-iam-guard: Env "dev": 3 IAM role(s) checked against ${DEV_BOUNDARY}: 3 ok.`,
    );
    expect(built.stdout).not.toContain('its auth and unauth roles carry it');
  });

  it('fails the build under `required` when a nested role lost its boundary, naming verify --fix', async () => {
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: JOBS_ROLE }));
    try {
      const checkout = await cloneProject(sandbox, project);
      await writeProjectFile(checkout, 'amplify/iam-guard.json', '{ "boundary": { "required": true } }\n');
      const { built } = await hostingBuild(sandbox, checkout, stackInfo);
      expect(built.code).toBe(1);
      expect(built.stdout).toContain(
        `amplify-iam-guard: Env "dev": 3 IAM role(s) checked against ${DEV_BOUNDARY}: 2 ok, 1 missing.`,
      );
      expect(built.stdout).toContain(`${JOBS_ROLE} (missing, changed-outside, from custom/jobs`);
      expect(built.stdout).toContain('which no push repairs: run `amplify boundary verify --env dev --fix`');
      expect(await boundaryOf(JOBS_ROLE)).toBeUndefined();
    } finally {
      await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: JOBS_ROLE, PermissionsBoundary: DEV_BOUNDARY }));
    }
  });

  it('stops before deploying when the cached stack info lost the key, naming the env variable and the policy name', async () => {
    const checkout = await cloneProject(sandbox, project);
    const { built } = await hostingBuild(sandbox, checkout, withoutBoundaryKey(stackInfo));
    expect(built.code).not.toBe(0);
    expect(built.output).toContain(
      `Env "dev" was deployed with permissions boundary ${DEV_BOUNDARY}, but team-provider-info has no boundary for it`,
    );
    expect(built.output).toContain(`AMPLIFY_PERMISSIONS_BOUNDARY_ARN=${DEV_BOUNDARY}`);
    expect(built.output).toContain('{"boundary":{"policyName":"AmplifyBoundary"}} in amplify/iam-guard.json');
    expect(built.output).toContain(`amplify boundary set --env dev --permissions-boundary ${DEV_BOUNDARY}`);
    expect(await boundaryOf(authRole())).toBe(DEV_BOUNDARY);
  });

  it('deploys with the boundary of AMPLIFY_PERMISSIONS_BOUNDARY_ARN when the cached stack info lost the key', async () => {
    const checkout = await cloneProject(sandbox, project);
    const { built } = await hostingBuild(sandbox, checkout, withoutBoundaryKey(stackInfo), {
      AMPLIFY_PERMISSIONS_BOUNDARY_ARN: DEV_BOUNDARY,
    });
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(
      `amplify-iam-guard: wrote permissions boundary ${DEV_BOUNDARY} for env "dev" to team-provider-info (from environment variable).`,
    );
    expect(built.stdout).toContain(
      `amplify-iam-guard: Env "dev": 3 IAM role(s) checked against ${DEV_BOUNDARY}: 3 ok.`,
    );
    expect(await boundaryOf(authRole())).toBe(DEV_BOUNDARY);
  });
});
