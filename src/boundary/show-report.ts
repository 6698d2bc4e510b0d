import { parsePolicyArn } from './arn';
import { arnFromPolicyName } from './target';
import { checkOffline } from './validity';

/** Where an env's boundary comes from. */
export type BoundarySource = 'team-provider-info' | 'iam-guard policy name' | 'none';

/** One row of `amplify boundary show` (also its JSON shape). */
export type BoundaryRow = {
  env: string;
  account: string | null;
  region: string | null;
  boundary: string;
  source: BoundarySource;
  valid: boolean;
  problem: string | null;
};

/** An env as `show` needs it. */
export type ShownEnv = { name: string; account?: string; region?: string; boundary?: string };

/** The boundary settings of iam-guard.json that `show` needs. */
export type BoundarySettings = { policyName?: string; policyPath: string; required: boolean };

const row = (env: ShownEnv, boundary: string, source: BoundarySource, problem: string | undefined): BoundaryRow => ({
  env: env.name,
  account: env.account ?? null,
  region: env.region ?? null,
  boundary,
  source,
  valid: problem === undefined,
  problem: problem ?? null,
});

const offlineProblem = (env: ShownEnv, value: string): string | undefined => {
  if (env.account && env.region) {
    const verdict = checkOffline(value, { env: env.name, account: env.account, region: env.region });
    return verdict.valid ? undefined : verdict.problem;
  }
  const parsed = parsePolicyArn(value);
  if (!parsed.ok) return `"${value}" is not a valid IAM policy ARN: ${parsed.problem}.`;
  return `The account of env "${env.name}" is not known (no StackId in team-provider-info), so the ARN's account was not checked.`;
};

/**
 * What is wrong with an env that has no boundary configured anywhere (no key in team-provider-info, no policy name):
 * its roles deploy without one. That is never taken as "none, on purpose" — only an explicit `""` is.
 */
export const notConfiguredProblem = (env: string, required: boolean): string =>
  `${required ? 'amplify/iam-guard.json requires a boundary, but no' : 'No'} permissions boundary is configured for env "${env}" (no key in team-provider-info, no policy name in amplify/iam-guard.json), so its roles deploy without one. Set one with \`amplify boundary set --env ${env} --policy-name <name>\` or \`--permissions-boundary <arn>\` (\`--permissions-boundary ''\` records none, on purpose).`;

/** An env's boundary, its source and its offline validity (format, partition, account), as `show` reports it. */
export const boundaryRow = (env: ShownEnv, settings: BoundarySettings): BoundaryRow => {
  const missing = settings.required
    ? `amplify/iam-guard.json requires a boundary, but env "${env.name}" has none.`
    : undefined;
  if (env.boundary !== undefined) {
    return row(
      env,
      env.boundary,
      'team-provider-info',
      env.boundary === '' ? missing : offlineProblem(env, env.boundary),
    );
  }
  if (settings.policyName !== undefined) {
    if (!env.account || !env.region) {
      return row(
        env,
        '',
        'iam-guard policy name',
        `Policy name "${settings.policyName}" cannot be resolved: the account of env "${env.name}" is not known.`,
      );
    }
    const target = { env: env.name, account: env.account, region: env.region };
    return row(
      env,
      arnFromPolicyName(settings.policyName, settings.policyPath, target),
      'iam-guard policy name',
      undefined,
    );
  }
  return row(env, '', 'none', notConfiguredProblem(env.name, settings.required));
};
