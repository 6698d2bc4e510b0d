/**
 * One in-memory AWS for the unit tier, reached through the same ports as the SDK adapters (`EnvAws`).
 *
 * What it holds: accounts, each with its managed policies, IAM roles, CloudFormation stacks and Amplify
 * Hosting apps (with branches and jobs), and the actions its credentials are denied.
 *
 * What it promises (the port contract in `test/support/port-contract.ts` checks these against this world in
 * the unit tier and against the SDK adapters on moto in the integration tier; a denied call and role names
 * in another case are checked against this world only, as moto cannot express them):
 * - Accounts are apart: a customer-managed policy, a role, a stack or an app exists in one account; asked
 *   for from another it is missing. AWS-managed policies (`arn:<partition>:iam::aws:policy/…`) exist in
 *   every account.
 * - `GetPolicy` answers `exists` or `missing`, and `denied` for any ARN when the account's credentials are
 *   denied `iam:GetPolicy`. Any other denied action fails with `AccessDenied`, as AWS answers it.
 * - `ListPolicies` (Scope=Local) lists the account's own policies, sorted by name.
 * - Role names are unique ignoring case, and a role is found whatever the case of the name asked for (IAM
 *   does not distinguish role names by case); a role keeps the case it was created with. Creating a second
 *   role whose name differs only in case fails with `EntityAlreadyExists`.
 * - `GetRole` gives a role's ARN and its boundary (undefined when it has none); an unknown role is not
 *   found, and changing one fails with `NoSuchEntity`.
 * - A stack is named by its name or its ARN. An unknown stack fails every CloudFormation call with a
 *   `ValidationError` ("Stack with id … does not exist").
 * - An unknown app or branch is a `NotFoundException`. A release job starts only for an app connected to a
 *   repository (one deployed by hand is a `BadRequestException`), and starts `PENDING`; only a job set to
 *   `SUCCEED` counts as the branch's last deployment. Apps are checked against the Amplify stand-in, which
 *   holds one account's apps, so "accounts are apart" is the world's own promise for them.
 * - Failures go through the same SDK-error table as the adapters' (`callAws`), so a command prints the
 *   same words whichever ports it was given.
 * - Forbidden mode: every call of every port fails the test, naming the action (`iam:GetPolicy`). IAM's
 *   policy simulator is not modelled: it is always forbidden (tests that need it pass their own).
 */
import type {
  EnvAws,
  HostingApp,
  HostingBranch,
  HostingPort,
  HostingTarget,
  IamPort,
  IdentityPort,
  NewRole,
  PolicyLookup,
  PolicySummary,
  RoleInfo,
  RolesPort,
  SimulatorPort,
  StackResource,
  StacksPort,
} from '../../src/aws/ports';
import { callAws } from '../../src/aws/errors';
import { INLINE_POLICY_NAME } from '../../src/compute-role/plan';

/** A role as the world stores it: what `RolesPort.describe` gives, with the inline documents themselves. */
export type StoredRole = RoleInfo & { inlineDocuments: Record<string, string> };

/** A stack as the world stores it. */
export type StoredStack = {
  resources: StackResource[];
  /** The deployed template (an object is sent as JSON). */
  body?: unknown;
  parameters: Record<string, string>;
  parentId?: string;
};

/** One release or build job of a branch. */
export type StoredJob = { jobId: string; jobType: string; status: string; startTime: Date };

/** An Amplify Hosting app with its branches and each branch's jobs (newest first). */
export type StoredApp = { app: HostingApp; branches: HostingBranch[]; jobs: Map<string, StoredJob[]> };

/** Everything one account holds. */
export type AccountState = {
  id: string;
  /** Customer-managed policy ARNs of this account (AWS-managed ones are in the world's `awsManaged`). */
  policies: Set<string>;
  /** Role name (as created) → role. */
  roles: Map<string, StoredRole>;
  /** Stack name or ARN → stack. */
  stacks: Map<string, StoredStack>;
  /** App id → app. */
  apps: Map<string, StoredApp>;
  /** Actions (`iam:GetPolicy`, `cloudformation:GetTemplate`) the account's credentials may not call. */
  denied: Set<string>;
};

/** A role to seed: only its name is needed; a plugin-made compute role also has tags and policies. */
export type RoleSeed = Partial<StoredRole> & { name: string };

