import {
  decideResolution,
  resolutionCandidates,
  type Resolution,
  type ResolutionInput,
  type Tried,
} from '../boundary/resolution';
import type { EnvTarget } from '../boundary/target';
import type { IamPort } from '../aws/ports';
import { GuardError } from '../errors';
import type { ProjectState } from '../project/project';
import { checkBoundary } from './check-boundary';

/** The inputs of a new env's boundary resolution, from the project, the flag and the environment variable. */
export const resolutionInput = (
  state: ProjectState,
  target: EnvTarget,
  given: { flag?: string; envVar?: string },
): ResolutionInput => {
  const current = state.envs.find((env) => env.name === state.currentEnv);
  const { policyName, policyPath, required } = state.config.boundary;
  return {
    flag: given.flag,
    envVar: given.envVar,
    currentEnv: current?.name,
    currentBoundary: current?.boundary,
    policyName: policyName === undefined ? undefined : { name: policyName, path: policyPath },
    required,
    target,
  };
};

/** Tries the candidates in order, asking IAM about each (unless `iam` is absent), until one decides. */
export const resolveBoundary = async (input: ResolutionInput, iam: IamPort | undefined): Promise<Resolution> => {
  const tried: Tried[] = [];
  for (const candidate of resolutionCandidates(input)) {
    const verdict = await checkBoundary(candidate.arn, input.target, iam);
    tried.push({ candidate, verdict });
    if (verdict.valid || candidate.strict) break;
  }
  return decideResolution(input, tried);
};

/** The error for a resolution that found nothing valid: every ARN tried, and the flags that settle it. */
export const resolutionError = (
  resolution: Extract<Resolution, { kind: 'invalid' }>,
  input: ResolutionInput,
): GuardError => {
  const { target } = input;
  const where = `env "${target.env}" (account ${target.account}, ${target.region})`;
  const lines = resolution.tried.map(({ candidate, verdict }) =>
    verdict.valid ? '' : `- ${candidate.arn || "''"} (${candidate.source}): ${verdict.problem}`,
  );
  const suggestion = resolution.tried.flatMap(({ verdict }) =>
    !verdict.valid && verdict.suggestion ? [verdict.suggestion] : [],
  )[0];
  const noneAllowed = !input.required;
  const fix = [
    suggestion
      ? `--permissions-boundary ${suggestion} (valid for ${where})`
      : `--permissions-boundary <arn of a policy in account ${target.account}>`,
    noneAllowed ? "or --permissions-boundary '' to go without a boundary, on purpose" : undefined,
  ].filter(Boolean);
  const message = resolution.strict
    ? `The permissions boundary given is not valid for ${where}:\n${lines.join('\n')}`
    : resolution.tried.length === 0
      ? `amplify/iam-guard.json requires a permissions boundary, but none was given or found for ${where}.`
      : `No permissions boundary valid for ${where} was found, and the boundary must not be dropped silently. Tried:\n${lines.join('\n')}`;
  return new GuardError('InputValidationError', {
    message,
    resolution: `Run again with ${fix.join(', ')}. Nothing was created.`,
  });
};
