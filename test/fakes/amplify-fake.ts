import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** An Amplify app as the fake keeps it (the API's field names); no `repository` is an app deployed by hand. */
export type FakeApp = {
  appId: string;
  name: string;
  repository?: string;
  computeRoleArn?: string;
  environmentVariables?: Record<string, string>;
  buildSpec?: string;
};

/** An Amplify Hosting branch as the fake keeps it. */
export type FakeBranch = {
  branchName: string;
  backendEnvironmentArn?: string;
  computeRoleArn?: string;
  environmentVariables?: Record<string, string>;
  buildSpec?: string;
};

/** A job of a branch as the fake keeps it; times are epoch seconds, as the API sends them. */
export type FakeJob = { jobId: string; jobType: string; status: string; startTime: number; endTime?: number };

/** A fault to answer the next matching request with. */
export type FakeFault = { operation: string; status: number; errorType: string; message?: string; times?: number };

/** A small HTTP fake of the Amplify control plane (restJson1), for the calls the plugin and the CLI make. */
export type AmplifyFake = {
  url: string;
  apps: Map<
    string,
    FakeApp & {
      branches: Map<string, FakeBranch>;
      backendEnvironments: Map<string, Record<string, unknown>>;
      jobs: Map<string, FakeJob[]>;
    }
  >;
  addApp: (app: FakeApp) => void;
  addBranch: (appId: string, branch: FakeBranch) => void;
  /** Records a finished deployment of a branch that started at `startTime` (epoch seconds; default now). */
  addJob: (appId: string, branch: string, startTime?: number) => FakeJob;
  /** The jobs of a branch, newest first (what StartJob created included). */
  jobs: (appId: string, branch: string) => FakeJob[];
  failNext: (fault: FakeFault) => void;
  /** The operations answered, in order (for diagnosing a failing test, not for asserting call counts). */
  log: string[];
  reset: () => void;
  stop: () => Promise<void>;
};

const now = (): number => Math.floor(Date.now() / 1000);

const appView = (app: FakeApp) => ({
  appId: app.appId,
  appArn: `arn:aws:amplify:us-east-1:123456789012:apps/${app.appId}`,
  name: app.name,
  description: '',
  repository: app.repository ?? '',
  platform: 'WEB_COMPUTE',
  createTime: now(),
  updateTime: now(),
  environmentVariables: app.environmentVariables ?? {},
  defaultDomain: `${app.appId}.amplifyapp.com`,
  enableBranchAutoBuild: false,
  enableBasicAuth: false,
  computeRoleArn: app.computeRoleArn,
  buildSpec: app.buildSpec,
});

const branchView = (appId: string, branch: FakeBranch) => ({
  branchArn: `arn:aws:amplify:us-east-1:123456789012:apps/${appId}/branches/${encodeURIComponent(branch.branchName)}`,
  branchName: branch.branchName,
  stage: 'PRODUCTION',
  displayName: branch.branchName,
  enableNotification: false,
  createTime: now(),
  updateTime: now(),
  environmentVariables: branch.environmentVariables ?? {},
  enableAutoBuild: false,
  customDomains: [],
  framework: 'Next.js - SSR',
  activeJobId: '0',
  totalNumberOfJobs: '0',
  enableBasicAuth: false,
  ttl: '5',
  enablePullRequestPreview: false,
  backendEnvironmentArn: branch.backendEnvironmentArn,
  computeRoleArn: branch.computeRoleArn,
  buildSpec: branch.buildSpec,
});

const jobView = (appId: string, branch: string, job: FakeJob) => ({
  jobArn: `arn:aws:amplify:us-east-1:123456789012:apps/${appId}/branches/${encodeURIComponent(branch)}/jobs/${job.jobId}`,
  jobId: job.jobId,
  commitId: 'HEAD',
  commitMessage: job.jobType === 'RELEASE' ? 'Redeploy of the last commit' : 'Manual deployment',
  commitTime: job.startTime,
  startTime: job.startTime,
  status: job.status,
  jobType: job.jobType,
  ...(job.endTime === undefined ? {} : { endTime: job.endTime }),
});

const readBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString();
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

const page = <T>(items: T[], url: URL): { items: T[]; nextToken?: string } => {
  const size = Number(url.searchParams.get('maxResults') ?? '50') || 50;
  const start = Number(url.searchParams.get('nextToken') ?? '0');
  const next = start + size;
  return { items: items.slice(start, next), nextToken: next < items.length ? String(next) : undefined };
};

/** Starts the fake on a free loopback port. */
export const startAmplifyFake = async (): Promise<AmplifyFake> => {
  const fake = {
    apps: new Map(),
    log: [] as string[],
    faults: [] as FakeFault[],
  } as AmplifyFake & { faults: FakeFault[] };

  const send = (response: ServerResponse, status: number, body: unknown, errorType?: string): void => {
    response.writeHead(status, {
      'content-type': 'application/json',
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    response.end(JSON.stringify(body));
  };
  const notFound = (response: ServerResponse, what: string): void =>
    send(response, 404, { message: `${what} not found.` }, 'NotFoundException');

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const method = request.method ?? 'GET';
    const operation = operationOf(method, parts);
    fake.log.push(operation);
    const fault = fake.faults.find((candidate) => candidate.operation === operation);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) fake.faults.splice(fake.faults.indexOf(fault), 1);
      send(response, fault.status, { message: fault.message ?? `${fault.errorType} injected` }, fault.errorType);
      return;
    }
    const [, appId, kind, name] = parts;
    const app = appId === undefined ? undefined : fake.apps.get(appId);
    if (operation === 'ListApps') {
      const { items, nextToken } = page([...fake.apps.values()].map(appView), url);
      return send(response, 200, { apps: items, nextToken });
    }
    if (!app) return notFound(response, `App ${appId}`);
    const body = method === 'POST' ? await readBody(request) : {};
    switch (operation) {
      case 'GetApp':
        return send(response, 200, { app: appView(app) });
      case 'UpdateApp':
        Object.assign(app, pick(body, ['computeRoleArn', 'environmentVariables', 'buildSpec']));
        return send(response, 200, { app: appView(app) });
      case 'ListBranches': {
        const { items, nextToken } = page(
          [...app.branches.values()].map((branch) => branchView(app.appId, branch)),
          url,
        );
        return send(response, 200, { branches: items, nextToken });
      }
      case 'GetBranch':
      case 'UpdateBranch': {
        const branch = app.branches.get(name ?? '');
        if (!branch) return notFound(response, `Branch ${name}`);
        if (operation === 'UpdateBranch')
          Object.assign(
            branch,
            pick(body, ['computeRoleArn', 'environmentVariables', 'buildSpec', 'backendEnvironmentArn']),
          );
        return send(response, 200, { branch: branchView(app.appId, branch) });
      }
      case 'ListJobs':
      case 'StartJob': {
        const branch = app.branches.get(name ?? '');
        if (!branch) return notFound(response, `Branch ${name}`);
        const jobs = app.jobs.get(branch.branchName) ?? [];
        if (operation === 'ListJobs') {
          const { items, nextToken } = page(
            jobs.map((job) => jobView(app.appId, branch.branchName, job)),
            url,
          );
          return send(response, 200, { jobSummaries: items, nextToken });
        }
        if (
          body.jobType !== 'RELEASE' &&
          body.jobType !== 'RETRY' &&
          body.jobType !== 'MANUAL' &&
          body.jobType !== 'WEB_HOOK'
        )
          return send(response, 400, { message: `Invalid jobType ${String(body.jobType)}.` }, 'BadRequestException');
        if (!app.repository)
          return send(
            response,
            400,
            { message: 'StartJob is not supported for apps deployed manually; use CreateDeployment.' },
            'BadRequestException',
          );
        const job: FakeJob = {
          jobId: String(jobs.length + 1),
          jobType: body.jobType,
          status: 'PENDING',
          startTime: now(),
        };
        app.jobs.set(branch.branchName, [job, ...jobs]);
        return send(response, 200, { jobSummary: jobView(app.appId, branch.branchName, job) });
      }
      case 'ListBackendEnvironments':
        return send(response, 200, { backendEnvironments: [...app.backendEnvironments.values()] });
      case 'GetBackendEnvironment': {
        const env = app.backendEnvironments.get(name ?? '');
        return env
          ? send(response, 200, { backendEnvironment: env })
          : notFound(response, `Backend environment ${name}`);
      }
      case 'CreateBackendEnvironment': {
        const env = {
          backendEnvironmentArn: `arn:aws:amplify:us-east-1:123456789012:apps/${app.appId}/backendenvironments/${String(body.environmentName)}`,
          environmentName: body.environmentName,
          stackName: body.stackName,
          deploymentArtifacts: body.deploymentArtifacts,
          createTime: now(),
          updateTime: now(),
        };
        app.backendEnvironments.set(String(body.environmentName), env);
        return send(response, 200, { backendEnvironment: env });
      }
      default:
        return send(
          response,
          400,
          { message: `The fake does not answer ${method} ${url.pathname} (${kind ?? ''}).` },
          'BadRequestException',
        );
    }
  };

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) =>
      send(response, 500, { message: String(error) }, 'InternalFailureException'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the Amplify fake has no address');
  fake.url = `http://127.0.0.1:${address.port}`;
  fake.addApp = (app) =>
    fake.apps.set(app.appId, { ...app, branches: new Map(), backendEnvironments: new Map(), jobs: new Map() });
  fake.addBranch = (appId, branch) => {
    const app = fake.apps.get(appId);
    if (!app) throw new Error(`no app ${appId} in the fake`);
    app.branches.set(branch.branchName, { ...branch });
  };
  fake.jobs = (appId, branch) => fake.apps.get(appId)?.jobs.get(branch) ?? [];
  fake.addJob = (appId, branch, startTime = now()) => {
    const app = fake.apps.get(appId);
    if (!app?.branches.has(branch)) throw new Error(`no branch ${branch} of app ${appId} in the fake`);
    const jobs = app.jobs.get(branch) ?? [];
    const job: FakeJob = {
      jobId: String(jobs.length + 1),
      jobType: 'MANUAL',
      status: 'SUCCEED',
      startTime,
      endTime: startTime + 60,
    };
    app.jobs.set(branch, [job, ...jobs]);
    return job;
  };
  fake.failNext = (fault) => fake.faults.push({ times: 1, ...fault });
  fake.reset = () => {
    fake.apps.clear();
    fake.faults.length = 0;
    fake.log.length = 0;
  };
  fake.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  server.unref();
  return fake;
};

