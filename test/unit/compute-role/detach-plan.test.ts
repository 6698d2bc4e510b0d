import { planDetach, type DetachFacts } from '../../../src/compute-role/detach-plan';
import { ownerTags, type RoleOwner } from '../../../src/compute-role/ownership';
import type { RoleInfo } from '../../../src/compute-role/role-info';

const MAIN: RoleOwner = { appId: 'd1abcdef', env: 'dev', hosting: { kind: 'branch', branch: 'main' } };
const ARN = 'arn:aws:iam::123456789012:role/amplify-d1abcdef-main-compute';
const role = (tags: Record<string, string>): RoleInfo => ({
  arn: ARN,
  name: 'amplify-d1abcdef-main-compute',
  trustPolicy: {},
  tags,
  managedPolicies: [],
  inlinePolicies: [],
});
const facts = (overrides: Partial<DetachFacts> = {}): DetachFacts => ({
  owner: MAIN,
  currentRoleArn: ARN,
  recordedHere: true,
  branches: [{ branchName: 'main', computeRoleArn: ARN }, { branchName: 'dev' }],
  redeploy: false,
  ...overrides,
});

describe('planDetach', () => {
  it('unsets the role, forgets the record and deletes the role this target owns', () => {
    expect(planDetach(facts({ deleteRole: { roleArn: ARN, role: role(ownerTags(MAIN)) } }))).toMatchObject({
      unsetRoleArn: ARN,
      forgetRecord: true,
      deleteRoleName: 'amplify-d1abcdef-main-compute',
    });
  });

  it('refuses the whole detach when --delete-role names a role of another target', () => {
    const other = ownerTags({ ...MAIN, hosting: { kind: 'branch', branch: 'Main' } });
    const plan = planDetach(facts({ deleteRole: { roleArn: ARN, role: role(other) } }));
    expect('refused' in plan && plan.refused.message).toContain('Nothing was changed');
  });

  it('refuses the whole detach while the app default still uses the role', () => {
    const plan = planDetach(
      facts({ appDefaultRoleArn: ARN, deleteRole: { roleArn: ARN, role: role(ownerTags(MAIN)) } }),
    );
    expect('refused' in plan && plan.refused.message).toContain('still used by the app default');
  });

  it('only notes a role that no longer exists', () => {
    const plan = planDetach(facts({ deleteRole: { roleArn: ARN } }));
    expect('notes' in plan && plan.notes).toEqual([`Role ${ARN} no longer exists; nothing to delete.`]);
  });

  it('says the removal awaits the next deployment, and starts it with --redeploy for a connected app', () => {
    expect(planDetach(facts())).toMatchObject({ redeploy: { kind: 'advise' } });
    expect(planDetach(facts({ redeploy: true, repository: 'https://github.com/example/shop' }))).toMatchObject({
      redeploy: { kind: 'start', branches: ['main'] },
    });
  });
});

describe('planDetach with --redeploy and nothing to remove', () => {
  const nothingSet = (pendingBranches: string[]) =>
    planDetach(
      facts({
        currentRoleArn: undefined,
        recordedHere: false,
        repository: 'https://github.com/example/shop',
        redeploy: true,
        pendingBranches,
      }),
    );

  it('starts the deployment of a branch whose role change still waits for one', () => {
    expect(nothingSet(['main'])).toMatchObject({ redeploy: { kind: 'start', branches: ['main'] } });
  });

  it('starts none when the branch already runs with its role', () => {
    expect(nothingSet([])).toMatchObject({ redeploy: { kind: 'in-effect' } });
  });
});
