/** A hosting branch as the env → branch rule needs it. */
export type BranchSummary = { branchName: string; backendEnvironmentArn?: string };

/** Where the env's branch name came from. */
export type BranchSource = 'flag' | 'iam-guard.json' | 'backend environment' | 'branch named like the env';

/** The env's hosting branch, or the reason there is none. */
export type BranchChoice =
  { ok: true; branch: string; source: BranchSource } | { ok: false; problem: string; resolution: string };

const backendEnvName = (arn: string | undefined): string | undefined =>
  /\/backendenvironments\/([^/]+)$/.exec(arn ?? '')?.[1];

/**
 * The env's hosting branch, most explicit first: `--branch`, iam-guard.json, the branch whose backend
 * environment is this env, a branch named like the env; else a problem listing the app's branches.
 */
export const chooseBranch = (
  env: string,
  input: { flag?: string; configured?: string; branches: readonly BranchSummary[]; appId: string },
): BranchChoice => {
  const names = input.branches.map((branch) => branch.branchName);
  const known = (branch: string, source: BranchSource): BranchChoice =>
    names.includes(branch)
      ? { ok: true, branch, source }
      : {
          ok: false,
          problem: `App ${input.appId} has no branch "${branch}" (from ${source}); its branches: ${names.join(', ') || 'none'}.`,
          resolution: 'Use --branch <name> with one of those branches (or --app for the app default).',
        };
  if (input.flag !== undefined) return known(input.flag, 'flag');
  if (input.configured !== undefined) return known(input.configured, 'iam-guard.json');
  const linked = input.branches.find((branch) => backendEnvName(branch.backendEnvironmentArn) === env);
  if (linked) return { ok: true, branch: linked.branchName, source: 'backend environment' };
  if (names.includes(env)) return { ok: true, branch: env, source: 'branch named like the env' };
  return {
    ok: false,
    problem: `No branch of app ${input.appId} is connected to env "${env}" (branches: ${names.join(', ') || 'none'}).`,
    resolution: `Use --branch <name>, or record it: "environments": { "${env}": { "computeRole": { "branch": "<name>", ... } } } in amplify/iam-guard.json.`,
  };
};