// An empty computeRoleArn removes the role, as the Amplify API does.
const pick = (body: Record<string, unknown>, keys: string[]): Record<string, unknown> =>
  Object.fromEntries(keys.filter((key) => key in body).map((key) => [key, body[key] === '' ? undefined : body[key]]));

/** The Amplify operation a request is, named as in the API. */
const operationOf = (method: string, parts: string[]): string => {
  const [root, appId, kind, name] = parts;
  if (root !== 'apps') return `${method} /${parts.join('/')}`;
  if (appId === undefined) return method === 'GET' ? 'ListApps' : 'CreateApp';
  if (kind === undefined) return method === 'GET' ? 'GetApp' : method === 'POST' ? 'UpdateApp' : 'DeleteApp';
  if (kind === 'branches') {
    if (name === undefined) return method === 'GET' ? 'ListBranches' : 'CreateBranch';
    if (parts[4] === 'jobs' && parts.length === 5) return method === 'GET' ? 'ListJobs' : 'StartJob';
    return method === 'GET' ? 'GetBranch' : method === 'POST' ? 'UpdateBranch' : 'DeleteBranch';
  }
  if (kind === 'backendenvironments') {
    if (name === undefined) return method === 'GET' ? 'ListBackendEnvironments' : 'CreateBackendEnvironment';
    return method === 'GET' ? 'GetBackendEnvironment' : 'DeleteBackendEnvironment';
  }
  return `${method} /${parts.join('/')}`;
};
