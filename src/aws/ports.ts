import type { SimulatedPair } from '../boundary/simulation-report';
import type { HostingTarget } from '../compute-role/hosting-target';
import type { RoleInfo } from '../compute-role/role-info';
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

/** What `GetRole` says of a role's boundary (and its ARN, which names the role to IAM's simulator). */
export type RoleBoundary = { found: false } | { found: true; boundary?: string; arn?: string };

/** IAM's policy simulator, which evaluates a role's own policies, its boundary and the SCPs together. */
export type SimulatorPort = {
  /** `SimulatePrincipalPolicy` of these actions on these resources for one role, every page; one answer a pair. */
  simulate: (roleArn: string, actions: readonly string[], resources: readonly string[]) => Promise<SimulatedPair[]>;
};

/** A resource of a CloudFormation stack. */
export type StackResource = { logicalId: string; type: string; physicalId?: string };

/** What `DescribeStacks` says of a stack: its parameter values, and the stack it is nested in. */
export type StackDetails = { parameters: Record<string, string>; parentId?: string };

/** The CloudFormation calls `verify` makes. */
export type StacksPort = {
  /** `ListStackResources`, every page. A stack is named by its name or its ARN. */
  listResources: (stack: string) => Promise<StackResource[]>;
  /** `GetTemplate`: the deployed template's body, as text (JSON or YAML). */
  getTemplate: (stack: string) => Promise<string>;
  /** `DescribeStacks` of one stack. */
  describeStack: (stack: string) => Promise<StackDetails>;
};

/** Who the credentials belong to. */
export type IdentityPort = {
  /** STS `GetCallerIdentity`: the account the credentials act in. */
  account: () => Promise<string>;
};

/** An IAM role as the compute-role commands see it (defined with the pure compute-role code). */
export type { RoleInfo };

/** What a role to create is made of. */
export type NewRole = {
  name: string;
  trustPolicy: string;
  boundary?: string;
  tags: Record<string, string>;
  description: string;
};

/** The IAM calls that create, converge and delete compute roles. */
export type RolesPort = {
  /** `GetRole` plus its attached and inline policy names; undefined when there is no such role. */
  describe: (roleName: string) => Promise<RoleInfo | undefined>;
  create: (role: NewRole) => Promise<string>;
  attachPolicy: (roleName: string, policyArn: string) => Promise<void>;
  detachPolicy: (roleName: string, policyArn: string) => Promise<void>;
  putInlinePolicy: (roleName: string, policyName: string, document: string) => Promise<void>;
  deleteInlinePolicy: (roleName: string, policyName: string) => Promise<void>;
  setBoundary: (roleName: string, boundary: string | undefined) => Promise<void>;
  /** `TagRole`: adds or overwrites these tags. */
  tag: (roleName: string, tags: Record<string, string>) => Promise<void>;
  /** Detaches and deletes its policies, then the role. */
  delete: (roleName: string) => Promise<void>;
};

/** An Amplify Hosting app as the plugin reads it. */
export type HostingApp = {
  appId: string;
  name: string;
  computeRoleArn?: string;
  environmentVariables: Record<string, string>;
  buildSpec?: string;
  /** The connected repository; empty or absent for an app deployed by hand. */
  repository?: string;
};

/** An Amplify Hosting branch as the plugin reads it. */
export type HostingBranch = {
  branchName: string;
  backendEnvironmentArn?: string;
  computeRoleArn?: string;
  environmentVariables: Record<string, string>;
  buildSpec?: string;
};

/** The Amplify control-plane calls of the compute-role commands. */
export type HostingPort = {
  getApp: (appId: string) => Promise<HostingApp>;
  /** `ListBranches`, every page. */
  listBranches: (appId: string) => Promise<HostingBranch[]>;
  /** `UpdateBranch` / `UpdateApp` with `computeRoleArn` (`''` removes it). */
  setComputeRole: (appId: string, target: HostingTarget, roleArn: string) => Promise<void>;
  /** `UpdateBranch` / `UpdateApp` with the whole map of environment variables. */
  setVariables: (appId: string, target: HostingTarget, variables: Record<string, string>) => Promise<void>;
  /** `StartJob` with `jobType: RELEASE`: redeploys the branch's last commit; returns the job id. */
  startRelease: (appId: string, branch: string) => Promise<string>;
  /** `ListJobs` (newest first): when the branch's last successful deployment started; undefined when none. */
  lastDeployment: (appId: string, branch: string) => Promise<Date | undefined>;
};

/** A branch, or the app default for all branches (defined with the pure compute-role code). */
export type { HostingTarget };

/** The AWS ports of one env (one account and region). */
export type EnvAws = {
  iam: IamPort;
  identity: IdentityPort;
  stacks: StacksPort;
  roles: RolesPort;
  hosting: HostingPort;
  simulator: SimulatorPort;
  /** The AWS requests made through these ports so far, by IAM action name (`iam:GetRole`); SDK-backed ports only. */
  requests?: () => Record<string, number>;
};

/** Static credentials, as the CLI's `loadConfigurationForEnv` hands them over. */
export type StaticCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};

/** Credentials fetched when first needed (and again when they expire), as the SDK's providers do. */
export type CredentialProvider = () => Promise<StaticCredentials>;

/**
 * How to reach one account: the env's credentials (or a provider of them), a named profile, or (neither) the
 * SDK's default credential chain; without a region, the SDK resolves it the usual way (profile, AWS_REGION).
 */
export type AwsAccess = { region?: string; credentials?: StaticCredentials | CredentialProvider; profile?: string };
