import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { openEnvSession } from '../../src/aws/env-session';
import { createEnvAws } from '../../src/aws/factory';
import { createIamPort } from '../../src/aws/iam';
import { checkBoundary } from '../../src/read/check-boundary';
import { GuardError } from '../../src/errors';
import { ALLOW_ALL, credentialsInAccount, DEFAULT_ACCOUNT, DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';

const endpoint = process.env.MOTO_URL as string;
const region = 'us-east-1';
const OTHER_ACCOUNT = '222222222222';

const createPolicy = async (
  credentials = DEFAULT_CREDENTIALS,
  name = 'AmplifyBoundary',
  path = '/',
): Promise<string> => {
  const iam = new IAMClient({ region, credentials });
  const { Policy } = await iam.send(
    new CreatePolicyCommand({ PolicyName: name, Path: path, PolicyDocument: ALLOW_ALL }),
  );
  return Policy?.Arn as string;
};

beforeAll(() => {
  process.env.AWS_ENDPOINT_URL = endpoint;
});
beforeEach(() => resetMoto(endpoint));

// Whether a policy exists, in its account or another, is in the shared port contract (port-contract.test.ts).
describe('IAM port against moto', () => {
  it('lists every customer-managed policy across pages, sorted by name', async () => {
    const names = Array.from({ length: 7 }, (_, index) => `Boundary${String.fromCharCode(71 - index)}`);
    for (const name of names) await createPolicy(DEFAULT_CREDENTIALS, name, name === 'BoundaryA' ? '/org/' : '/');
    const iam = createIamPort(new IAMClient({ region, credentials: DEFAULT_CREDENTIALS }), 'dev', 2);
    const policies = await iam.listCustomerPolicies();
    expect(policies.map((policy) => policy.name)).toEqual([...names].sort());
    expect(policies.find((policy) => policy.name === 'BoundaryA')?.path).toBe('/org/');
  });
});

describe('a second account', () => {
  it('refuses credentials that act in another account than the env stack', async () => {
    const other = await credentialsInAccount(endpoint, OTHER_ACCOUNT);
    const opening = openEnvSession({ name: 'prod', account: DEFAULT_ACCOUNT, region }, { region, credentials: other });
    await expect(opening).rejects.toThrow(GuardError);
    await expect(opening).rejects.toThrow(
      `act in account ${OTHER_ACCOUNT}, but the env's stack is in account ${DEFAULT_ACCOUNT}`,
    );
  });

  it('names the same-named policy of the env account when a foreign ARN is given', async () => {
    const other = await credentialsInAccount(endpoint, OTHER_ACCOUNT);
    const first = await createPolicy();
    const second = await createPolicy(other);
    const { aws, target } = await openEnvSession({ name: 'prod', region }, { region, credentials: other });
    expect(target.account).toBe(OTHER_ACCOUNT);
    const verdict = await checkBoundary(first, target, aws.iam);
    expect(verdict).toMatchObject({ valid: false, suggestion: second });
  });

  it('suggests nothing when the env account has no policy of that name', async () => {
    const other = await credentialsInAccount(endpoint, OTHER_ACCOUNT);
    const first = await createPolicy();
    const { aws, target } = await openEnvSession({ name: 'prod', region }, { region, credentials: other });
    const verdict = await checkBoundary(first, target, aws.iam);
    expect(verdict.valid).toBe(false);
    expect(verdict).not.toHaveProperty('suggestion', expect.any(String));
  });
});

describe('unreachable endpoint', () => {
  it('names the endpoint it could not reach', async () => {
    const saved = process.env.AWS_ENDPOINT_URL;
    process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
    try {
      const { identity } = await createEnvAws({ region, credentials: DEFAULT_CREDENTIALS });
      await expect(identity.account()).rejects.toThrow(/Could not reach the AWS endpoint for sts:GetCallerIdentity/);
    } finally {
      process.env.AWS_ENDPOINT_URL = saved;
    }
  });
});
