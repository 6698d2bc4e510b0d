import type { EnvAws, HostingApp, HostingBranch } from '../../src/aws/ports';
import { GuardError } from '../../src/errors';

/** A role to seed: its name (in the case it is created with) and its permissions boundary, if any. */
export type SeededRole = { name: string; boundary?: string };

/** One implementation of the AWS ports, as the contract reaches it: how to build its ports and seed its state. */
export type PortSubject = {
  /** Two accounts the subject can hold state in and give credentials for. */
  accounts: { first: string; second: string };
  /**
   * What the subject can express. A case it cannot express is not registered for it (there is no pass to
   * fake): the in-memory world can do all of them; moto cannot answer AccessDenied, and matches role names
   * exactly where IAM ignores their case.
   */
  can: { denyGetPolicy: boolean; findRolesIgnoringCase: boolean };
  /** Empties the subject before each test. */
  reset: () => Promise<void>;
  /** The ports the credentials of an account give. */
  ports: (account: string) => Promise<EnvAws>;
  /** Puts state in place, as if made outside the code under test. */
  seed: {
    /** Creates a customer-managed policy; returns its ARN. */
    policy: (account: string, name: string) => Promise<string>;
    role: (account: string, role: SeededRole) => Promise<void>;
    /** Deploys a stack with one `AWS::IAM::Role` (logical id `Role`) of this name. */
    stackWithRole: (account: string, stack: string, roleName: string) => Promise<void>;
    /** Creates an Amplify Hosting app with these branches in the first account. */
    app: (app: HostingApp, branches: HostingBranch[]) => Promise<void>;
    /** Takes `iam:GetPolicy` away from the account's credentials; only called when `can.denyGetPolicy`. */
    denyGetPolicy: (account: string) => Promise<void>;
  };
};

const AMPLIFY_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'amplify.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/**
 * The contract every implementation of the AWS ports keeps: the SDK adapters (run on moto) and the unit
 * tier's in-memory world. What the commands decide rests on these answers, so the fake must give the same.
 */