/** What one account starts with; every field is optional. */
export type AccountSeed = {
  /** Policy ARNs that exist; an AWS-managed one exists in every account, another in the account it names. */
  policies?: string[];
  /** Role name → its boundary (undefined: none); `AwsWorld.addRole` seeds a role with more. */
  roles?: Record<string, string | undefined>;
  /** Stack name or ARN → its resources. */
  stacks?: Record<string, StackResource[]>;
  /** Stack name → its deployed template and parameter values (the stack exists even without resources). */
  templates?: Record<string, { body: unknown; parameters?: Record<string, string>; parentId?: string }>;
  /** Amplify Hosting apps and their branches. */
  apps?: Array<{ app: HostingApp; branches?: HostingBranch[] }>;
  /** Actions the account's credentials may not call. */
  denied?: string[];
};

/** The trust policy of a seeded role that names none: Amplify may assume it. */
export const AMPLIFY_TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

/** The in-memory AWS, and the ports its accounts' credentials give. */
export type AwsWorld = {
  /** AWS-managed policy ARNs, which every account sees. */
  awsManaged: Set<string>;
  /** While true, every call of every port fails the test, naming the action. */
  forbidden: boolean;
  /** The account's state (made empty on first use). */
  account: (id: string) => AccountState;
  /** Adds a policy to the account its ARN names (AWS-managed: every account). */
  addPolicy: (arn: string) => void;
  /** Adds a role to an account, as if made outside the run under test. */
  addRole: (account: string, role: RoleSeed) => StoredRole;
  /** Adds an app and its branches to an account. */
  addApp: (account: string, app: HostingApp, branches?: HostingBranch[]) => StoredApp;
  /** Seeds an account. */
  seed: (account: string, seed: AccountSeed) => AwsWorld;
  /** The ports of an account's credentials; `env` is only used to word errors, as the adapters do. */
  aws: (account: string, env?: string) => EnvAws;
};

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;
const accountOfArn = (arn: string): string => arn.split(':')[4] ?? '';
const ROLE_ARN_PREFIX = (account: string) => `arn:aws:iam::${account}:role/`;

/** An SDK-shaped error (its name is what the error table and the adapters match on). */
const awsError = (name: string, message: string, fault: 'client' | 'server' = 'client'): Error =>
  Object.assign(new Error(message), { name, $fault: fault });

const forbiddenCall = (action: string): Promise<never> =>
  Promise.reject(new Error(`unexpected AWS call: ${action} (this run must make no AWS call)`));

/** The name part of a policy ARN, and its path. */
const policyParts = (arn: string): { name: string; path: string } => {
  const resource = arn.split(':policy')[1] ?? '/';
  const slash = resource.lastIndexOf('/');
  return { path: resource.slice(0, slash + 1), name: resource.slice(slash + 1) };
};

