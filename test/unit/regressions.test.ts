/**
 * Regressions: behaviour an earlier version got wrong, each pinned by a test.
 */
import { parsePolicyArn } from '../../src/boundary/arn';
import { requestFromFlags } from '../../src/boundary/set-plan';
import { GuardError } from '../../src/errors';
import { parseGuardConfig } from '../../src/project/guard-config';
import { parseJsonObject } from '../../src/project/json-file';

const thrown = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('regressions', () => {
  it('names the line and column of an unexpected token in a malformed file', () => {
    const text = '{\n  "boundary": {\n    "required": yes\n  }\n}\n';
    const error = thrown(() => parseJsonObject('amplify/iam-guard.json', text));
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain('line 3, column 17');
  });

  it('refuses --policy-path without a final "/" instead of making the policy "orgX"', () => {
    expect(() => requestFromFlags({ policyName: 'AmplifyBoundary', policyPath: '/org' })).toThrow(GuardError);
  });

  it('refuses boundary.policyPath "/org" (no final "/") in amplify/iam-guard.json', () => {
    expect(() =>
      parseGuardConfig('amplify/iam-guard.json', { boundary: { policyName: 'B', policyPath: '/org' } }),
    ).toThrow(/boundary\.policyPath/);
  });

  it('refuses a --policy-name containing "/" (a path belongs in --policy-path)', () => {
    expect(() => requestFromFlags({ policyName: 'org/AmplifyBoundary' })).toThrow(GuardError);
  });

  it('names boundary.policyPath and its value when only the path is wrong', () => {
    const error = thrown(() =>
      parseGuardConfig('amplify/iam-guard.json', { boundary: { policyName: 'AmplifyBoundary', policyPath: 'org' } }),
    );
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain('"boundary.policyPath" is "org"');
  });

  it('treats ":" in a path like the other printable characters it accepts there', () => {
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/a!b/B').ok).toBe(true);
    expect(parsePolicyArn('arn:aws:iam::123456789012:policy/a:b/B').ok).toBe(true);
  });
});
