import type {
  HostingApp,
  HostingBranch,
  HostingPort,
  NewRole,
  RoleInfo,
  RolesPort,
  SimulatorPort,
  StacksPort,
} from '../../src/aws/ports';

const unexpected = (what: string): Promise<never> => Promise.reject(new Error(`unexpected AWS call: ${what}`));

/** A RolesPort whose every call fails the test: for runs that must not touch IAM roles. */
export const unusedRoles = (): RolesPort => ({
  describe: () => unexpected('iam:GetRole'),
  create: () => unexpected('iam:CreateRole'),
  attachPolicy: () => unexpected('iam:AttachRolePolicy'),
  detachPolicy: () => unexpected('iam:DetachRolePolicy'),
  putInlinePolicy: () => unexpected('iam:PutRolePolicy'),
  deleteInlinePolicy: () => unexpected('iam:DeleteRolePolicy'),
  setBoundary: () => unexpected('iam:PutRolePermissionsBoundary'),
  tag: () => unexpected('iam:TagRole'),
  delete: () => unexpected('iam:DeleteRole'),
});

/** The template reads of a StacksPort, failing the test: for runs where no role is off. */
export const unusedTemplateReads = (): Omit<StacksPort, 'listResources'> => ({
  getTemplate: () => unexpected('cloudformation:GetTemplate'),
  describeStack: () => unexpected('cloudformation:DescribeStacks'),
});

/** A HostingPort whose every call fails the test. */
export const unusedHosting = (): HostingPort => ({
  getApp: () => unexpected('amplify:GetApp'),
  listBranches: () => unexpected('amplify:ListBranches'),
  setComputeRole: () => unexpected('amplify:UpdateBranch'),
  setVariables: () => unexpected('amplify:UpdateBranch'),
  startRelease: () => unexpected('amplify:StartJob'),
  lastDeployment: () => unexpected('amplify:ListJobs'),
});

/** A SimulatorPort whose every call fails the test: for runs that must not ask IAM's simulator. */
export const unusedSimulator = (): SimulatorPort => ({
  simulate: () => unexpected('iam:SimulatePrincipalPolicy'),
});

/** In-memory IAM roles of one account. */
export const memoryRoles = (
  account: string,
  roles = new Map<string, RoleInfo & { inlineDocuments: Record<string, string> }>(),
) => {
  // IAM finds a role whatever the case of the name asked for, as role names are unique ignoring case.
  const find = (name: string) =>
    roles.get(name) ?? [...roles.values()].find((role) => role.name.toLowerCase() === name.toLowerCase());
  const port: RolesPort = {
    describe: (name) => {
      const role = find(name);
      return Promise.resolve(
        role && {
          ...role,
          managedPolicies: [...role.managedPolicies],
          inlinePolicies: Object.keys(role.inlineDocuments),
        },
      );
    },
    create: (role: NewRole) => {
      if (find(role.name))
        return Promise.reject(
          Object.assign(new Error(`Role ${role.name} exists`), { name: 'EntityAlreadyExistsException' }),
        );
      const arn = `arn:aws:iam::${account}:role/${role.name}`;
      roles.set(role.name, {
        arn,
        name: role.name,
        trustPolicy: JSON.parse(role.trustPolicy) as unknown,
        boundary: role.boundary,
        tags: { ...role.tags },
        managedPolicies: [],
        inlinePolicies: [],
        inlineDocuments: {},
      });
      return Promise.resolve(arn);
    },
    attachPolicy: (name, arn) => {
      const role = roles.get(name);
      if (role && !role.managedPolicies.includes(arn)) role.managedPolicies.push(arn);
      return Promise.resolve();
    },
    detachPolicy: (name, arn) => {
      const role = roles.get(name);
      if (role) role.managedPolicies = role.managedPolicies.filter((policy) => policy !== arn);
      return Promise.resolve();
    },
    putInlinePolicy: (name, policyName, document) => {
      const role = roles.get(name);
      if (role) role.inlineDocuments[policyName] = document;
      return Promise.resolve();
    },
    deleteInlinePolicy: (name, policyName) => {
      const role = roles.get(name);
      if (role) delete role.inlineDocuments[policyName];
      return Promise.resolve();
    },
    setBoundary: (name, boundary) => {
      const role = roles.get(name);
      if (role) role.boundary = boundary;
      return Promise.resolve();
    },
    tag: (name, tags) => {
      const role = roles.get(name);
      if (role) role.tags = { ...role.tags, ...tags };
      return Promise.resolve();
    },
    delete: (name) => {
      roles.delete(name);
      return Promise.resolve();
    },
  };
  return { port, roles };
};

/** An in-memory Amplify Hosting app with branches, and each branch's jobs (newest first). */
export const memoryHosting = (app: HostingApp, branches: HostingBranch[]) => {
  const state = {
    app: { ...app },
    branches: branches.map((branch) => ({ ...branch })),
    jobs: new Map<string, Array<{ jobId: string; jobType: string; status: string; startTime: Date }>>(),
  };
  const find = (
    target: { kind: 'branch'; branch: string } | { kind: 'app' },
  ): { computeRoleArn?: string; environmentVariables: Record<string, string> } => {
    if (target.kind === 'app') return state.app;
    const branch = state.branches.find((candidate) => candidate.branchName === target.branch);
    if (!branch) throw Object.assign(new Error(`Branch ${target.branch} not found`), { name: 'NotFoundException' });
    return branch;
  };
  const port: HostingPort = {
    getApp: (appId) =>
      appId === state.app.appId
        ? Promise.resolve({ ...state.app })
        : Promise.reject(Object.assign(new Error(`App ${appId} not found`), { name: 'NotFoundException' })),
    listBranches: () => Promise.resolve(state.branches.map((branch) => ({ ...branch }))),
    setComputeRole: (_appId, target, roleArn) => {
      find(target).computeRoleArn = roleArn || undefined;
      return Promise.resolve();
    },
    setVariables: (_appId, target, variables) => {
      find(target).environmentVariables = { ...variables };
      return Promise.resolve();
    },
    startRelease: (_appId, branch) => {
      find({ kind: 'branch', branch });
      const jobs = state.jobs.get(branch) ?? [];
      const jobId = String(jobs.length + 1);
      state.jobs.set(branch, [{ jobId, jobType: 'RELEASE', status: 'PENDING', startTime: new Date() }, ...jobs]);
      return Promise.resolve(jobId);
    },
    lastDeployment: (_appId, branch) =>
      Promise.resolve(state.jobs.get(branch)?.find((job) => job.status === 'SUCCEED')?.startTime),
  };
  return { port, state };
};
