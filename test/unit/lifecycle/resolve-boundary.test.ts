import type { ResolutionInput } from '../../../src/boundary/resolution';
import type { EnvTarget } from '../../../src/boundary/target';
import { GuardError } from '../../../src/errors';
import { resolutionError, resolutionInput, resolveBoundary } from '../../../src/read/resolve-boundary';
import { DEFAULT_CONFIG } from '../../../src/project/guard-config';
import { projectPaths } from '../../../src/project/paths';
import type { ProjectState } from '../../../src/project/project';
import { accountAws, type AccountSeed } from '../../fakes/aws-world';

const DEV_BOUNDARY = 'arn:aws:iam::123456789012:policy/org/Boundary';
const PROD_BOUNDARY = 'arn:aws:iam::222222222222:policy/org/Boundary';
const SAME_ACCOUNT: EnvTarget = { env: 'test', account: '123456789012', region: 'us-east-1' };
const PROD: EnvTarget = { env: 'prod', account: '222222222222', region: 'us-east-1' };

const input = (extra: Partial<ResolutionInput> = {}): ResolutionInput => ({
  required: false,
  target: PROD,
  currentEnv: 'dev',
  ...extra,
});

/** The IAM of the prod account (or another), seeded. */
const fakeIam = (seed: AccountSeed, account = PROD.account) => accountAws(account, seed).iam;

const invalidResolution = async (given: ResolutionInput, iam = fakeIam({})) => {
  const resolution = await resolveBoundary(given, iam);
  if (resolution.kind !== 'invalid') throw new Error(`expected an invalid resolution, got ${resolution.arn}`);
  return resolution;
};

