import { createWorld, forbiddenAws } from '../../fakes/aws-world';
import type { HostingPort, HostingTarget } from '../../../src/aws/ports';
import type { AttachPlan } from '../../../src/compute-role/attach-plan';
import { TAGS } from '../../../src/compute-role/ownership';
import { planRole, type RoleStep } from '../../../src/compute-role/plan';
import { GuardError } from '../../../src/errors';
import { applyAttach, applyRedeploy, type PropagationPolicy } from '../../../src/apply/apply-compute-role';

const ACCOUNT = '123456789012';
const APP = 'd1abcdef';
const ROLE = 'amplify-d1abcdef-main-compute';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/AmplifyBoundary`;
const S3_READ = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const MAIN: HostingTarget = { kind: 'branch', branch: 'main' };

const createSteps = (): RoleStep[] => {
  const plan = planRole(
    {
      name: ROLE,
      owner: { appId: APP, env: 'dev', hosting: MAIN },
      boundary: BOUNDARY,
      policyArns: [S3_READ],
    },
    undefined,
  );
  if ('refused' in plan) throw new Error(plan.refused);
  return plan.steps;
};

/** The plan attach would make: create the role (no ARN yet), or use one, on a target that has `currentRoleArn`. */
const planFor = (input: {
  target: HostingTarget;
  steps?: RoleStep[];
  roleArn?: string;
  currentRoleArn?: string;
}): AttachPlan => ({
  owner: { appId: APP, env: 'dev', hosting: input.target },
  role:
    input.roleArn === undefined
      ? { kind: 'create', name: ROLE, steps: input.steps ?? [] }
      : { kind: 'converge', name: ROLE, arn: input.roleArn, steps: input.steps ?? [] },
  setsRole: input.roleArn === undefined || input.currentRoleArn !== input.roleArn,
  currentRoleArn: input.currentRoleArn,
  redeploy: { kind: 'none' },
  warnings: [],
});

/** The app with its branch main, and its hosting port. */
const hostingApp = () => {
  const world = createWorld();
  const state = world.addApp(ACCOUNT, { appId: APP, name: 'shop', environmentVariables: {} }, [
    { branchName: 'main', environmentVariables: {} },
  ]);
  return { state, port: world.aws(ACCOUNT).hosting };
};

/** An account without roles: its roles, and its roles port. */
const iamRoles = () => {
  const world = createWorld();
  return { roles: world.account(ACCOUNT).roles, port: world.aws(ACCOUNT).roles };
};

/** A propagation policy that records the delays it was asked to wait instead of waiting. */
const recordingPropagation = (attempts = 6): PropagationPolicy & { waited: number[] } => {
  const waited: number[] = [];
  return { attempts, delayMs: 1000, waited, sleep: (ms) => Promise.resolve(void waited.push(ms)) };
};

/** A hosting port that refuses the first `failures` attachments with the given cause, then delegates. */
const refusingFirst = (inner: HostingPort, failures: number, causeName: string): HostingPort => {
  let left = failures;
  return {
    ...inner,
    setComputeRole: (appId, target, roleArn) => {
      if (left-- > 0) {
        return Promise.reject(
          new GuardError(
            'InputValidationError',
            {
              message: 'x',
              resolution: 'Run `amplify compute-role attach --role-arn <arn>` with a role Amplify Hosting may assume.',
            },
            Object.assign(new Error('cannot assume'), { name: causeName }),
          ),
        );
      }
      return inner.setComputeRole(appId, target, roleArn);
    },
  };
};

describe('applyAttach', () => {
  it('creates the role with its boundary, tags and policies and sets it on the branch', async () => {
    const iam = iamRoles();
    const hosting = hostingApp();
    const result = await applyAttach(
      { roles: iam.port, hosting: hosting.port },
      planFor({ target: MAIN, steps: createSteps() }),
      recordingPropagation(),
    );
    expect(result).toEqual({ roleArn: ROLE_ARN, created: true });
    expect(iam.roles.get(ROLE)).toMatchObject({
      arn: ROLE_ARN,
      boundary: BOUNDARY,
      tags: { [TAGS.app]: APP, [TAGS.branch]: 'main', [TAGS.env]: 'dev' },
      managedPolicies: [S3_READ],
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      },
    });
    expect(hosting.state.branches[0].computeRoleArn).toBe(ROLE_ARN);
  });

  it('sets an existing role as the app default', async () => {
    const hosting = hostingApp();
    const result = await applyAttach(
      { roles: iamRoles().port, hosting: hosting.port },
      planFor({ target: { kind: 'app' }, roleArn: ROLE_ARN, steps: [] }),
      recordingPropagation(),
    );
    expect(result).toEqual({ roleArn: ROLE_ARN, created: false });
    expect(hosting.state.app.computeRoleArn).toBe(ROLE_ARN);
    expect(hosting.state.branches[0].computeRoleArn).toBeUndefined();
  });

  it('does not attach again when the target already uses the role', async () => {
    const hosting = hostingApp();
    const failing: HostingPort = {
      ...hosting.port,
      setComputeRole: () => Promise.reject(new Error('the target must not be updated')),
    };
    const result = await applyAttach(
      { roles: iamRoles().port, hosting: failing },
      planFor({ target: MAIN, roleArn: ROLE_ARN, steps: [], currentRoleArn: ROLE_ARN }),
      recordingPropagation(),
    );
    expect(result).toEqual({ roleArn: ROLE_ARN, created: false });
  });

  it('retries while a new role has not propagated yet, waiting longer each time, then attaches it', async () => {
    const iam = iamRoles();
    const hosting = hostingApp();
    const propagation = recordingPropagation();
    const result = await applyAttach(
      { roles: iam.port, hosting: refusingFirst(hosting.port, 2, 'BadRequestException') },
      planFor({ target: MAIN, steps: createSteps() }),
      propagation,
    );
    expect(result).toEqual({ roleArn: ROLE_ARN, created: true });
    expect(hosting.state.branches[0].computeRoleArn).toBe(ROLE_ARN);
    expect(iam.roles.has(ROLE)).toBe(true);
    expect(propagation.waited).toEqual([1000, 2000]);
  });

  it('gives up after the last attempt, deletes the role it created and says so', async () => {
    const iam = iamRoles();
    const hosting = hostingApp();
    const propagation = recordingPropagation(3);
    const error = await applyAttach(
      { roles: iam.port, hosting: refusingFirst(hosting.port, 10, 'BadRequestException') },
      planFor({ target: MAIN, steps: createSteps() }),
      propagation,
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).message).toContain('was deleted again');
    expect(propagation.waited).toHaveLength(2);
    expect(iam.roles.has(ROLE)).toBe(false);
    expect(hosting.state.branches[0].computeRoleArn).toBeUndefined();
  });

  it('deletes the role it created when Amplify refuses for another reason, and says so', async () => {
    const iam = iamRoles();
    const hosting = hostingApp();
    const propagation = recordingPropagation();
    const error = await applyAttach(
      { roles: iam.port, hosting: refusingFirst(hosting.port, 1, 'AccessDeniedException') },
      planFor({ target: MAIN, steps: createSteps() }),
      propagation,
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).name).toBe('InputValidationError');
    expect((error as GuardError).message).toContain(`The role ${ROLE} it had created was deleted again.`);
    expect(propagation.waited).toEqual([]);
    expect(iam.roles.has(ROLE)).toBe(false);
    expect(hosting.state.branches[0].computeRoleArn).toBeUndefined();
  });

  it('says to delete the role by hand when the clean-up itself fails', async () => {
    const iam = iamRoles();
    const roles = { ...iam.port, delete: () => Promise.reject(new Error('DeleteConflict')) };
    const error = await applyAttach(
      { roles, hosting: refusingFirst(hostingApp().port, 1, 'AccessDeniedException') },
      planFor({ target: MAIN, steps: createSteps() }),
      recordingPropagation(),
    ).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toContain('could not be deleted (DeleteConflict): delete it by hand');
  });

  it('deletes a role it created when a later role step fails', async () => {
    const iam = iamRoles();
    const roles = { ...iam.port, attachPolicy: () => Promise.reject(new Error('policy not attachable')) };
    const error = await applyAttach(
      { roles, hosting: hostingApp().port },
      planFor({ target: MAIN, steps: createSteps() }),
      recordingPropagation(),
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as Error).message).toContain('policy not attachable');
    expect((error as Error).message).toContain('was deleted again');
    expect(iam.roles.has(ROLE)).toBe(false);
  });

  it('deletes nothing when the role already existed, and does not retry for it', async () => {
    const iam = iamRoles();
    await iam.port.create({
      name: ROLE,
      trustPolicy: '{}',
      boundary: BOUNDARY,
      tags: { [TAGS.app]: APP },
      description: 'existing',
    });
    const propagation = recordingPropagation();
    const error = await applyAttach(
      { roles: iam.port, hosting: refusingFirst(hostingApp().port, 1, 'BadRequestException') },
      planFor({ target: MAIN, roleArn: ROLE_ARN, steps: [{ action: 'attach-policy', policyArn: S3_READ }] }),
      propagation,
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as Error).message).toBe('x');
    expect((error as Error).message).not.toContain('deleted');
    expect(propagation.waited).toEqual([]);
    expect(iam.roles.get(ROLE)?.managedPolicies).toEqual([S3_READ]);
  });
});

describe('applyRedeploy', () => {
  it('returns the release job it started for each branch, and why a start failed, without throwing', async () => {
    const world = createWorld();
    world.addApp(
      ACCOUNT,
      { appId: APP, name: 'shop', environmentVariables: {}, repository: 'https://github.com/example/shop' },
      [{ branchName: 'main', environmentVariables: {} }],
    );
    const starts = await applyRedeploy(world.aws(ACCOUNT).hosting, APP, {
      kind: 'start',
      branches: ['main', 'gone'],
      notes: [],
    });
    expect(starts).toEqual([
      { branch: 'main', jobId: '1' },
      { branch: 'gone', failure: expect.stringContaining('Branch gone not found') as string },
    ]);
    expect(world.account(ACCOUNT).apps.get(APP)?.jobs.get('main')).toEqual([
      expect.objectContaining({ jobType: 'RELEASE', status: 'PENDING' }),
    ]);
  });

  it('starts nothing when the plan only advises', async () => {
    const starts = await applyRedeploy(forbiddenAws().hosting, APP, { kind: 'advise', notes: ['Deploy by hand.'] });
    expect(starts).toEqual([]);
  });
});
