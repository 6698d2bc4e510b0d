import { chooseBranch, type BranchSummary } from '../../../src/compute-role/branch';

const APP = 'd1abcdef';
const backendEnv = (env: string) => `arn:aws:amplify:us-east-1:123456789012:apps/${APP}/backendenvironments/${env}`;

const BRANCHES: BranchSummary[] = [
  { branchName: 'main', backendEnvironmentArn: backendEnv('prod') },
  { branchName: 'develop', backendEnvironmentArn: backendEnv('dev') },
  { branchName: 'dev' },
  { branchName: 'feature/x' },
  { branchName: 'staging' },
];

describe('chooseBranch: --branch, iam-guard.json, backend environment, branch named like the env', () => {
  it('takes --branch first, over everything else', () => {
    expect(chooseBranch('dev', { flag: 'staging', configured: 'main', branches: BRANCHES, appId: APP })).toEqual({
      ok: true,
      branch: 'staging',
      source: 'flag',
    });
  });

  it('takes a URL-style --branch as it is', () => {
    expect(chooseBranch('dev', { flag: 'feature/x', branches: BRANCHES, appId: APP })).toEqual({
      ok: true,
      branch: 'feature/x',
      source: 'flag',
    });
  });

  it('takes the branch configured in iam-guard.json next', () => {
    expect(chooseBranch('dev', { configured: 'feature/x', branches: BRANCHES, appId: APP })).toEqual({
      ok: true,
      branch: 'feature/x',
      source: 'iam-guard.json',
    });
  });

  it('then the branch whose backend environment is the env, before a branch named like the env', () => {
    expect(chooseBranch('dev', { branches: BRANCHES, appId: APP })).toEqual({
      ok: true,
      branch: 'develop',
      source: 'backend environment',
    });
    expect(chooseBranch('prod', { branches: BRANCHES, appId: APP })).toMatchObject({ ok: true, branch: 'main' });
  });

  it('does not take a backend environment whose name only starts like the env', () => {
    const branches = [{ branchName: 'main', backendEnvironmentArn: backendEnv('devtest') }, { branchName: 'dev' }];
    expect(chooseBranch('dev', { branches, appId: APP })).toEqual({
      ok: true,
      branch: 'dev',
      source: 'branch named like the env',
    });
  });

  it('then a branch named like the env (manual-deploy hosting)', () => {
    expect(chooseBranch('staging', { branches: BRANCHES, appId: APP })).toEqual({
      ok: true,
      branch: 'staging',
      source: 'branch named like the env',
    });
  });

  it('else is a problem that lists the app’s branches and tells to use --branch', () => {
    const choice = chooseBranch('qa', { branches: BRANCHES, appId: APP });
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.problem).toContain('"qa"');
    expect(choice.problem).toContain(APP);
    for (const branch of BRANCHES) expect(choice.problem).toContain(branch.branchName);
    expect(choice.resolution).toContain('--branch');
  });

  it('says the app has no branches at all when it has none', () => {
    const choice = chooseBranch('dev', { branches: [], appId: APP });
    expect(choice).toMatchObject({ ok: false, problem: expect.stringContaining('none') as string });
  });

  it('is a problem listing the branches when --branch names a branch the app does not have', () => {
    const choice = chooseBranch('dev', { flag: 'feature/y', branches: BRANCHES, appId: APP });
    expect(choice.ok).toBe(false);
    if (choice.ok) return;
    expect(choice.problem).toContain('"feature/y"');
    for (const branch of BRANCHES) expect(choice.problem).toContain(branch.branchName);
  });

  it('is a problem when iam-guard.json names a branch that no longer exists', () => {
    const choice = chooseBranch('dev', { configured: 'old', branches: BRANCHES, appId: APP });
    expect(choice).toMatchObject({ ok: false, problem: expect.stringContaining('iam-guard.json') as string });
  });
});
