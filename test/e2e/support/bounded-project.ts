import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import type { StaticCredentials } from '../../../src/aws/ports';
import { ALLOW_ALL, DEFAULT_CREDENTIALS } from '../../support/accounts';
import { startAmplifyFake, type AmplifyFake } from '../../fakes/amplify-fake';
import { resetMoto } from '../../support/moto';
import { createSandbox, initProject, type Sandbox } from './amplify-cli';

/** The boundary policy every bounded project's first env uses, in moto's default account. */
export const DEV_BOUNDARY = 'arn:aws:iam::123456789012:policy/AmplifyBoundary';

/** Creates customer-managed policies (allowing everything) in the account the credentials act in. */
export const createPolicies = async (
  motoUrl: string,
  credentials: StaticCredentials,
  policies: Array<{ name: string; path?: string }>,
): Promise<void> => {
  const iam = new IAMClient({ region: 'us-east-1', endpoint: motoUrl, credentials });
  for (const { name, path } of policies)
    await iam.send(new CreatePolicyCommand({ PolicyName: name, Path: path, PolicyDocument: ALLOW_ALL }));
};

/** A new project "shop" whose first env "dev" (default account) is deployed with AmplifyBoundary as its boundary. */
export const initBoundedProject = async (sandbox: Sandbox, motoUrl: string): Promise<string> => {
  await createPolicies(motoUrl, DEFAULT_CREDENTIALS, [{ name: 'AmplifyBoundary' }]);
  return initProject(sandbox, {
    name: 'shop',
    env: 'dev',
    profile: 'default',
    extraArgs: ['--permissions-boundary', DEV_BOUNDARY],
  });
};

/** A bounded project that can be pushed, in its own sandbox, with the Amplify stand-in it needs. */
export type PushableProject = { fake: AmplifyFake; sandbox: Sandbox; project: string };

/**
 * Resets moto and makes a bounded project in a new sandbox, with the Amplify stand-in started: moto has no
 * Amplify service, and the CLI asks it for the app during a push. The caller stops the stand-in.
 */
export const pushableBoundedProject = async (motoUrl: string): Promise<PushableProject> => {
  await resetMoto(motoUrl);
  const fake = await startAmplifyFake();
  const sandbox = await createSandbox(motoUrl, { default: DEFAULT_CREDENTIALS }, fake.url);
  return { fake, sandbox, project: await initBoundedProject(sandbox, motoUrl) };
};
