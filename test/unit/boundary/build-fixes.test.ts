import { buildFixes, isBuildRun } from '../../../src/boundary/build-fixes';

describe('isBuildRun', () => {
  it('is a build under CI, or with Amplify Hosting’s own build variables', () => {
    expect(isBuildRun({ CI: 'true' })).toBe(true);
    expect(isBuildRun({ AWS_APP_ID: 'd1', AWS_BRANCH: 'main' })).toBe(true);
    expect(isBuildRun({ CI: 'false' })).toBe(false);
    expect(isBuildRun({ AWS_APP_ID: 'd1' })).toBe(false);
    expect(isBuildRun({})).toBe(false);
  });
});

describe('buildFixes', () => {
  it('names the env variable with the ARN, and the policy name and path to commit', () => {
    const text = buildFixes('arn:aws:iam::123456789012:policy/org/AmplifyBoundary');
    expect(text).toContain('AMPLIFY_PERMISSIONS_BOUNDARY_ARN=arn:aws:iam::123456789012:policy/org/AmplifyBoundary');
    expect(text).toContain(
      '{"boundary":{"policyName":"AmplifyBoundary","policyPath":"/org/"}} in amplify/iam-guard.json',
    );
  });

  it('uses placeholders when no boundary is known, and for an AWS-managed policy, which no name can give', () => {
    expect(buildFixes()).toContain('AMPLIFY_PERMISSIONS_BOUNDARY_ARN=<arn>');
    expect(buildFixes('arn:aws:iam::aws:policy/PowerUserAccess')).toContain('"policyName":"<policy name>"');
  });
});
