import {
  decideResolution,
  resolutionCandidates,
  type Candidate,
  type ResolutionInput,
  type Tried,
} from '../../../src/boundary/resolution';
import type { EnvTarget } from '../../../src/boundary/target';
import { judgeBoundary } from '../../../src/boundary/validity';

const PROD: EnvTarget = { env: 'prod', account: '222222222222', region: 'us-east-1' };
const SAME_ACCOUNT: EnvTarget = { env: 'test', account: '123456789012', region: 'us-east-1' };
const CHINA: EnvTarget = { env: 'cn', account: '222222222222', region: 'cn-north-1' };

const DEV_BOUNDARY = 'arn:aws:iam::123456789012:policy/org/Boundary';
const PROD_BOUNDARY = 'arn:aws:iam::222222222222:policy/org/Boundary';
const AWS_MANAGED = 'arn:aws:iam::aws:policy/PowerUserAccess';

const input = (extra: Partial<ResolutionInput> = {}): ResolutionInput => ({
  required: false,
  target: PROD,
  currentEnv: 'dev',
  ...extra,
});

const arns = (candidates: Candidate[]): string[] => candidates.map((candidate) => candidate.arn);
const sources = (candidates: Candidate[]): string[] => candidates.map((candidate) => candidate.source);

const valid = (candidate: Candidate, warning?: string): Tried => ({
  candidate,
  verdict: { valid: true, arn: candidate.arn, warning },
});
const invalid = (candidate: Candidate, problem = 'not valid'): Tried => ({
  candidate,
  verdict: { valid: false, arn: candidate.arn, problem },
});

describe('resolutionCandidates: flag, environment variable, current env, policy name', () => {
  it('uses the flag alone when it is given, before everything else', () => {
    const candidates = resolutionCandidates(
      input({
        flag: PROD_BOUNDARY,
        envVar: DEV_BOUNDARY,
        currentBoundary: DEV_BOUNDARY,
        policyName: { name: 'B', path: '/' },
      }),
    );
    expect(candidates).toEqual([{ source: 'flag', arn: PROD_BOUNDARY, strict: true }]);
  });

  it("takes an empty flag as 'none', strictly, even when the current env has a boundary", () => {
    expect(resolutionCandidates(input({ flag: '', currentBoundary: DEV_BOUNDARY }))).toEqual([
      { source: 'flag', arn: '', strict: true },
    ]);
  });

  it('uses the environment variable next, strictly, before the current env', () => {
    const candidates = resolutionCandidates(input({ envVar: PROD_BOUNDARY, currentBoundary: DEV_BOUNDARY }));
    expect(candidates).toEqual([{ source: 'environment variable', arn: PROD_BOUNDARY, strict: true }]);
  });

  it('keeps a malformed environment variable as a strict candidate (it is an error, never ignored)', () => {
    const candidates = resolutionCandidates(input({ envVar: 'not-an-arn', currentBoundary: DEV_BOUNDARY }));
    expect(candidates).toEqual([{ source: 'environment variable', arn: 'not-an-arn', strict: true }]);
  });

  it('treats an empty environment variable as not set', () => {
    expect(sources(resolutionCandidates(input({ envVar: '', currentBoundary: DEV_BOUNDARY })))).toEqual([
      'current env',
      'current env, retargeted',
    ]);
  });

  it("offers the current env's boundary as is, then retargeted to the new account", () => {
    const candidates = resolutionCandidates(input({ currentBoundary: DEV_BOUNDARY }));
    expect(candidates).toEqual([
      { source: 'current env', arn: DEV_BOUNDARY, strict: false },
      { source: 'current env, retargeted', arn: PROD_BOUNDARY, strict: false },
    ]);
  });

  it('does not offer a retargeted copy when it is the same ARN (same account and partition)', () => {
    expect(resolutionCandidates(input({ currentBoundary: DEV_BOUNDARY, target: SAME_ACCOUNT }))).toEqual([
      { source: 'current env', arn: DEV_BOUNDARY, strict: false },
    ]);
  });

  it('keeps an AWS-managed boundary unchanged within the partition', () => {
    expect(arns(resolutionCandidates(input({ currentBoundary: AWS_MANAGED })))).toEqual([AWS_MANAGED]);
  });

  it('moves an AWS-managed boundary to the target partition, keeping the "aws" account', () => {
    expect(arns(resolutionCandidates(input({ currentBoundary: AWS_MANAGED, target: CHINA })))).toEqual([
      AWS_MANAGED,
      'arn:aws-cn:iam::aws:policy/PowerUserAccess',
    ]);
  });

  it('moves a customer-managed boundary to the target account and partition, keeping path and name', () => {
    expect(arns(resolutionCandidates(input({ currentBoundary: DEV_BOUNDARY, target: CHINA })))).toEqual([
      DEV_BOUNDARY,
      'arn:aws-cn:iam::222222222222:policy/org/Boundary',
    ]);
  });

  it("ignores an explicit '' on the current env (none on purpose) and falls to the policy name", () => {
    const candidates = resolutionCandidates(
      input({ currentBoundary: '', policyName: { name: 'Guard', path: '/org/' } }),
    );
    expect(candidates).toEqual([
      { source: 'policy name', arn: 'arn:aws:iam::222222222222:policy/org/Guard', strict: false },
    ]);
  });

  it('offers a malformed current boundary as is, without a retargeted copy', () => {
    expect(resolutionCandidates(input({ currentBoundary: 'garbage' }))).toEqual([
      { source: 'current env', arn: 'garbage', strict: false },
    ]);
  });

  it("resolves iam-guard's policy name in the new env's account and partition, after the current env", () => {
    const candidates = resolutionCandidates(
      input({ currentBoundary: AWS_MANAGED, policyName: { name: 'Guard', path: '/' }, target: CHINA }),
    );
    expect(sources(candidates)).toEqual(['current env', 'current env, retargeted', 'policy name']);
    expect(candidates[2]?.arn).toBe('arn:aws-cn:iam::222222222222:policy/Guard');
  });

  it('does not try the policy name twice when it names the retargeted boundary', () => {
    const candidates = resolutionCandidates(
      input({ currentBoundary: DEV_BOUNDARY, policyName: { name: 'Boundary', path: '/org/' } }),
    );
    expect(arns(candidates)).toEqual([DEV_BOUNDARY, PROD_BOUNDARY]);
  });

  it('has nothing to try when no source has a boundary', () => {
    expect(resolutionCandidates(input())).toEqual([]);
    expect(resolutionCandidates(input({ required: true }))).toEqual([]);
  });
});

