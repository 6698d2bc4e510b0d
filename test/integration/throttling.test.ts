import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { openEnvSession } from '../../src/aws/env-session';
import { ROLE_CONCURRENCY } from '../../src/flows/verify-env';
import { mapLimit } from '../../src/util/map-limit';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { startLatencyProxy, type LatencyProxy } from '../support/latency-proxy';
import { resetMoto } from '../support/moto';

const endpoint = process.env.MOTO_URL as string;
const region = 'us-east-1';
const ROLES = 60;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

let proxy: LatencyProxy;
const previousEndpoint = process.env.AWS_ENDPOINT_URL;

beforeAll(async () => {
  await resetMoto(endpoint);
  const iam = new IAMClient({ region, endpoint, credentials: DEFAULT_CREDENTIALS });
  for (let index = 0; index < ROLES; index += 1) {
    await iam.send(new CreateRoleCommand({ RoleName: `throttled-${index}`, AssumeRolePolicyDocument: TRUST }));
  }
  proxy = await startLatencyProxy(endpoint, 5);
  process.env.AWS_ENDPOINT_URL = proxy.url;
});
afterAll(async () => {
  process.env.AWS_ENDPOINT_URL = previousEndpoint;
  await proxy.stop();
});

describe('an env read while IAM throttles', () => {
  it('reads every role, pacing the requests IAM refused instead of failing them', async () => {
    proxy.setThrottle({ service: 'iam', perSecond: 20 });
    const { aws } = await openEnvSession(
      { name: 'dev', account: '123456789012', region },
      { region, credentials: DEFAULT_CREDENTIALS },
    );
    const names = Array.from({ length: ROLES }, (_, index) => `throttled-${index}`);
    const read = await mapLimit(names, ROLE_CONCURRENCY, (name) => aws.iam.roleBoundary(name));
    expect(read.filter((role) => role.found)).toHaveLength(ROLES);
    const counts = proxy.counts();
    // IAM did refuse some: the reads above succeeded by waiting their turn, not because nothing was refused.
    expect(counts.Throttling).toBeGreaterThan(0);
    expect(counts.GetRole - counts.Throttling).toBe(ROLES);
  });
});
