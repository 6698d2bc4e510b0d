/** The Amplify Hosting service principal compute roles must trust. */
export const AMPLIFY_SERVICE = 'amplify.amazonaws.com';

/** The exact trust policy of a role this plugin creates: Amplify, and nothing else, may assume it. */
export const COMPUTE_TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: AMPLIFY_SERVICE }, Action: 'sts:AssumeRole' }],
} as const;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** Parses a trust policy as IAM returns it (URL-encoded JSON), or as a JSON string or object. */
export const parsePolicyDocument = (document: unknown): unknown => {
  if (typeof document !== 'string') return document;
  let text = document;
  try {
    text = decodeURIComponent(document);
  } catch {
    // not URL-encoded
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Whether a trust policy lets `amplify.amazonaws.com` call `sts:AssumeRole`: an Allow for it and no Deny (a Deny wins in IAM). */
export const trustsAmplify = (document: unknown): boolean => {
  const statements = asList((parsePolicyDocument(document) as { Statement?: unknown } | undefined)?.Statement);
  const matching = (effect: 'Allow' | 'Deny'): boolean =>
    statements.some((statement) => {
      const { Effect, Principal, Action } = (statement ?? {}) as {
        Effect?: unknown;
        Principal?: unknown;
        Action?: unknown;
      };
      const services = Principal === '*' ? ['*'] : asList((Principal as { Service?: unknown } | undefined)?.Service);
      return (
        Effect === effect &&
        (services.includes(AMPLIFY_SERVICE) || services.includes('*')) &&
        asList(Action).some((action) => typeof action === 'string' && /^(sts:assumerole|sts:\*|\*)$/i.test(action))
      );
    });
  return matching('Allow') && !matching('Deny');
};

/** Whether a policy document allows every action on every resource (a warning, not a refusal). */
export const grantsEverything = (document: unknown): boolean =>
  asList((parsePolicyDocument(document) as { Statement?: unknown } | undefined)?.Statement).some((statement) => {
    const { Effect, Action, Resource } = (statement ?? {}) as {
      Effect?: unknown;
      Action?: unknown;
      Resource?: unknown;
    };
    return Effect === 'Allow' && asList(Action).includes('*') && asList(Resource).includes('*');
  });
