/**
 * A test double of IAM's policy simulator, in front of moto (which has none): an HTTP server that answers
 * `SimulatePrincipalPolicy` itself and forwards every other request, unchanged, to moto.
 *
 * It answers from what moto holds for the role, read with the caller's own access key (so in the caller's
 * account): the role's inline policies, its attached managed policies (default versions) and its permissions
 * boundary. A statement matches on Effect, Action/NotAction and Resource/NotResource, with `*` and `?`
 * wildcards (actions ignore case). Deny wins; an action is allowed when a role policy allows it and the boundary,
 * if any, allows it too. The answer has AWS's XML shape: one `EvaluationResult` per action; with several
 * resources `EvalResourceName` is `*` and each resource has its `ResourceSpecificResults` entry; with one, the
 * action's own result names it; `PermissionsBoundaryDecisionDetail` only when the role has a boundary; small
 * pages with `IsTruncated`/`Marker`, shorter than `MaxItems`.
 *
 * What it does NOT model (it is a double, kept small): Condition blocks (a statement with one never matches),
 * policy variables, SCPs and `OrganizationsDecisionDetail`, resource-based policies, session policies,
 * `PolicyInputList`/`PermissionsBoundaryPolicyInputList`/`ResourcePolicy`/`CallerArn`/`ContextEntries`,
 * `MatchedStatements` and `MissingContextValues` (always empty), a Principal element in identity policies,
 * IAM groups and users as the policy source, whether an action exists or supports resource-level permissions,
 * throttling, and `EvalDecisionDetails` of cross-account simulations.
 */
import { Agent, createServer, type IncomingHttpHeaders } from 'node:http';
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { answerWith, forward, readBody, type Answer } from '../support/forward';
import { freePort } from '../support/moto';

/** The double, listening on 127.0.0.1. */
export type IamSimulator = {
  url: string;
  /** How many SimulatePrincipalPolicy requests it answered (pages included). */
  simulations: () => number;
  stop: () => Promise<void>;
};

/** How the double pages and reads. */
export type IamSimulatorOptions = {
  /** Evaluation results per page, whatever MaxItems asks (default 2): IAM may return fewer than asked. */
  pageSize?: number;
  /** Read each role's policies from moto once and keep them (for benchmarks, where policies do not change). */
  keepPolicies?: boolean;
};

type Statement = {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: unknown;
};

type RolePolicies = { identity: Statement[]; boundary?: Statement[] };

type Evaluation = 'allowed' | 'explicitDeny' | 'implicitDeny';

const list = (value: string | string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

const wildcard = (pattern: string, flags: string): RegExp =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );

const anyMatch = (patterns: string[], value: string, flags: string): boolean =>
  patterns.some((pattern) => wildcard(pattern, flags).test(value));

// An element and its Not- form: the statement covers what the one lists, or everything the other does not.
const covers = (positive: string[] | undefined, negative: string[] | undefined, value: string, flags: string) =>
  positive ? anyMatch(positive, value, flags) : negative ? !anyMatch(negative, value, flags) : false;

const matches = (statement: Statement, action: string, resource: string): boolean =>
  statement.Condition === undefined &&
  covers(list(statement.Action), list(statement.NotAction), action, 'i') &&
  covers(list(statement.Resource), list(statement.NotResource), resource, '');

const evaluate = (statements: Statement[], action: string, resource: string): Evaluation => {
  const matching = statements.filter((statement) => matches(statement, action, resource));
  if (matching.some((statement) => statement.Effect === 'Deny')) return 'explicitDeny';
  return matching.some((statement) => statement.Effect === 'Allow') ? 'allowed' : 'implicitDeny';
};

type PairResult = { decision: Evaluation; allowedByBoundary?: boolean };

