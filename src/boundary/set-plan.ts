import { GuardError } from '../errors';
import { arnFromPolicyName, checkPolicyName, type EnvTarget } from './target';
import type { Verdict } from './validity';

/** What the user asked an env's boundary to be. */
export type BoundaryRequest =
  { kind: 'arn'; arn: string } | { kind: 'none' } | { kind: 'policy-name'; name: string; path: string };

/** The boundary flags of `set` and `resolve`. */
export type BoundaryFlags = { permissionsBoundary?: string; policyName?: string; policyPath?: string };

/** The request the flags make, or `undefined` when they make none (then the user must be asked). */
export const requestFromFlags = (flags: BoundaryFlags): BoundaryRequest | undefined => {
  const { permissionsBoundary, policyName, policyPath } = flags;
  if (permissionsBoundary !== undefined && policyName !== undefined) {
    throw new GuardError('InputValidationError', {
      message: `Both --permissions-boundary ${JSON.stringify(permissionsBoundary)} and --policy-name ${JSON.stringify(policyName)} were given.`,
      resolution:
        'Give one: --permissions-boundary <arn> for one ARN, or --policy-name <name> for the policy of that name in each env’s account.',
    });
  }
  if (policyPath !== undefined && policyName === undefined) {
    throw new GuardError('InputValidationError', {
      message: `--policy-path ${JSON.stringify(policyPath)} was given without --policy-name.`,
      resolution: 'Add --policy-name <name>, or drop --policy-path.',
    });
  }
  if (policyName !== undefined) {
    const path = policyPath ?? '/';
    const problem = checkPolicyName(policyName, path);
    if (problem) {
      throw new GuardError('InputValidationError', {
        message: `--policy-name ${JSON.stringify(policyName)} with --policy-path ${JSON.stringify(path)} is not a valid IAM policy name and path: ${problem}.`,
        resolution: 'Use the policy’s name as IAM shows it (letters, digits and +=,.@_-) and a path like /org/.',
      });
    }
    return { kind: 'policy-name', name: policyName, path };
  }
  if (permissionsBoundary === undefined) return undefined;
  return permissionsBoundary === '' ? { kind: 'none' } : { kind: 'arn', arn: permissionsBoundary };
};

/** The ARN a request means for one env (`''` for none). */
export const requestedArn = (request: BoundaryRequest, target: EnvTarget): string => {
  switch (request.kind) {
    case 'arn':
      return request.arn;
    case 'none':
      return '';
    case 'policy-name':
      return arnFromPolicyName(request.name, request.path, target);
  }
};

/** One env's boundary before and after. */
export type BoundaryChange = {
  env: string;
  before: string | undefined;
  after: string;
  status: 'unchanged' | 'set' | 'removed';
};

/** What setting `after` on an env whose boundary is `before` (undefined: no key) changes. */
export const planChange = (env: string, before: string | undefined, after: string): BoundaryChange => ({
  env,
  before,
  after,
  status: before === after ? 'unchanged' : after === '' ? 'removed' : 'set',
});

const shown = (value: string | undefined): string =>
  value === undefined ? 'none' : value === '' ? 'none, on purpose' : value;

/** The line `set` prints for one env. */
export const describeChange = (change: BoundaryChange): string => {
  switch (change.status) {
    case 'unchanged':
      return `Env "${change.env}" already has ${change.after === '' ? 'no permissions boundary (on purpose)' : `permissions boundary ${change.after}`}; nothing changed.`;
    case 'set':
      return `Env "${change.env}": permissions boundary set to ${change.after} (was: ${shown(change.before)}).`;
    case 'removed':
      return `Env "${change.env}": permissions boundary removed on purpose (was: ${shown(change.before)}); recorded as "".`;
  }
};

/** What to run so the changed boundaries reach the roles already deployed. */
export const nextSteps = (changed: BoundaryChange[], currentEnv: string): string[] =>
  changed.length === 0
    ? []
    : [
        'Next: Amplify applies the boundary to every IAM role it deploys. Run `amplify push` to deploy it with your other changes, or `amplify push --force` to apply it now to the roles already deployed.',
        ...changed
          .filter((change) => change.env !== currentEnv)
          .map(
            (change) =>
              `For env "${change.env}": \`amplify env checkout ${change.env}\` then \`amplify push --force\`.`,
          ),
      ];

/** One env's verdict, for the summary of a refusal. */
export type EnvVerdict = { env: string; verdict: Verdict };

/** The refusal when any env's boundary is invalid: every problem, and the command that would work. */
export const refusalFor = (
  verdicts: EnvVerdict[],
  command: (env: string, arn: string) => string,
): GuardError | undefined => {
  const invalid = verdicts.flatMap(({ env, verdict }) => (verdict.valid ? [] : [{ env, verdict }]));
  if (invalid.length === 0) return undefined;
  const fixes = invalid.map(({ env, verdict }) =>
    !verdict.valid && verdict.suggestion
      ? `${command(env, verdict.suggestion)}  (the same policy in env "${env}"'s account and partition)`
      : `${command(env, '<arn of a policy in the account of env "' + env + '">')}`,
  );
  return new GuardError('InputValidationError', {
    message: invalid.map(({ verdict }) => (verdict.valid ? '' : verdict.problem)).join('\n'),
    resolution: `${fixes.join('\n')}\nNothing was changed.`,
  });
};
