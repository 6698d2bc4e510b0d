import { formatPolicyArn, parsePolicyArn } from './arn';
import { arnFromPolicyName, retarget, type EnvTarget } from './target';
import type { Verdict } from './validity';

/** The environment variable CI and hosted backend builds set a boundary with. */
export const BOUNDARY_ENV_VAR = 'AMPLIFY_PERMISSIONS_BOUNDARY_ARN';

/** Where a candidate boundary for a new env came from, in the order they are tried: what the user says wins. */
export type CandidateSource =
  'flag' | 'environment variable' | 'current env' | 'current env, retargeted' | 'policy name';

/** One ARN to try. A strict candidate that is not valid stops the command; others let the next one be tried. */
export type Candidate = { source: CandidateSource; arn: string; strict: boolean };

/** What is known when a new env's boundary is resolved. */
export type ResolutionInput = {
  flag?: string;
  envVar?: string;
  /** The current env's stored boundary (`''` = none on purpose, undefined = no key). */
  currentBoundary?: string;
  currentEnv?: string;
  policyName?: { name: string; path: string };
  required: boolean;
  target: EnvTarget;
};

/** The boundaries to try, in order; `''` as the first strict candidate means "none", from the flag or variable. */
export const resolutionCandidates = (input: ResolutionInput): Candidate[] => {
  if (input.flag !== undefined) return [{ source: 'flag', arn: input.flag, strict: true }];
  if (input.envVar !== undefined && input.envVar !== '') {
    return [{ source: 'environment variable', arn: input.envVar, strict: true }];
  }
  const candidates: Candidate[] = [];
  const current = input.currentBoundary;
  if (current) {
    candidates.push({ source: 'current env', arn: current, strict: false });
    const parsed = parsePolicyArn(current);
    if (parsed.ok) {
      const moved = formatPolicyArn(retarget(parsed.arn, input.target));
      if (moved !== current) candidates.push({ source: 'current env, retargeted', arn: moved, strict: false });
    }
  }
  if (input.policyName) {
    const arn = arnFromPolicyName(input.policyName.name, input.policyName.path, input.target);
    if (!candidates.some((candidate) => candidate.arn === arn))
      candidates.push({ source: 'policy name', arn, strict: false });
  }
  return candidates;
};

/** A candidate with what checking it said. */
export type Tried = { candidate: Candidate; verdict: Verdict };

/** The result of resolution: an ARN (`''` for none), or no valid boundary where one was expected. */
export type Resolution =
  | { kind: 'resolved'; arn: string; source: CandidateSource | 'none'; warning?: string }
  | { kind: 'invalid'; tried: Tried[]; strict: boolean };

/**
 * Decides from the candidates tried so far: the first valid one wins; a strict one that is not valid
 * is final; with nothing valid, "none" only when no source had a boundary and none is required.
 */
export const decideResolution = (input: ResolutionInput, tried: Tried[]): Resolution => {
  for (const attempt of tried) {
    const { candidate, verdict } = attempt;
    if (verdict.valid && verdict.arn === '' && input.required) {
      const problem = 'amplify/iam-guard.json requires a permissions boundary ("boundary.required": true).';
      return { kind: 'invalid', tried: [{ candidate, verdict: { valid: false, arn: '', problem } }], strict: true };
    }
    if (verdict.valid)
      return { kind: 'resolved', arn: verdict.arn, source: candidate.source, warning: verdict.warning };
    if (candidate.strict) return { kind: 'invalid', tried: [attempt], strict: true };
  }
  const expected = tried.length > 0 || input.required;
  return expected ? { kind: 'invalid', tried, strict: false } : { kind: 'resolved', arn: '', source: 'none' };
};