const decide = (policies: RolePolicies, action: string, resource: string): PairResult => {
  const identity = evaluate(policies.identity, action, resource);
  const boundary = policies.boundary ? evaluate(policies.boundary, action, resource) : undefined;
  const decision: Evaluation =
    identity === 'explicitDeny' || boundary === 'explicitDeny'
      ? 'explicitDeny'
      : identity === 'allowed' && (boundary === undefined || boundary === 'allowed')
        ? 'allowed'
        : 'implicitDeny';
  return { decision, ...(boundary === undefined ? {} : { allowedByBoundary: boundary === 'allowed' }) };
};

// moto keeps the inline policy of a role made by CloudFormation as the Python dict it parsed, and prints that.
const pythonDictAsJson = (text: string): string =>
  text
    .replace(/'/g, '"')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false')
    .replace(/\bNone\b/g, 'null');

const statementsOf = (document: string | undefined): Statement[] => {
  if (!document) return [];
  const text = decodeURIComponent(document);
  const json = text.trimStart().startsWith("{'") ? pythonDictAsJson(text) : text;
  const parsed = JSON.parse(json) as { Statement?: Statement | Statement[] };
  return parsed.Statement === undefined ? [] : Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
};

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const boundaryXml = (result: PairResult): string =>
  result.allowedByBoundary === undefined
    ? ''
    : `<PermissionsBoundaryDecisionDetail><AllowedByPermissionsBoundary>${result.allowedByBoundary}</AllowedByPermissionsBoundary></PermissionsBoundaryDecisionDetail>`;

const evaluationXml = (policies: RolePolicies, action: string, resources: string[]): string => {
  const results = resources.map((resource) => ({ resource, ...decide(policies, action, resource) }));
  const only = results.length === 1 ? results[0] : undefined;
  const overall: PairResult = only ?? {
    decision: results.some((one) => one.decision === 'explicitDeny')
      ? 'explicitDeny'
      : results.every((one) => one.decision === 'allowed')
        ? 'allowed'
        : 'implicitDeny',
    ...(policies.boundary ? { allowedByBoundary: results.every((one) => one.allowedByBoundary) } : {}),
  };
  const specific = only
    ? ''
    : `<ResourceSpecificResults>${results
        .map(
          (one) =>
            `<member><EvalResourceName>${escape(one.resource)}</EvalResourceName><EvalResourceDecision>${one.decision}</EvalResourceDecision><MatchedStatements/><MissingContextValues/>${boundaryXml(one)}</member>`,
        )
        .join('')}</ResourceSpecificResults>`;
  return `<member><EvalActionName>${escape(action)}</EvalActionName><EvalResourceName>${escape(only?.resource ?? '*')}</EvalResourceName><EvalDecision>${overall.decision}</EvalDecision><MatchedStatements/><MissingContextValues/>${boundaryXml(overall)}${specific}</member>`;
};

const xmlError = (status: number, code: string, message: string): Answer => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: Buffer.from(
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${escape(message)}</Message></Error><RequestId>simulator-double</RequestId></ErrorResponse>`,
  ),
});

const members = (form: URLSearchParams, name: string): string[] =>
  [...form.keys()]
    .filter((key) => key.startsWith(`${name}.member.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
    .map((key) => form.get(key) ?? '');

// moto takes the account from the access key id and does not check the signature.
const accessKeyOf = (headers: IncomingHttpHeaders): string =>
  /Credential=([^/]+)\//.exec(String(headers.authorization ?? ''))?.[1] ?? 'AKIAIOSFODNN7EXAMPLE';

/** Starts the double in front of moto on a free loopback port. */
export const startIamSimulator = async (motoUrl: string, options: IamSimulatorOptions = {}): Promise<IamSimulator> => {
  const upstream = new URL(motoUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const pageSize = options.pageSize ?? 2;
  const kept = new Map<string, Promise<RolePolicies | undefined>>();
  let simulations = 0;

  const readPolicies = async (accessKeyId: string, roleName: string): Promise<RolePolicies | undefined> => {
    const iam = new IAMClient({
      endpoint: motoUrl,
      region: 'us-east-1',
      credentials: { accessKeyId, secretAccessKey: 'not-checked-by-moto' },
    });
    // Its sockets must not outlive the answer, or they keep the test run's event loop alive.
    try {
      return await readWith(iam, roleName);
    } finally {
      iam.destroy();
    }
  };

  const readWith = async (iam: IAMClient, roleName: string): Promise<RolePolicies | undefined> => {
    const managed = async (arn: string): Promise<Statement[]> => {
      const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn: arn }));
      const { PolicyVersion } = await iam.send(
        new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: Policy?.DefaultVersionId }),
      );
      return statementsOf(PolicyVersion?.Document);
    };
    let boundaryArn: string | undefined;
    try {
      boundaryArn = (await iam.send(new GetRoleCommand({ RoleName: roleName }))).Role?.PermissionsBoundary
        ?.PermissionsBoundaryArn;
    } catch (error) {
      if ((error as Error).name === 'NoSuchEntity' || (error as Error).name === 'NoSuchEntityException')
        return undefined;
      throw error;
    }
    const identity: Statement[] = [];
    const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }));
    for (const PolicyName of PolicyNames) {
      const { PolicyDocument } = await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }));
      identity.push(...statementsOf(PolicyDocument));
    }
    const { AttachedPolicies = [] } = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }));
    for (const { PolicyArn } of AttachedPolicies) if (PolicyArn) identity.push(...(await managed(PolicyArn)));
    return { identity, boundary: boundaryArn ? await managed(boundaryArn) : undefined };
  };

  const policiesOf = (accessKeyId: string, roleName: string): Promise<RolePolicies | undefined> => {
    if (!options.keepPolicies) return readPolicies(accessKeyId, roleName);
    const key = `${accessKeyId} ${roleName}`;
    const found = kept.get(key) ?? readPolicies(accessKeyId, roleName);
    kept.set(key, found);
    return found;
  };

  const simulate = async (form: URLSearchParams, headers: IncomingHttpHeaders): Promise<Answer> => {
    simulations += 1;
    const source = form.get('PolicySourceArn') ?? '';
    const actions = members(form, 'ActionNames');
    const resources = members(form, 'ResourceArns');
    const bad = actions.find((action) => !/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action));
    if (bad !== undefined) return xmlError(400, 'InvalidInput', `Invalid action name: ${bad}`);
    const roleName = /:role\/(?:.*\/)?([^/]+)$/.exec(source)?.[1];
    const policies = roleName ? await policiesOf(accessKeyOf(headers), roleName) : undefined;
    if (!policies) return xmlError(404, 'NoSuchEntity', `The role with ARN ${source} cannot be found.`);
    const results = actions.map((action) => evaluationXml(policies, action, resources.length ? resources : ['*']));
    const start = Number(form.get('Marker') ?? '0');
    const size = Math.min(pageSize, Number(form.get('MaxItems') ?? '100'));
    const next = start + size;
    const truncated = next < results.length;
    return {
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: Buffer.from(
        `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>${truncated}</IsTruncated>${truncated ? `<Marker>${next}</Marker>` : ''}<EvaluationResults>${results.slice(start, next).join('')}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>simulator-double</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`,
      ),
    };
  };

  const server = createServer((incoming, outgoing) => {
    void readBody(incoming)
      .then((body): Promise<Answer> => {
        const form = new URLSearchParams(body.toString('utf8'));
        if (incoming.method === 'POST' && form.get('Action') === 'SimulatePrincipalPolicy')
          return simulate(form, incoming.headers);
        const { method = 'GET', url = '/', headers } = incoming;
        return forward(upstream, agent, { method, url, headers, body });
      })
      .then(
        (answer) => answerWith(outgoing, answer),
        (error: unknown) => answerWith(outgoing, xmlError(500, 'ServiceFailure', String(error))),
      );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    simulations: () => simulations,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
};
