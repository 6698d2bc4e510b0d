import {
  describeChange,
  nextSteps,
  planChange,
  refusalFor,
  requestedArn,
  requestFromFlags,
  type BoundaryFlags,
} from '../../../src/boundary/set-plan';
import type { EnvTarget } from '../../../src/boundary/target';
import { judgeBoundary } from '../../../src/boundary/validity';
import { GuardError } from '../../../src/errors';

const dev: EnvTarget = { env: 'dev', account: '123456789012', region: 'us-east-1' };
const gov: EnvTarget = { env: 'gov', account: '444444444444', region: 'us-gov-west-1' };
const OWN = 'arn:aws:iam::123456789012:policy/Boundary';

const refused = (flags: BoundaryFlags): GuardError => {
  try {
    requestFromFlags(flags);
  } catch (error) {
    if (error instanceof GuardError) return error;
    throw error;
  }
  throw new Error('expected the flags to be refused');
};

describe('requestFromFlags', () => {
  it('makes no request without boundary flags (the user must be asked)', () => {
    expect(requestFromFlags({})).toBeUndefined();
  });

  it('asks for an ARN', () => {
    expect(requestFromFlags({ permissionsBoundary: OWN })).toEqual({ kind: 'arn', arn: OWN });
  });

  it("reads '' as no boundary, on purpose", () => {
    expect(requestFromFlags({ permissionsBoundary: '' })).toEqual({ kind: 'none' });
  });

  it('asks for a policy name, at "/" unless a path is given', () => {
    expect(requestFromFlags({ policyName: 'AmplifyBoundary' })).toEqual({
      kind: 'policy-name',
      name: 'AmplifyBoundary',
      path: '/',
    });
    expect(requestFromFlags({ policyName: 'AmplifyBoundary', policyPath: '/org/' })).toEqual({
      kind: 'policy-name',
      name: 'AmplifyBoundary',
      path: '/org/',
    });
  });

  it('refuses an ARN and a policy name together, naming both', () => {
    const error = refused({ permissionsBoundary: OWN, policyName: 'B' });
    expect(error.message).toContain('--permissions-boundary');
    expect(error.message).toContain('--policy-name "B"');
  });

  it('refuses --policy-path without --policy-name', () => {
    expect(refused({ policyPath: '/org/' }).message).toContain('--policy-path "/org/" was given without --policy-name');
  });

  it('refuses --policy-path without a final "/" instead of making the policy "orgX"', () => {
    expect(() => requestFromFlags({ policyName: 'AmplifyBoundary', policyPath: '/org' })).toThrow(GuardError);
  });

  it('refuses a --policy-name containing "/" (a path belongs in --policy-path)', () => {
    expect(() => requestFromFlags({ policyName: 'org/AmplifyBoundary' })).toThrow(GuardError);
  });

  it.each([
    ['a name with a space', { policyName: 'My Boundary' }],
    ['a name of 129 characters', { policyName: 'x'.repeat(129) }],
    ['a path with a space', { policyName: 'B', policyPath: '/my org/' }],
    ['a path without a leading slash', { policyName: 'B', policyPath: 'org/' }],
  ])('refuses %s', (_what, flags) => {
    const error = refused(flags);
    expect(error.name).toBe('InputValidationError');
    expect(error.message).toContain(`--policy-name ${JSON.stringify(flags.policyName)}`);
  });
});

describe('requestedArn', () => {
  it('uses an ARN as given, and "" for none', () => {
    expect(requestedArn({ kind: 'arn', arn: OWN }, gov)).toBe(OWN);
    expect(requestedArn({ kind: 'none' }, gov)).toBe('');
  });

  it("resolves a policy name in each env's own account and partition", () => {
    const request = { kind: 'policy-name', name: 'AmplifyBoundary', path: '/org/' } as const;
    expect(requestedArn(request, dev)).toBe('arn:aws:iam::123456789012:policy/org/AmplifyBoundary');
    expect(requestedArn(request, gov)).toBe('arn:aws-us-gov:iam::444444444444:policy/org/AmplifyBoundary');
  });
});

