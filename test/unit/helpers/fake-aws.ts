import { unusedHosting, unusedRoles, unusedSimulator } from '../../fakes/memory-ports';
import type { EnvAws, IamPort, PolicyLookup, RoleBoundary, StackResource, StacksPort } from '../../../src/aws/ports';

/** One account as the fakes see it: which policies exist, what each role carries, whether GetPolicy is denied. */
export type FakeAccount = {
  policies?: string[];
  /** Role name → its boundary (undefined: none). Roles not listed do not exist. */
  roles?: Record<string, string | undefined>;
  /** The credentials lack iam:GetPolicy. */
  denyGetPolicy?: boolean;
  /** Stack name or ARN → its resources. */
  stacks?: Record<string, StackResource[]>;
  /** Stack name → its deployed template (an object is sent as JSON) and parameter values; absent: GetTemplate fails. */
  templates?: Record<string, { body: unknown; parameters?: Record<string, string>; parentId?: string }>;
};

/** An in-memory IAM for one account. */
export const fakeIam = (account: FakeAccount): IamPort => ({
  policyExists: (arn) => {
    const lookup: PolicyLookup = account.denyGetPolicy
      ? 'denied'
      : (account.policies ?? []).includes(arn)
        ? 'exists'
        : 'missing';
    return Promise.resolve(lookup);
  },
  listCustomerPolicies: () =>
    Promise.resolve(
      (account.policies ?? []).map((arn) => {
        const resource = arn.split(':policy')[1] ?? '/';
        const slash = resource.lastIndexOf('/');
        return { arn, path: resource.slice(0, slash + 1), name: resource.slice(slash + 1) };
      }),
    ),
  roleBoundary: (roleName) => {
    const roles = account.roles ?? {};
    const answer: RoleBoundary = Object.hasOwn(roles, roleName)
      ? { found: true, boundary: roles[roleName] }
      : { found: false };
    return Promise.resolve(answer);
  },
});

/** An in-memory CloudFormation: a stack unknown to it is an error, as ListStackResources makes it. */
export const fakeStacks = (account: FakeAccount): StacksPort => ({
  listResources: (stack) => {
    const resources = (account.stacks ?? {})[stack];
    return resources ? Promise.resolve(resources) : Promise.reject(new Error(`Stack with id ${stack} does not exist`));
  },
  getTemplate: (stack) => {
    const template = (account.templates ?? {})[stack];
    if (!template) return Promise.reject(new Error(`AWS denied cloudformation:GetTemplate on ${stack}.`));
    return Promise.resolve(typeof template.body === 'string' ? template.body : JSON.stringify(template.body));
  },
  describeStack: (stack) => {
    const template = (account.templates ?? {})[stack];
    return Promise.resolve({ parameters: template?.parameters ?? {}, parentId: template?.parentId });
  },
});

/** The AWS ports of one account. */
export const fakeEnvAws = (accountId: string, account: FakeAccount): EnvAws => ({
  iam: fakeIam(account),
  identity: { account: () => Promise.resolve(accountId) },
  stacks: fakeStacks(account),
  roles: unusedRoles(),
  hosting: unusedHosting(),
  simulator: unusedSimulator(),
});

/** AWS ports whose every call fails the test: for runs that must make no AWS call. */
export const forbiddenAws = (): EnvAws => {
  const fail = (what: string): Promise<never> => Promise.reject(new Error(`unexpected AWS call: ${what}`));
  return {
    iam: {
      policyExists: () => fail('iam:GetPolicy'),
      listCustomerPolicies: () => fail('iam:ListPolicies'),
      roleBoundary: () => fail('iam:GetRole'),
    },
    identity: { account: () => fail('sts:GetCallerIdentity') },
    stacks: {
      listResources: () => fail('cloudformation:ListStackResources'),
      getTemplate: () => fail('cloudformation:GetTemplate'),
      describeStack: () => fail('cloudformation:DescribeStacks'),
    },
    roles: unusedRoles(),
    hosting: unusedHosting(),
    simulator: unusedSimulator(),
  };
};