/** The stack a name or ARN (`arn:…:stack/<name>/<id>`) stands for. */
const findStack = (state: AccountState, stack: string): StoredStack | undefined =>
  state.stacks.get(stack) ?? state.stacks.get(/:stack\/([^/]+)\//.exec(stack)?.[1] ?? '');

/** Creates an in-memory AWS, with the given accounts seeded. */
export const createWorld = (seeds: Record<string, AccountSeed> = {}): AwsWorld => {
  const accounts = new Map<string, AccountState>();
  const world: AwsWorld = {
    awsManaged: new Set(),
    forbidden: false,
    account: (id) => {
      let state = accounts.get(id);
      if (!state) {
        state = { id, policies: new Set(), roles: new Map(), stacks: new Map(), apps: new Map(), denied: new Set() };
        accounts.set(id, state);
      }
      return state;
    },
    addPolicy: (arn) => {
      if (AWS_MANAGED.test(arn)) world.awsManaged.add(arn);
      else world.account(accountOfArn(arn)).policies.add(arn);
    },
    addRole: (account, role) => {
      const stored: StoredRole = {
        arn: `${ROLE_ARN_PREFIX(account)}${role.name}`,
        trustPolicy: AMPLIFY_TRUST,
        tags: {},
        managedPolicies: [],
        inlinePolicies: [],
        inlineDocuments: {},
        ...role,
      };
      world.account(account).roles.set(role.name, stored);
      return stored;
    },
    addApp: (account, app, branches = []) => {
      const stored: StoredApp = {
        app: { ...app },
        branches: branches.map((branch) => ({ ...branch })),
        jobs: new Map(),
      };
      world.account(account).apps.set(app.appId, stored);
      return stored;
    },
    seed: (account, seed) => {
      const state = world.account(account);
      // A seed names the account it is for: a customer policy of another account is still this account's.
      for (const arn of seed.policies ?? []) {
        if (AWS_MANAGED.test(arn)) world.awsManaged.add(arn);
        else state.policies.add(arn);
      }
      for (const [name, boundary] of Object.entries(seed.roles ?? {})) world.addRole(account, { name, boundary });
      for (const [name, resources] of Object.entries(seed.stacks ?? {}))
        state.stacks.set(name, { resources, parameters: {} });
      for (const [name, template] of Object.entries(seed.templates ?? {})) {
        const stack = state.stacks.get(name) ?? { resources: [], parameters: {} };
        state.stacks.set(name, {
          ...stack,
          body: template.body,
          parameters: template.parameters ?? {},
          parentId: template.parentId,
        });
      }
      for (const { app, branches } of seed.apps ?? []) world.addApp(account, app, branches);
      for (const action of seed.denied ?? []) state.denied.add(action);
      return world;
    },
    aws: (account, env) => worldPorts(world, world.account(account), env),
  };
  for (const [account, seed] of Object.entries(seeds)) world.seed(account, seed);
  return world;
};

/** The ports of one account of a world. */
const worldPorts = (world: AwsWorld, state: AccountState, env?: string): EnvAws => {
  /**
   * Runs one call as the adapters do: forbidden mode fails the test; a denied action is AccessDenied; any
   * failure is translated by the same table.
   */
  const call = <T>(action: string, resource: string | undefined, answer: () => T): Promise<T> => {
    if (world.forbidden) return forbiddenCall(action);
    return callAws({ action, resource, env }, () =>
      // Thrown inside a promise, so that a failure reaches callAws as a rejection, as an SDK call's does.
      Promise.resolve().then(() => {
        if (state.denied.has(action))
          throw awsError(
            'AccessDenied',
            `User is not authorized to perform: ${action} on resource: ${resource ?? '*'}`,
          );
        return answer();
      }),
    );
  };
  const findRole = (name: string): StoredRole | undefined =>
    state.roles.get(name) ?? [...state.roles.values()].find((role) => role.name.toLowerCase() === name.toLowerCase());
  const existingRole = (name: string): StoredRole => {
    const role = findRole(name);
    if (!role) throw awsError('NoSuchEntityException', `The role with name ${name} cannot be found.`);
    return role;
  };
  const existingStack = (stack: string): StoredStack => {
    const found = findStack(state, stack);
    if (!found) throw awsError('ValidationError', `Stack with id ${stack} does not exist`);
    return found;
  };
  const existingApp = (appId: string): StoredApp => {
    const app = state.apps.get(appId);
    if (!app) throw awsError('NotFoundException', `App ${appId} not found.`);
    return app;
  };
  const hostingHolder = (
    appId: string,
    target: HostingTarget,
  ): { computeRoleArn?: string; environmentVariables: Record<string, string> } => {
    const app = existingApp(appId);
    if (target.kind === 'app') return app.app;
    const branch = app.branches.find((candidate) => candidate.branchName === target.branch);
    if (!branch) throw awsError('NotFoundException', `Branch ${target.branch} not found.`);
    return branch;
  };

  const iam: IamPort = {
    policyExists: (arn) => {
      if (world.forbidden) return forbiddenCall('iam:GetPolicy');
      const lookup: PolicyLookup = state.denied.has('iam:GetPolicy')
        ? 'denied'
        : state.policies.has(arn) || world.awsManaged.has(arn)
          ? 'exists'
          : 'missing';
      return Promise.resolve(lookup);
    },
    listCustomerPolicies: () =>
      call('iam:ListPolicies', undefined, () =>
        [...state.policies]
          .map((arn): PolicySummary => ({ arn, ...policyParts(arn) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ),
    roleBoundary: (roleName) =>
      call('iam:GetRole', roleName, () => {
        const role = findRole(roleName);
        return role ? { found: true as const, boundary: role.boundary, arn: role.arn } : { found: false as const };
      }),
  };

  const roles: RolesPort = {
    describe: (name) =>
      call('iam:GetRole', name, () => {
        const role = findRole(name);
        if (!role) return undefined;
        const { inlineDocuments, ...info } = role;
        return {
          ...info,
          managedPolicies: [...role.managedPolicies],
          inlinePolicies: Object.keys(inlineDocuments),
          tags: { ...role.tags },
          pluginInlineDocument: inlineDocuments[INLINE_POLICY_NAME],
        };
      }),
    create: (role: NewRole) =>
      call('iam:CreateRole', role.name, () => {
        if (findRole(role.name))
          throw awsError('EntityAlreadyExistsException', `Role with name ${role.name} already exists.`);
        return world.addRole(state.id, {
          name: role.name,
          trustPolicy: JSON.parse(role.trustPolicy) as unknown,
          boundary: role.boundary || undefined,
          tags: { ...role.tags },
        }).arn;
      }),
    attachPolicy: (name, arn) =>
      call('iam:AttachRolePolicy', name, () => {
        const role = existingRole(name);
        if (!role.managedPolicies.includes(arn)) role.managedPolicies.push(arn);
      }),
    detachPolicy: (name, arn) =>
      call('iam:DetachRolePolicy', name, () => {
        const role = existingRole(name);
        role.managedPolicies = role.managedPolicies.filter((policy) => policy !== arn);
      }),
    putInlinePolicy: (name, policyName, document) =>
      call('iam:PutRolePolicy', name, () => {
        existingRole(name).inlineDocuments[policyName] = document;
      }),
    deleteInlinePolicy: (name, policyName) =>
      call('iam:DeleteRolePolicy', name, () => {
        delete existingRole(name).inlineDocuments[policyName];
      }),
    setBoundary: (name, boundary) =>
      call(boundary ? 'iam:PutRolePermissionsBoundary' : 'iam:DeleteRolePermissionsBoundary', name, () => {
        existingRole(name).boundary = boundary || undefined;
      }),
    tag: (name, tags) =>
      call('iam:TagRole', name, () => {
        const role = existingRole(name);
        role.tags = { ...role.tags, ...tags };
      }),
    delete: (name) =>
      call('iam:DeleteRole', name, () => {
        state.roles.delete(existingRole(name).name);
      }),
  };

  const stacks: StacksPort = {
    listResources: (stack) =>
      call('cloudformation:ListStackResources', stack, () => [...existingStack(stack).resources]),
    getTemplate: (stack) =>
      call('cloudformation:GetTemplate', stack, () => {
        const { body } = existingStack(stack);
        return typeof body === 'string' ? body : JSON.stringify(body ?? { Resources: {} });
      }),
    describeStack: (stack) =>
      call('cloudformation:DescribeStacks', stack, () => {
        const found = existingStack(stack);
        return { parameters: { ...found.parameters }, parentId: found.parentId };
      }),
  };

  const hosting: HostingPort = {
    getApp: (appId) => call('amplify:GetApp', `app ${appId}`, () => ({ ...existingApp(appId).app })),
    listBranches: (appId) =>
      call('amplify:ListBranches', `app ${appId}`, () => existingApp(appId).branches.map((branch) => ({ ...branch }))),
    setComputeRole: (appId, target, roleArn) =>
      call(target.kind === 'app' ? 'amplify:UpdateApp' : 'amplify:UpdateBranch', `app ${appId}`, () => {
        hostingHolder(appId, target).computeRoleArn = roleArn || undefined;
      }),
    setVariables: (appId, target, variables) =>
      call(target.kind === 'app' ? 'amplify:UpdateApp' : 'amplify:UpdateBranch', `app ${appId}`, () => {
        hostingHolder(appId, target).environmentVariables = { ...variables };
      }),
    startRelease: (appId, branch) =>
      call('amplify:StartJob', `branch ${branch} of app ${appId}`, () => {
        hostingHolder(appId, { kind: 'branch', branch });
        if (!existingApp(appId).app.repository)
          throw awsError('BadRequestException', 'StartJob is not supported for apps deployed manually.');
        const jobs = existingApp(appId).jobs;
        const earlier = jobs.get(branch) ?? [];
        const jobId = String(earlier.length + 1);
        jobs.set(branch, [{ jobId, jobType: 'RELEASE', status: 'PENDING', startTime: new Date() }, ...earlier]);
        return jobId;
      }),
    lastDeployment: (appId, branch) =>
      call(
        'amplify:ListJobs',
        `branch ${branch} of app ${appId}`,
        () =>
          existingApp(appId)
            .jobs.get(branch)
            ?.find((job) => job.status === 'SUCCEED')?.startTime,
      ),
  };

  const identity: IdentityPort = {
    account: () => (world.forbidden ? forbiddenCall('sts:GetCallerIdentity') : Promise.resolve(state.id)),
  };
  const simulator: SimulatorPort = { simulate: () => forbiddenCall('iam:SimulatePrincipalPolicy') };
  return { iam, identity, stacks, roles, hosting, simulator };
};

/** The ports of one account seeded with `seed`, alone in its world. */
export const accountAws = (account: string, seed: AccountSeed = {}): EnvAws =>
  createWorld({ [account]: seed }).aws(account);

/** Ports whose every call fails the test, naming the action: for runs that must make no AWS call. */
export const forbiddenAws = (): EnvAws => {
  const world = createWorld();
  world.forbidden = true;
  return world.aws('000000000000');
};
