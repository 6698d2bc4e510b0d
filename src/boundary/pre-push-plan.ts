/** What PrePush knows about the current env's boundary. */
export type PrePushInput = {
  env: string;
  /** team-provider-info's key: undefined when absent, `''` for none on purpose. */
  stored?: string;
  /** AMPLIFY_PERMISSIONS_BOUNDARY_ARN, when set and not empty. */
  envVar?: string;
  /** iam-guard.json's policy name resolved in the env's account (the caller resolves it when it needs to). */
  policyNameArn?: string;
  required: boolean;
  /** The boundary the env last deployed: a value, `null` for none, undefined when not looked up yet. */
  deployed?: string | null;
};

/** What PrePush does: it only guards the push, so it checks or fills the boundary, or stops; it never deploys. */
export type PrePushDecision =
  | { kind: 'check'; arn: string; warning?: string }
  | { kind: 'fill'; arn: string; source: 'environment variable' | 'iam-guard.json' }
  | { kind: 'look-up-deployed' }
  | { kind: 'would-strip'; deployed: string }
  | { kind: 'stop-required' }
  | { kind: 'nothing' };

/** Decides the push guard from what is stored, configured and deployed. */
export const decidePrePush = (input: PrePushInput): PrePushDecision => {
  const { stored, envVar } = input;
  if (stored !== undefined) {
    const warning =
      envVar !== undefined && envVar !== stored
        ? `AMPLIFY_PERMISSIONS_BOUNDARY_ARN is ${envVar}, but team-provider-info gives env "${input.env}" ${stored === '' ? 'no boundary ("")' : stored}; team-provider-info wins.`
        : undefined;
    if (stored === '')
      return input.required
        ? { kind: 'stop-required' }
        : warning
          ? { kind: 'check', arn: '', warning }
          : { kind: 'nothing' };
    return { kind: 'check', arn: stored, warning };
  }
  if (envVar !== undefined) return { kind: 'fill', arn: envVar, source: 'environment variable' };
  if (input.policyNameArn !== undefined) return { kind: 'fill', arn: input.policyNameArn, source: 'iam-guard.json' };
  if (input.deployed === undefined) return { kind: 'look-up-deployed' };
  if (input.deployed !== null) return { kind: 'would-strip', deployed: input.deployed };
  return input.required ? { kind: 'stop-required' } : { kind: 'nothing' };
};
