import type { EnvTarget } from '../boundary/target';
import { checkOffline, judgeBoundary, type Verdict } from '../boundary/validity';
import type { IamPort } from '../aws/ports';

/**
 * Decides whether a boundary is valid for an env: offline rules, then `GetPolicy` unless `iam` is
 * absent (`--no-check`). A suggested retargeted ARN is kept only if IAM does not say it is missing.
 */
export const checkBoundary = async (value: string, target: EnvTarget, iam: IamPort | undefined): Promise<Verdict> => {
  if (value === '') return { valid: true, arn: '' };
  const offline = checkOffline(value, target);
  if (!offline.valid) {
    if (offline.suggestion && iam && (await iam.policyExists(offline.suggestion)) === 'missing') {
      return { ...offline, suggestion: undefined };
    }
    return offline;
  }
  return judgeBoundary(value, target, iam ? await iam.policyExists(value) : 'unchecked');
};
