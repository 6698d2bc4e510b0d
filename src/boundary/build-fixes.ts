import { parsePolicyArn } from './arn';
import { BOUNDARY_ENV_VAR } from './resolution';

/** Whether an environment variable such as `CI` is set to a true-ish value (`''`, `0` and `false` are not). */
export const isSet = (value: string | undefined): boolean =>
  value !== undefined && !['', '0', 'false'].includes(value.toLowerCase());

/**
 * Whether this run is a build rather than a person at a terminal: `CI` is set, or Amplify Hosting's own build
 * variables are. A build cannot run `amplify boundary set`, so its messages must name what works there.
 */
export const isBuildRun = (env: Readonly<Record<string, string | undefined>>): boolean =>
  isSet(env.CI) || (isSet(env.AWS_APP_ID) && isSet(env.AWS_BRANCH));

/**
 * The fixes that work where a backend deploys without a person and without its own team-provider-info (an
 * Amplify Hosting build, CI): the env variable in the branch's settings, or the policy name committed with the
 * project. `arn` is the boundary to keep, when one is known; its policy name is then suggested.
 */
export const buildFixes = (arn?: string): string => {
  const parsed = arn ? parsePolicyArn(arn) : undefined;
  const own = parsed?.ok && parsed.arn.account !== 'aws' ? parsed.arn : undefined;
  const setting = own
    ? `"policyName":"${own.name}"${own.path === '/' ? '' : `,"policyPath":"${own.path}"`}`
    : '"policyName":"<policy name>"';
  return `In a build (Amplify Hosting, CI), where \`amplify boundary set\` cannot run: set ${BOUNDARY_ENV_VAR}=${arn || '<arn>'} in the branch's environment variables, or commit {"boundary":{${setting}}} in amplify/iam-guard.json.`;
};
