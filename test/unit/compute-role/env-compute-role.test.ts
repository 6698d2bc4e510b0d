import { computeRoleCheck } from '../../../src/flows/env-compute-role';
import { DEFAULT_CONFIG, type GuardConfig } from '../../../src/project/guard-config';
import { projectPaths } from '../../../src/project/paths';
import { fakeIam } from '../helpers/fake-aws';
import { memoryHosting } from '../../fakes/memory-ports';

const BOUNDARY = 'arn:aws:iam::123456789012:policy/Boundary';
const ROLE = 'arn:aws:iam::123456789012:role/shop-compute';
const env = { name: 'dev', appId: 'd1', region: 'us-east-1', account: '123456789012' };
const paths = projectPaths('/nowhere');

const check = (
  branches: Array<{ branchName: string; computeRoleArn?: string }>,
  config: GuardConfig = DEFAULT_CONFIG,
) =>
  computeRoleCheck(
    paths,
    config,
    env,
    {
      hosting: memoryHosting(
        { appId: 'd1', name: 'shop', computeRoleArn: ROLE, environmentVariables: {} },
        branches.map((branch) => ({ ...branch, environmentVariables: {} })),
      ).port,
      iam: fakeIam({ roles: { 'shop-compute': BOUNDARY } }),
    },
    BOUNDARY,
  );

describe('the compute role verify checks for an env', () => {
  it('checks the role of the env’s branch', async () => {
    expect(await check([{ branchName: 'dev' }])).toMatchObject({ role: 'shop-compute', status: 'ok' });
  });

  it('checks nothing when the app has no branch for the env (an app pulled before any frontend was connected)', async () => {
    expect(await check([])).toBeUndefined();
  });

  it('still fails when iam-guard.json names a branch the app does not have', async () => {
    const config: GuardConfig = {
      ...DEFAULT_CONFIG,
      environments: { dev: { computeRole: { roleArn: ROLE, branch: 'gone', scope: 'branch' } } },
    };
    await expect(check([{ branchName: 'dev' }], config)).rejects.toThrow(/gone/);
  });
});