describe('decideResolution', () => {
  const flag = (arn: string): Candidate => ({ source: 'flag', arn, strict: true });
  const envVar = (arn: string): Candidate => ({ source: 'environment variable', arn, strict: true });
  const current: Candidate = { source: 'current env', arn: DEV_BOUNDARY, strict: false };
  const retargeted: Candidate = { source: 'current env, retargeted', arn: PROD_BOUNDARY, strict: false };
  const byName: Candidate = { source: 'policy name', arn: 'arn:aws:iam::222222222222:policy/Guard', strict: false };

  it('resolves to a valid flag', () => {
    expect(decideResolution(input({ flag: PROD_BOUNDARY }), [valid(flag(PROD_BOUNDARY))])).toEqual({
      kind: 'resolved',
      arn: PROD_BOUNDARY,
      source: 'flag',
      warning: undefined,
    });
  });

  it('resolves an empty flag to none when no boundary is required', () => {
    expect(decideResolution(input({ flag: '' }), [valid(flag(''))])).toMatchObject({
      kind: 'resolved',
      arn: '',
      source: 'flag',
    });
  });

  it('refuses an empty flag when iam-guard.json requires a boundary', () => {
    const resolution = decideResolution(input({ flag: '', required: true }), [valid(flag(''))]);
    expect(resolution.kind).toBe('invalid');
    if (resolution.kind !== 'invalid') return;
    expect(resolution.strict).toBe(true);
    expect(resolution.tried).toHaveLength(1);
    expect(resolution.tried[0]?.verdict).toMatchObject({ valid: false, arn: '' });
    expect(resolution.tried[0]?.verdict.valid === false && resolution.tried[0].verdict.problem).toMatch(
      /requires a permissions boundary/,
    );
  });

  it('stops at an invalid flag, strictly, naming only that ARN', () => {
    const resolution = decideResolution(input({ flag: DEV_BOUNDARY }), [invalid(flag(DEV_BOUNDARY), 'other account')]);
    expect(resolution).toEqual({
      kind: 'invalid',
      tried: [invalid(flag(DEV_BOUNDARY), 'other account')],
      strict: true,
    });
  });

  it('stops at an invalid environment variable instead of ignoring it', () => {
    const tried = [invalid(envVar('not-an-arn'), 'malformed')];
    expect(decideResolution(input({ envVar: 'not-an-arn', currentBoundary: DEV_BOUNDARY }), tried)).toEqual({
      kind: 'invalid',
      tried,
      strict: true,
    });
  });

  it("takes the current env's boundary as is when it is valid for the new env", () => {
    const resolution = decideResolution(input({ currentBoundary: DEV_BOUNDARY, target: SAME_ACCOUNT }), [
      valid(current),
    ]);
    expect(resolution).toMatchObject({ kind: 'resolved', arn: DEV_BOUNDARY, source: 'current env' });
  });

  it('takes the retargeted boundary when the one as is is not valid', () => {
    const resolution = decideResolution(input({ currentBoundary: DEV_BOUNDARY }), [
      invalid(current, 'other account'),
      valid(retargeted),
    ]);
    expect(resolution).toMatchObject({ kind: 'resolved', arn: PROD_BOUNDARY, source: 'current env, retargeted' });
  });

  it('accepts a retargeted ARN that IAM would not confirm (AccessDenied), keeping the warning', () => {
    const warning = 'Could not check: lacks iam:GetPolicy';
    const resolution = decideResolution(input({ currentBoundary: DEV_BOUNDARY }), [
      invalid(current, 'other account'),
      valid(retargeted, warning),
    ]);
    expect(resolution).toEqual({ kind: 'resolved', arn: PROD_BOUNDARY, source: 'current env, retargeted', warning });
  });

  it('takes the policy name when the current env gave nothing valid', () => {
    const resolution = decideResolution(
      input({ currentBoundary: DEV_BOUNDARY, policyName: { name: 'Guard', path: '/' } }),
      [invalid(current), invalid(retargeted, 'does not exist'), valid(byName)],
    );
    expect(resolution).toMatchObject({ kind: 'resolved', arn: byName.arn, source: 'policy name' });
  });

  it('resolves to none only when no source had a boundary', () => {
    expect(decideResolution(input(), [])).toEqual({ kind: 'resolved', arn: '', source: 'none' });
  });

  it('does not drop to none when the current env had a boundary but nothing valid was found', () => {
    const tried = [invalid(current, 'other account'), invalid(retargeted, 'does not exist')];
    expect(decideResolution(input({ currentBoundary: DEV_BOUNDARY }), tried)).toEqual({
      kind: 'invalid',
      tried,
      strict: false,
    });
  });

  it('is invalid when a boundary is required and no source has one', () => {
    expect(decideResolution(input({ required: true }), [])).toEqual({ kind: 'invalid', tried: [], strict: false });
  });

  it('never accepts a foreign-account ARN as is, even when IAM cannot be asked', () => {
    const verdict = judgeBoundary(DEV_BOUNDARY, PROD, 'denied');
    expect(verdict.valid).toBe(false);
    const resolution = decideResolution(input({ currentBoundary: DEV_BOUNDARY }), [{ candidate: current, verdict }]);
    expect(resolution.kind).toBe('invalid');
  });

  it('accepts a retargeted ARN judged with AccessDenied, with the iam:GetPolicy warning', () => {
    const tried: Tried[] = [
      { candidate: current, verdict: judgeBoundary(DEV_BOUNDARY, PROD, 'denied') },
      { candidate: retargeted, verdict: judgeBoundary(PROD_BOUNDARY, PROD, 'denied') },
    ];
    const resolution = decideResolution(input({ currentBoundary: DEV_BOUNDARY }), tried);
    expect(resolution).toMatchObject({ kind: 'resolved', arn: PROD_BOUNDARY });
    expect(resolution.kind === 'resolved' && resolution.warning).toMatch(/iam:GetPolicy/);
  });
});
