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

/** What a trust policy lets happen, as `attach --role-arn` judges it. */
export type TrustReview = {
  /** Why the role must not be used, when any principal at all may assume it. */
  refused?: string;
  /** Principals other than Amplify that an Allow statement names (a warning). */
  others: string[];
};

const principalsOf = (principal: unknown): string[] => {
  if (principal === '*') return ['*'];
  if (typeof principal !== 'object' || principal === null) return [];
  return Object.entries(principal).flatMap(([kind, value]) =>
    asList(value).map((item) => (item === '*' ? '*' : `${kind}:${String(item)}`)),
  );
};

/**
 * Reviews who a trust policy lets assume the role: a wildcard principal (`"*"`, `{"AWS":"*"}`) in an Allow
 * is refused, since anyone in any account could then act as the SSR app; other principals besides Amplify
 * are listed for a warning.
 */
export const reviewTrust = (document: unknown): TrustReview => {
  const allowed = asList((parsePolicyDocument(document) as { Statement?: unknown } | undefined)?.Statement)
    .filter((statement) => (statement as { Effect?: unknown } | null)?.Effect === 'Allow')
    .flatMap((statement) => principalsOf((statement as { Principal?: unknown }).Principal));
  const others = [...new Set(allowed.filter((principal) => principal !== `Service:${AMPLIFY_SERVICE}`))];
  return others.includes('*') ? { refused: 'its trust policy lets any principal ("*") assume it', others } : { others };
};
