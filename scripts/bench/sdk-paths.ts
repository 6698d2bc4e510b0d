/**
 * The yardsticks verify is measured against, each run in a fresh process so that loading the SDK counts:
 * `naive` (every request one after another), `critical` (only the requests that must follow one another),
 * and two ways to read the roles once they are known (`roles-getrole`, `roles-gaad`). Prints one JSON line
 * with the milliseconds from before the SDK is loaded (or before the roles are read) to the last answer.
 */
import { performance } from 'node:perf_hooks';
import { mapLimit } from '../../src/util/map-limit';

const [mode, rootStack] = process.argv.slice(2);

const clients = async () => {
  const [{ IAMClient, GetRoleCommand, GetPolicyCommand, paginateGetAccountAuthorizationDetails }, sts, cfn] =
    await Promise.all([
      import('@aws-sdk/client-iam'),
      import('@aws-sdk/client-sts'),
      import('@aws-sdk/client-cloudformation'),
    ]);
  const config = { retryMode: 'adaptive', maxAttempts: 6 };
  const iam = new IAMClient(config);
  const cloudformation = new cfn.CloudFormationClient(config);
  const stsClient = new sts.STSClient(config);
  return {
    account: () => stsClient.send(new sts.GetCallerIdentityCommand({})),
    /** One ListStackResources page. */
    listPage: (stack: string, token?: string) =>
      cloudformation.send(new cfn.ListStackResourcesCommand({ StackName: stack, NextToken: token })),
    getRole: (name: string) => iam.send(new GetRoleCommand({ RoleName: name })),
    getPolicy: (arn: string) => iam.send(new GetPolicyCommand({ PolicyArn: arn })),
    authorizationDetails: () => paginateGetAccountAuthorizationDetails({ client: iam }, { Filter: ['Role'] }),
  };
};

type Clients = Awaited<ReturnType<typeof clients>>;

/** Every role of the tree, stack after stack and page after page. */
const walk = async (aws: Clients, stack: string, roles: string[] = []): Promise<string[]> => {
  let token: string | undefined;
  do {
    const page = await aws.listPage(stack, token);
    for (const resource of page.StackResourceSummaries ?? []) {
      if (!resource.PhysicalResourceId) continue;
      if (resource.ResourceType === 'AWS::IAM::Role') roles.push(resource.PhysicalResourceId);
      if (resource.ResourceType === 'AWS::CloudFormation::Stack') await walk(aws, resource.PhysicalResourceId, roles);
    }
    token = page.NextToken;
  } while (token);
  return roles;
};

const modes: Record<string, () => Promise<Record<string, number>>> = {
  naive: async () => {
    const start = performance.now();
    const aws = await clients();
    const { Account } = await aws.account();
    const roles = await walk(aws, rootStack);
    for (const role of roles) await aws.getRole(role);
    await aws.getPolicy(`arn:aws:iam::${Account ?? ''}:policy/AmplifyBoundary`).catch(() => undefined);
    return { ms: performance.now() - start, roles: roles.length };
  },
  critical: async () => {
    const start = performance.now();
    const aws = await clients();
    await aws.account();
    const root = await aws.listPage(rootStack);
    const nested = root.StackResourceSummaries?.find(
      ({ ResourceType }) => ResourceType === 'AWS::CloudFormation::Stack',
    );
    const inner = await aws.listPage(nested?.PhysicalResourceId ?? rootStack);
    const role = inner.StackResourceSummaries?.find(({ ResourceType }) => ResourceType === 'AWS::IAM::Role');
    await aws.getRole(role?.PhysicalResourceId ?? '');
    return { ms: performance.now() - start };
  },
  'roles-getrole': async () => {
    const aws = await clients();
    const roles = await walk(aws, rootStack);
    const start = performance.now();
    await mapLimit(roles, 16, (role) => aws.getRole(role));
    return { ms: performance.now() - start, roles: roles.length };
  },
  'roles-gaad': async () => {
    const aws = await clients();
    const start = performance.now();
    let roles = 0;
    let pages = 0;
    for await (const page of aws.authorizationDetails()) {
      pages += 1;
      roles += page.RoleDetailList?.length ?? 0;
    }
    return { ms: performance.now() - start, roles, pages };
  },
};

const run = modes[mode];
if (!run || !rootStack) {
  console.error(`usage: sdk-paths <${Object.keys(modes).join('|')}> <root stack>`);
  process.exitCode = 2;
} else {
  run().then(
    (result) => console.log(JSON.stringify(result)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
