import { decidePrePush, type PrePushInput } from '../../../src/boundary/pre-push-plan';

const STORED = 'arn:aws:iam::123456789012:policy/Boundary';
const OTHER = 'arn:aws:iam::123456789012:policy/Other';
const BY_NAME = 'arn:aws:iam::123456789012:policy/org/Guard';

const decide = (extra: Partial<PrePushInput>) => decidePrePush({ env: 'dev', required: false, ...extra });

describe('decidePrePush: checks, fills or stops before a push, never deploys', () => {
  describe('team-provider-info has a value', () => {
    it('checks the stored boundary', () => {
      expect(decide({ stored: STORED })).toEqual({ kind: 'check', arn: STORED, warning: undefined });
    });

    it('checks it without a warning when the environment variable agrees', () => {
      expect(decide({ stored: STORED, envVar: STORED })).toEqual({ kind: 'check', arn: STORED, warning: undefined });
    });

    it('checks the stored value and warns that team-provider-info wins when the variable disagrees', () => {
      const decision = decide({ stored: STORED, envVar: OTHER });
      expect(decision).toMatchObject({ kind: 'check', arn: STORED });
      const warning = decision.kind === 'check' ? decision.warning : undefined;
      expect(warning).toContain(`AMPLIFY_PERMISSIONS_BOUNDARY_ARN is ${OTHER}`);
      expect(warning).toContain(`gives env "dev" ${STORED}`);
      expect(warning).toContain('team-provider-info wins');
    });

    it('still checks the stored value when a policy name or a deployed boundary is known', () => {
      expect(decide({ stored: STORED, policyNameArn: BY_NAME, deployed: OTHER })).toMatchObject({
        kind: 'check',
        arn: STORED,
      });
    });

    it('checks it even when a boundary is required (the value is there)', () => {
      expect(decide({ stored: STORED, required: true })).toMatchObject({ kind: 'check', arn: STORED });
    });
  });

  describe("team-provider-info has '' (none, on purpose)", () => {
    it('does nothing', () => {
      expect(decide({ stored: '' })).toEqual({ kind: 'nothing' });
    });

    it('does nothing even when the last deployment had a boundary (removing it was asked for)', () => {
      expect(decide({ stored: '', deployed: STORED })).toEqual({ kind: 'nothing' });
    });

    it('stops when iam-guard.json requires a boundary', () => {
      expect(decide({ stored: '', required: true })).toEqual({ kind: 'stop-required' });
      expect(decide({ stored: '', required: true, envVar: STORED })).toEqual({ kind: 'stop-required' });
    });

    it("keeps '' but warns when the environment variable gives a boundary", () => {
      const decision = decide({ stored: '', envVar: STORED });
      expect(decision).toMatchObject({ kind: 'check', arn: '' });
      const warning = decision.kind === 'check' ? decision.warning : undefined;
      expect(warning).toContain('no boundary ("")');
      expect(warning).toContain('team-provider-info wins');
    });
  });

  describe('team-provider-info has no key for the env', () => {
    it('fills it from the environment variable first', () => {
      expect(decide({ envVar: OTHER, policyNameArn: BY_NAME, deployed: STORED })).toEqual({
        kind: 'fill',
        arn: OTHER,
        source: 'environment variable',
      });
    });

    it("fills it from iam-guard.json's policy name next", () => {
      expect(decide({ policyNameArn: BY_NAME, deployed: STORED })).toEqual({
        kind: 'fill',
        arn: BY_NAME,
        source: 'iam-guard.json',
      });
    });

    it('asks for the last deployed state when nothing else gives a boundary', () => {
      expect(decide({})).toEqual({ kind: 'look-up-deployed' });
      expect(decide({ required: true })).toEqual({ kind: 'look-up-deployed' });
    });

    it('reports that the push would strip a deployed boundary', () => {
      expect(decide({ deployed: STORED })).toEqual({ kind: 'would-strip', deployed: STORED });
      expect(decide({ deployed: STORED, required: true })).toEqual({ kind: 'would-strip', deployed: STORED });
    });

    it('does nothing when nothing was deployed with a boundary', () => {
      expect(decide({ deployed: null })).toEqual({ kind: 'nothing' });
    });

    it('stops when nothing has a boundary but one is required', () => {
      expect(decide({ deployed: null, required: true })).toEqual({ kind: 'stop-required' });
    });
  });
});