describe('planChange and describeChange', () => {
  it.each([
    [OWN, OWN, 'unchanged', `Env "dev" already has permissions boundary ${OWN}; nothing changed.`],
    ['', '', 'unchanged', 'Env "dev" already has no permissions boundary (on purpose); nothing changed.'],
    [undefined, OWN, 'set', `Env "dev": permissions boundary set to ${OWN} (was: none).`],
    ['', OWN, 'set', `Env "dev": permissions boundary set to ${OWN} (was: none, on purpose).`],
    [
      'arn:aws:iam::aws:policy/Old',
      OWN,
      'set',
      `Env "dev": permissions boundary set to ${OWN} (was: arn:aws:iam::aws:policy/Old).`,
    ],
    [OWN, '', 'removed', `Env "dev": permissions boundary removed on purpose (was: ${OWN}); recorded as "".`],
    [undefined, '', 'removed', 'Env "dev": permissions boundary removed on purpose (was: none); recorded as "".'],
  ])('from %p to %p is %s', (before, after, status, line) => {
    const change = planChange('dev', before, after);
    expect(change).toEqual({ env: 'dev', before, after, status });
    expect(describeChange(change)).toBe(line);
  });
});

describe('nextSteps', () => {
  it('says nothing when nothing changed', () => {
    expect(nextSteps([], 'dev')).toEqual([]);
  });

  it('tells to push (with --force for deployed roles) after a change to the current env', () => {
    const steps = nextSteps([planChange('dev', undefined, OWN)], 'dev');
    expect(steps).toHaveLength(1);
    expect(steps[0]).toContain('amplify push --force');
  });

  it('tells to check out every other changed env before pushing it', () => {
    const steps = nextSteps([planChange('dev', undefined, OWN), planChange('prod', undefined, '')], 'dev');
    expect(steps.slice(1)).toEqual(['For env "prod": `amplify env checkout prod` then `amplify push --force`.']);
  });
});

describe('refusalFor', () => {
  const command = (env: string, arn: string) => `amplify boundary set --env ${env} --permissions-boundary ${arn}`;

  it('refuses nothing when every env is valid', () => {
    expect(refusalFor([{ env: 'dev', verdict: { valid: true, arn: OWN, warning: 'w' } }], command)).toBeUndefined();
  });

  it('names every problem and the command that would work, with the suggested ARN', () => {
    const error = refusalFor(
      [
        { env: 'dev', verdict: { valid: true, arn: OWN } },
        {
          env: 'prod',
          verdict: judgeBoundary(OWN, { env: 'prod', account: '222222222222', region: 'eu-west-1' }, 'exists'),
        },
        { env: 'gov', verdict: judgeBoundary('arn:aws:iam::444444444444:policy/Gone', gov, 'exists') },
      ],
      command,
    );
    expect(error).toBeInstanceOf(GuardError);
    expect(error?.name).toBe('InputValidationError');
    expect(error?.message.split('\n')).toHaveLength(2);
    expect(error?.message).toContain(
      `${OWN} belongs to account 123456789012, but env "prod" is in account 222222222222`,
    );
    expect(error?.message).toContain('partition "aws", but env "gov"');
    expect(error?.resolution).toContain(
      'amplify boundary set --env prod --permissions-boundary arn:aws:iam::222222222222:policy/Boundary',
    );
    expect(error?.resolution).toContain(
      'amplify boundary set --env gov --permissions-boundary arn:aws-us-gov:iam::444444444444:policy/Gone',
    );
    expect(error?.resolution).toContain('Nothing was changed.');
  });

  it("asks for a policy of the env's account when there is nothing to suggest", () => {
    const error = refusalFor([{ env: 'dev', verdict: judgeBoundary(OWN, dev, 'missing') }], command);
    expect(error?.message).toContain(`${OWN} does not exist in account 123456789012`);
    expect(error?.resolution).toContain(
      'amplify boundary set --env dev --permissions-boundary <arn of a policy in the account of env "dev">',
    );
  });
});
