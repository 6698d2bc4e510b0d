/** A customer-managed policy, as offered in the boundary picker. */
export type PolicySummary = { arn: string; name: string; path: string; description?: string };

/** What IAM said when asked whether a policy exists. */
export type PolicyLookup = 'exists' | 'missing' | 'denied';

/** The IAM calls the boundary commands make. */
export type IamPort = {
  /** `GetPolicy`: found, not found (`NoSuchEntity`), or not allowed to look (`AccessDenied`). */
  policyExists: (arn: string) => Promise<PolicyLookup>;
  /** `ListPolicies` with `Scope=Local`, every page. */
  listCustomerPolicies: () => Promise<PolicySummary[]>;
};

/** Who the credentials belong to. */
export type IdentityPort = {
  /** STS `GetCallerIdentity`: the account the credentials act in. */
  account: () => Promise<string>;
};

/** The AWS ports of one env (one account and region). */
export type EnvAws = { iam: IamPort; identity: IdentityPort };

/** Static credentials, as the CLI's `loadConfigurationForEnv` hands them over. */
export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};

/**
 * How to reach one account: a region and either the env's credentials, a named profile, or (neither)
 * the SDK's default credential chain.
 */
export type AwsAccess = { region: string; credentials?: StaticCredentials; profile?: string };
