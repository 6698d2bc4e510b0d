/**
 * The sandbox demo: the plugin inside the real Amplify CLI against moto (IAM, STS, CloudFormation, S3) and
 * the project's Amplify control-plane fake, all on loopback, so it needs no AWS account. Every command and
 * its real output is printed; the servers are stopped at the end.
 */
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { rm } from 'node:fs/promises';
import { startAmplifyFake, type AmplifyFake } from '../test/fakes/amplify-fake';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_CREDENTIALS } from '../test/support/accounts';
import { startMoto, type MotoServer } from '../test/support/moto';
import {
  createSandbox,
  initProject,
  providersFor,
  type RunResult,
  type Sandbox,
} from '../test/e2e/support/amplify-cli';
import { connectApp } from '../test/e2e/support/hosting';

const DEV = '123456789012';
const PROD = '222222222222';
const APP = 'd2demoapp';

const banner = (text: string): void => {
  process.stdout.write(`\n\x1b[1m━━ ${text}\x1b[0m\n`);
};

const show = (args: string[], result: RunResult): void => {
  process.stdout.write(
    `$ amplify ${args.map((arg) => (/[\s{"'*]/.test(arg) || arg === '' ? `'${arg}'` : arg)).join(' ')}\n`,
  );
  process.stdout.write(result.output.replace(/\n{3,}/g, '\n\n'));
  process.stdout.write(`(exit code ${String(result.code)})\n`);
};

const step = async (
  sandbox: Sandbox,
  cwd: string,
  args: string[],
  expectCode: 0 | 'non-zero',
  env?: NodeJS.ProcessEnv,
): Promise<RunResult> => {
  const result = await sandbox.amplify(args, { cwd, env });
  show(args, result);
  const ok = expectCode === 0 ? result.code === 0 : result.code !== 0;
  if (!ok) throw new Error(`\`amplify ${args.join(' ')}\` exited ${String(result.code)}, expected ${expectCode}`);
  return result;
};

const main = async (): Promise<void> => {
  let moto: MotoServer | undefined;
  let fake: AmplifyFake | undefined;
  let sandbox: Sandbox | undefined;
  const started = Date.now();
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  try {
    banner('Starting moto (IAM, STS, CloudFormation, S3) and the Amplify control-plane fake on 127.0.0.1');
    moto = await startMoto();
    fake = await startAmplifyFake();
    const prod = await credentialsInAccount(moto.url, PROD);
    for (const credentials of [DEFAULT_CREDENTIALS, prod]) {
      const iam = new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials });
      for (const name of ['AmplifyBoundary', 'SsrReadOnly'])
        await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: ALLOW_ALL }));
    }
    console.log(
      `moto ${moto.url}, Amplify fake ${fake.url}; profiles: default → account ${DEV}, prod → account ${PROD}; policy AmplifyBoundary in both.`,
    );
    sandbox = await createSandbox(moto.url, { default: DEFAULT_CREDENTIALS, prod }, fake.url);

    banner('1. A new project whose env "dev" gets a checked permissions boundary');
    const project = await initProject(sandbox, {
      name: 'shop',
      env: 'dev',
      profile: 'default',
      extraArgs: ['--permissions-boundary', `arn:aws:iam::${DEV}:policy/AmplifyBoundary`],
    });
    console.log(
      `amplify init … --permissions-boundary arn:aws:iam::${DEV}:policy/AmplifyBoundary  (done in ${project})`,
    );
    await step(sandbox, project, ['boundary', 'show'], 0);
    await step(
      sandbox,
      project,
      ['boundary', 'set', '--permissions-boundary', `arn:aws:iam::${PROD}:policy/AmplifyBoundary`, '--yes'],
      'non-zero',
    );

    banner('2. A second env in another account, non-interactively: the same policy, in that account');
    await step(sandbox, project, ['init', '--yes', '--envName', 'prod', '--providers', providersFor('prod')], 0);
    await step(sandbox, project, ['boundary', 'resolve', '--profile', 'prod'], 0);

    banner('3. Push, then the proof that every role carries its boundary');
    await step(sandbox, project, ['push', '--yes'], 0);
    await step(sandbox, project, ['boundary', 'verify', '--all-envs'], 0);

    banner('4. An SSR hosting branch with access keys in its variables gets a compute role instead');
    fake.addApp({ appId: APP, name: 'shop', repository: 'https://github.com/example/shop' });
    fake.addBranch(APP, {
      branchName: 'main',
      backendEnvironmentArn: `arn:aws:amplify:us-east-1:${PROD}:apps/${APP}/backendenvironments/prod`,
      environmentVariables: {
        APP_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        APP_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
    });
    await connectApp(project, 'prod', APP);
    await step(sandbox, project, ['compute-role', 'audit'], 'non-zero');
    await step(
      sandbox,
      project,
      ['compute-role', 'attach', '--policy-arns', `arn:aws:iam::${PROD}:policy/SsrReadOnly`, '--redeploy', '--yes'],
      0,
    );
    await step(sandbox, project, ['compute-role', 'show'], 0);
    // Amplify Hosting would now build and deploy the branch; the fake only marks the release job done.
    for (const job of fake.jobs(APP, 'main')) job.status = 'SUCCEED';
    await step(sandbox, project, ['compute-role', 'show'], 0);
    await step(sandbox, project, ['compute-role', 'audit', '--fix'], 0);
    await step(sandbox, project, ['boundary', 'verify'], 0);

    banner(
      `Done in ${Math.round((Date.now() - started) / 1000)} s. The same commands work against a real AWS account: see the README.`,
    );
  } finally {
    await fake?.stop();
    await moto?.stop();
    if (sandbox) await rm(sandbox.home, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