describe('resolveBoundary', () => {
  it('inherits the boundary into a same-account env as is', async () => {
    const iam = fakeIam({ policies: [DEV_BOUNDARY] }, SAME_ACCOUNT.account);
    const resolution = await resolveBoundary(input({ currentBoundary: DEV_BOUNDARY, target: SAME_ACCOUNT }), iam);
    expect(resolution).toMatchObject({ kind: 'resolved', arn: DEV_BOUNDARY, source: 'current env' });
  });

  it('retargets a cross-account boundary when the new account has the same policy', async () => {
    const iam = fakeIam({ policies: [PROD_BOUNDARY] });
    const resolution = await resolveBoundary(input({ currentBoundary: DEV_BOUNDARY }), iam);
    expect(resolution).toEqual({
      kind: 'resolved',
      arn: PROD_BOUNDARY,
      source: 'current env, retargeted',
      warning: undefined,
    });
  });

  it('retargets an AWS-managed boundary into the China partition', async () => {
    const china: EnvTarget = { env: 'cn', account: '222222222222', region: 'cn-north-1' };
    const iam = fakeIam({ policies: ['arn:aws-cn:iam::aws:policy/PowerUserAccess'] });
    const resolution = await resolveBoundary(
      input({ currentBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess', target: china }),
      iam,
    );
    expect(resolution).toMatchObject({ kind: 'resolved', arn: 'arn:aws-cn:iam::aws:policy/PowerUserAccess' });
  });

  it('finds nothing when the new account lacks the policy, and never falls back to none', async () => {
    const resolution = await invalidResolution(input({ currentBoundary: DEV_BOUNDARY }));
    expect(resolution.strict).toBe(false);
    expect(resolution.tried.map(({ candidate }) => candidate.arn)).toEqual([DEV_BOUNDARY, PROD_BOUNDARY]);
  });

  it('goes on to the policy name when the retargeted boundary is missing', async () => {
    const guard = 'arn:aws:iam::222222222222:policy/Guard';
    const iam = fakeIam({ policies: [guard] });
    const resolution = await resolveBoundary(
      input({ currentBoundary: DEV_BOUNDARY, policyName: { name: 'Guard', path: '/' } }),
      iam,
    );
    expect(resolution).toMatchObject({ kind: 'resolved', arn: guard, source: 'policy name' });
  });

  it('uses the retargeted boundary with a warning when the new account may not call GetPolicy', async () => {
    const resolution = await resolveBoundary(
      input({ currentBoundary: DEV_BOUNDARY }),
      fakeIam({ denied: ['iam:GetPolicy'] }),
    );
    expect(resolution).toMatchObject({ kind: 'resolved', arn: PROD_BOUNDARY });
    expect(resolution.kind === 'resolved' && resolution.warning).toMatch(/lack iam:GetPolicy/);
  });

  it('never takes the foreign-account ARN as is, even when GetPolicy is denied', async () => {
    const resolution = await resolveBoundary(
      input({ currentBoundary: DEV_BOUNDARY }),
      fakeIam({ denied: ['iam:GetPolicy'] }),
    );
    expect(resolution.kind === 'resolved' && resolution.arn).not.toBe(DEV_BOUNDARY);
  });

  it('stops at an invalid environment variable even when the current env would give a valid one', async () => {
    const iam = fakeIam({ policies: [PROD_BOUNDARY] });
    const resolution = await invalidResolution(
      input({ envVar: 'arn:aws:iam::222222222222:role/x', currentBoundary: DEV_BOUNDARY }),
      iam,
    );
    expect(resolution.strict).toBe(true);
    expect(resolution.tried.map(({ candidate }) => candidate.source)).toEqual(['environment variable']);
  });

  it('checks nothing with IAM when asked to resolve offline (no port)', async () => {
    const resolution = await resolveBoundary(input({ flag: PROD_BOUNDARY }), undefined);
    expect(resolution).toMatchObject({ kind: 'resolved', arn: PROD_BOUNDARY, source: 'flag' });
  });

  it('resolves to none without asking IAM when no source has a boundary', async () => {
    expect(await resolveBoundary(input(), undefined)).toEqual({ kind: 'resolved', arn: '', source: 'none' });
  });
});

describe('resolutionError', () => {
  it('names every ARN tried with its source, and both fixes', async () => {
    const given = input({ currentBoundary: DEV_BOUNDARY });
    const error = resolutionError(await invalidResolution(given), given);
    expect(error).toBeInstanceOf(GuardError);
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain(`${DEV_BOUNDARY} (current env)`);
    expect(error.message).toContain(`${PROD_BOUNDARY} (current env, retargeted)`);
    expect(error.message).toContain('env "prod" (account 222222222222, us-east-1)');
    expect(error.resolution).toContain('--permissions-boundary <arn of a policy in account 222222222222>');
    expect(error.resolution).toContain("--permissions-boundary ''");
    expect(error.resolution).toContain('Nothing was created.');
  });

  it("does not offer '' when iam-guard.json requires a boundary", async () => {
    const given = input({ currentBoundary: DEV_BOUNDARY, required: true });
    const error = resolutionError(await invalidResolution(given), given);
    expect(error.resolution).toContain('--permissions-boundary <arn');
    expect(error.resolution).not.toContain("''");
  });

  it('says a boundary is required when no source had one', async () => {
    const given = input({ required: true });
    const error = resolutionError(await invalidResolution(given), given);
    expect(error.message).toMatch(/requires a permissions boundary, but none was given or found for env "prod"/);
    expect(error.resolution).not.toContain("''");
  });

  it('names a strict value as given and the ARN that would be valid instead', async () => {
    const given = input({ flag: DEV_BOUNDARY });
    const error = resolutionError(await invalidResolution(given, fakeIam({ policies: [PROD_BOUNDARY] })), given);
    expect(error.message).toContain('The permissions boundary given is not valid');
    expect(error.message).toContain(`${DEV_BOUNDARY} (flag)`);
    expect(error.resolution).toContain(`--permissions-boundary ${PROD_BOUNDARY} (valid for env "prod"`);
  });

  it('names an invalid environment variable as the source of the bad value', async () => {
    const given = input({ envVar: 'not-an-arn' });
    const error = resolutionError(await invalidResolution(given), given);
    expect(error.message).toContain('- not-an-arn (environment variable):');
    expect(error.message).toContain('is not a valid IAM policy ARN');
  });

  it("shows an empty flag refused by boundary.required as ''", async () => {
    const given = input({ flag: '', required: true });
    const error = resolutionError(await invalidResolution(given), given);
    expect(error.message).toContain("- '' (flag): amplify/iam-guard.json requires a permissions boundary");
    expect(error.resolution).not.toContain("''");
  });
});

describe('resolutionInput', () => {
  const state = (extra: Partial<ProjectState> = {}): ProjectState => ({
    paths: projectPaths('/project'),
    currentEnv: 'dev',
    envs: [
      { name: 'dev', account: '123456789012', region: 'us-east-1', boundary: DEV_BOUNDARY },
      { name: 'staging', boundary: '' },
    ],
    config: DEFAULT_CONFIG,
    ...extra,
  });

  it("carries the current env's boundary, the flag and the variable", () => {
    expect(resolutionInput(state(), PROD, { flag: 'f', envVar: 'v' })).toEqual({
      flag: 'f',
      envVar: 'v',
      currentEnv: 'dev',
      currentBoundary: DEV_BOUNDARY,
      policyName: undefined,
      required: false,
      target: PROD,
    });
  });

  it("keeps an explicit '' of the current env", () => {
    expect(resolutionInput(state({ currentEnv: 'staging' }), PROD, {}).currentBoundary).toBe('');
  });

  it('has no current boundary in a new project (no current env)', () => {
    const given = resolutionInput(state({ currentEnv: undefined, envs: [] }), PROD, {});
    expect(given.currentEnv).toBeUndefined();
    expect(given.currentBoundary).toBeUndefined();
  });

  it("takes the policy name, its path and 'required' from iam-guard.json", () => {
    const config = { ...DEFAULT_CONFIG, boundary: { policyName: 'Guard', policyPath: '/org/', required: true } };
    const given = resolutionInput(state({ config }), PROD, {});
    expect(given.policyName).toEqual({ name: 'Guard', path: '/org/' });
    expect(given.required).toBe(true);
  });
});