export const describePortContract = (name: string, subject: PortSubject): void => {
  const { first, second } = subject.accounts;
  const policyArn = (account: string, policy: string) => `arn:aws:iam::${account}:policy/${policy}`;

  describe(`AWS ports contract: ${name}`, () => {
    beforeEach(() => subject.reset());

    describe('policies', () => {
      it('finds a policy of the account, and calls an unknown one missing', async () => {
        const arn = await subject.seed.policy(first, 'AmplifyBoundary');
        const { iam } = await subject.ports(first);
        await expect(iam.policyExists(arn)).resolves.toBe('exists');
        await expect(iam.policyExists(policyArn(first, 'NoSuchPolicy'))).resolves.toBe('missing');
      });

      it('calls a policy of another account missing, even when it exists there', async () => {
        const foreign = await subject.seed.policy(second, 'AmplifyBoundary');
        const { iam } = await subject.ports(first);
        await expect(iam.policyExists(foreign)).resolves.toBe('missing');
        await expect((await subject.ports(second)).iam.policyExists(foreign)).resolves.toBe('exists');
      });

      // moto never answers AccessDenied, so this case runs only against a subject that can deny a call.
      if (subject.can.denyGetPolicy) {
        it('tells a denied GetPolicy from a missing policy: denied, whether or not the policy exists', async () => {
          const arn = await subject.seed.policy(first, 'AmplifyBoundary');
          await subject.seed.denyGetPolicy(first);
          const { iam } = await subject.ports(first);
          await expect(iam.policyExists(arn)).resolves.toBe('denied');
          await expect(iam.policyExists(policyArn(first, 'NoSuchPolicy'))).resolves.toBe('denied');
        });
      }

      it("lists the account's own policies by name, with their paths, and none of another account", async () => {
        await subject.seed.policy(first, 'Zeta');
        await subject.seed.policy(first, 'Alpha');
        await subject.seed.policy(second, 'Other');
        const { iam } = await subject.ports(first);
        expect(await iam.listCustomerPolicies()).toEqual([
          expect.objectContaining({ arn: policyArn(first, 'Alpha'), name: 'Alpha', path: '/' }),
          expect.objectContaining({ arn: policyArn(first, 'Zeta'), name: 'Zeta', path: '/' }),
        ]);
      });
    });

    describe('roles', () => {
      it("gives a role's boundary and ARN, with the name in the case it was created with", async () => {
        const boundary = policyArn(first, 'AmplifyBoundary');
        await subject.seed.role(first, { name: 'ShopCompute', boundary });
        const { iam, roles } = await subject.ports(first);
        expect(await iam.roleBoundary('ShopCompute')).toEqual({
          found: true,
          boundary,
          arn: `arn:aws:iam::${first}:role/ShopCompute`,
        });
        expect(await roles.describe('ShopCompute')).toMatchObject({ name: 'ShopCompute', boundary });
      });

      it('says a role without a boundary has none, and an unknown role is not found', async () => {
        await subject.seed.role(first, { name: 'plain-role' });
        const { iam, roles } = await subject.ports(first);
        expect(await iam.roleBoundary('plain-role')).toMatchObject({ found: true, boundary: undefined });
        expect(await iam.roleBoundary('no-such-role')).toEqual({ found: false });
        expect(await roles.describe('no-such-role')).toBeUndefined();
      });

      it('does not find a role of another account', async () => {
        await subject.seed.role(second, { name: 'prod-role' });
        const { iam } = await subject.ports(first);
        expect(await iam.roleBoundary('prod-role')).toEqual({ found: false });
      });

      // IAM does not distinguish role names by case; moto 5.2.1 matches them exactly (GetRole of "shopcompute"
      // after creating "ShopCompute" is NoSuchEntity there, and it lets both exist), so this runs only where the
      // subject follows IAM.
      if (subject.can.findRolesIgnoringCase) {
        it('finds a role whatever the case of the name asked for, and refuses a second one differing only in case', async () => {
          await subject.seed.role(first, { name: 'ShopCompute' });
          const { iam, roles } = await subject.ports(first);
          expect(await iam.roleBoundary('shopcompute')).toMatchObject({
            found: true,
            arn: `arn:aws:iam::${first}:role/ShopCompute`,
          });
          expect(await roles.describe('SHOPCOMPUTE')).toMatchObject({ name: 'ShopCompute' });
          await expect(
            roles.create({ name: 'shopcompute', trustPolicy: AMPLIFY_TRUST, tags: {}, description: 'twin' }),
          ).rejects.toThrow('EntityAlreadyExists');
        });
      }

      it('creates a role with a boundary, replaces the boundary, and removes it', async () => {
        const boundary = await subject.seed.policy(first, 'AmplifyBoundary');
        const stricter = await subject.seed.policy(first, 'StricterBoundary');
        const { iam, roles } = await subject.ports(first);
        const arn = await roles.create({
          name: 'amplify-app1-main-compute',
          trustPolicy: AMPLIFY_TRUST,
          boundary,
          tags: { team: 'web' },
          description: 'compute role',
        });
        expect(arn).toBe(`arn:aws:iam::${first}:role/amplify-app1-main-compute`);
        expect(await iam.roleBoundary('amplify-app1-main-compute')).toMatchObject({ found: true, boundary });
        await roles.setBoundary('amplify-app1-main-compute', stricter);
        expect(await roles.describe('amplify-app1-main-compute')).toMatchObject({
          boundary: stricter,
          tags: { team: 'web' },
        });
        await roles.setBoundary('amplify-app1-main-compute', undefined);
        expect(await iam.roleBoundary('amplify-app1-main-compute')).toMatchObject({ found: true, boundary: undefined });
      });
    });

    describe('stacks', () => {
      it("lists a stack's roles by logical id, type and role name", async () => {
        await subject.seed.stackWithRole(first, 'amplify-shop-dev', 'amplify-shop-dev-authRole');
        const { stacks } = await subject.ports(first);
        expect(await stacks.listResources('amplify-shop-dev')).toContainEqual({
          logicalId: 'Role',
          type: 'AWS::IAM::Role',
          physicalId: 'amplify-shop-dev-authRole',
        });
      });

      it.each([
        ['cloudformation:ListStackResources', (aws: EnvAws) => aws.stacks.listResources('amplify-gone-dev')],
        ['cloudformation:GetTemplate', (aws: EnvAws) => aws.stacks.getTemplate('amplify-gone-dev')],
        ['cloudformation:DescribeStacks', (aws: EnvAws) => aws.stacks.describeStack('amplify-gone-dev')],
      ])('refuses %s of an unknown stack, naming the stack', async (action, read) => {
        const failure = read(await subject.ports(first));
        await expect(failure).rejects.toThrow(GuardError);
        await expect(failure).rejects.toThrow(action);
        await expect(failure).rejects.toThrow('Stack with id amplify-gone-dev does not exist');
      });

      it('does not find a stack of another account', async () => {
        await subject.seed.stackWithRole(second, 'amplify-shop-prod', 'amplify-shop-prod-authRole');
        const { stacks } = await subject.ports(first);
        await expect(stacks.listResources('amplify-shop-prod')).rejects.toThrow(
          'Stack with id amplify-shop-prod does not exist',
        );
      });
    });

    describe('hosting', () => {
      const app = (repository?: string): HostingApp => ({
        appId: 'd1shop',
        name: 'shop',
        environmentVariables: {},
        repository,
      });
      const roleArn = (name: string) => `arn:aws:iam::${first}:role/${name}`;

      it('refuses an unknown app as not found, naming it', async () => {
        const failure = (await subject.ports(first)).hosting.getApp('d1nope');
        await expect(failure).rejects.toThrow(GuardError);
        await expect(failure).rejects.toThrow('app d1nope was not found (amplify:GetApp');
      });

      it("sets and removes a branch's compute role and the app default, and refuses an unknown branch", async () => {
        await subject.seed.app(app(), [{ branchName: 'main', environmentVariables: {} }]);
        const { hosting } = await subject.ports(first);
        await hosting.setComputeRole('d1shop', { kind: 'branch', branch: 'main' }, roleArn('main-role'));
        await hosting.setComputeRole('d1shop', { kind: 'app' }, roleArn('app-role'));
        expect((await hosting.listBranches('d1shop')).map((branch) => branch.computeRoleArn)).toEqual([
          roleArn('main-role'),
        ]);
        expect((await hosting.getApp('d1shop')).computeRoleArn).toBe(roleArn('app-role'));
        await hosting.setComputeRole('d1shop', { kind: 'branch', branch: 'main' }, '');
        expect((await hosting.listBranches('d1shop'))[0]?.computeRoleArn).toBeUndefined();
        await expect(
          hosting.setComputeRole('d1shop', { kind: 'branch', branch: 'gone' }, roleArn('main-role')),
        ).rejects.toThrow('amplify:UpdateBranch');
      });

      it('starts a release job of an app with a repository, which is no deployment until it succeeds', async () => {
        await subject.seed.app(app('https://github.com/example/shop'), [
          { branchName: 'main', environmentVariables: {} },
        ]);
        const { hosting } = await subject.ports(first);
        await expect(hosting.startRelease('d1shop', 'main')).resolves.toEqual(expect.any(String));
        await expect(hosting.lastDeployment('d1shop', 'main')).resolves.toBeUndefined();
      });

      it('refuses a release job of an app deployed by hand', async () => {
        await subject.seed.app(app(), [{ branchName: 'main', environmentVariables: {} }]);
        const failure = (await subject.ports(first)).hosting.startRelease('d1shop', 'main');
        await expect(failure).rejects.toThrow(GuardError);
        await expect(failure).rejects.toThrow('amplify:StartJob');
      });
    });

    it('says which account the credentials act in', async () => {
      await expect((await subject.ports(first)).identity.account()).resolves.toBe(first);
      await expect((await subject.ports(second)).identity.account()).resolves.toBe(second);
    });
  });
};
