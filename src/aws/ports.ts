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
  /** `GetRole`: the role's permissions boundary (undefined: none), or `not-found`. */
  roleBoundary: (roleName: string) => Promise<RoleBoundary>;
};

/** What `GetRole` says of a role's boundary. */
export type RoleBoundary = { found: false } | { found: true; boundary?: string };

/** A resource of a CloudFormation stack. */
export type StackResource = { logicalId: string; type: string; physicalId?: string };

/** The CloudFormation calls `verify` makes. */
export type StacksPort = {
  /** `ListStackResources`, every page. A stack is named by its name or its ARN. */
  listResources: (stack: string) => Promise<StackResource[]>;
};

/** Who the credentials belong to. */
export type IdentityPort = {
  /** STS `GetCallerIdentity`: the account the credentials act in. */
  account: () => Promise<string>;
};

/** The AWS ports of one env (one account and region). */
export type EnvAws = { iam: IamPort; identity: IdentityPort; stacks: StacksPort };

/** Static credentials, as the CLI's `loadConfigurationForEnv` hands them over. */
export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};

/**
 * How to reach one account: the env's credentials, a named profile, or (neither) the SDK's default
 * credential chain; without a region, the SDK resolves it the usual way (profile, AWS_REGION).
 */
export type AwsAccess = { region?: string; credentials?: StaticCredentials; profile?: string };
