import { credentialAccountProblem, type EnvTarget } from '../boundary/target';
import { GuardError } from '../errors';
import { createEnvAws } from './factory';
import type { AwsAccess, EnvAws } from './ports';

/** An env's AWS ports with the account and region they were proven to act in. */
export type EnvSession = { aws: EnvAws; target: EnvTarget };

/** What is known of an env before its credentials are used. */
export type EnvLocation = { name: string; account?: string; region?: string };

/**
 * Opens an env's AWS session and proves the credentials act in the env's account before
 * anything is checked with them: the CLI can hand back another env's credentials, and a boundary checked
 * in the wrong account would be wrongly accepted.
 */
export const openEnvSession = async (
  env: EnvLocation,
  access: AwsAccess,
  build: (access: AwsAccess, env: string) => Promise<EnvAws & { region: string }> = createEnvAws,
): Promise<EnvSession> => {
  const { region, ...aws } = await build(access, env.name);
  const callerAccount = await aws.identity.account();
  const problem = credentialAccountProblem(env.name, env.account, callerAccount);
  if (problem) {
    throw new GuardError('ProfileConfigurationError', {
      message: problem,
      resolution: `Point env "${env.name}" at a profile of account ${env.account} in amplify/.config/local-aws-info.json (\`amplify env checkout ${env.name}\` then \`amplify configure project\`), and run the command again.`,
    });
  }
  return { aws, target: { env: env.name, account: env.account ?? callerAccount, region: env.region ?? region } };
};
