import {
  GetPolicyCommand,
  GetRoleCommand,
  IAMClient,
  IAMServiceException,
  ListPoliciesCommand,
  NoSuchEntityException,
  ServiceFailureException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createIamPort } from '../../../src/aws/iam';
import { GuardError, GuardFault } from '../../../src/errors';

const iamMock = mockClient(IAMClient);
const ARN = 'arn:aws:iam::123456789012:policy/Boundary';

const port = () => createIamPort(new IAMClient({ region: 'us-east-1' }), 'dev');

afterEach(() => iamMock.reset());
afterAll(() => iamMock.restore());

describe('IAM port: policyExists', () => {
  it('says a policy GetPolicy returns exists', async () => {
    iamMock.on(GetPolicyCommand, { PolicyArn: ARN }).resolves({ Policy: { Arn: ARN, PolicyName: 'Boundary' } });
    await expect(port().policyExists(ARN)).resolves.toBe('exists');
    expect(iamMock).toHaveReceivedCommandWith(GetPolicyCommand, { PolicyArn: ARN });
  });

  it('says a policy IAM does not know (NoSuchEntity) is missing', async () => {
    iamMock
      .on(GetPolicyCommand)
      .rejects(new NoSuchEntityException({ message: `Policy ${ARN} was not found.`, $metadata: {} }));
    await expect(port().policyExists(ARN)).resolves.toBe('missing');
  });

  it('says a policy it may not look up (AccessDenied) is denied', async () => {
    iamMock.on(GetPolicyCommand).rejects(
      new IAMServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        message: 'not authorized to perform: iam:GetPolicy',
        $metadata: {},
      }),
    );
    await expect(port().policyExists(ARN)).resolves.toBe('denied');
  });

  it('translates any other failure, naming iam:GetPolicy, the ARN and the env', async () => {
    iamMock.on(GetPolicyCommand).rejects(
      new IAMServiceException({
        name: 'ExpiredToken',
        $fault: 'client',
        message: 'The security token is expired',
        $metadata: {},
      }),
    );
    const error = await port()
      .policyExists(ARN)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardError);
    expect(error).toMatchObject({ name: 'ProfileConfigurationError' });
    expect((error as GuardError).message).toContain('iam:GetPolicy');
    expect((error as GuardError).message).toContain('env "dev"');
  });

  it('turns a server failure into a fault with the cause attached', async () => {
    const failure = new ServiceFailureException({ message: 'internal', $metadata: {} });
    iamMock.on(GetPolicyCommand).rejects(failure);
    const error = await port()
      .policyExists(ARN)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GuardFault);
    expect((error as GuardFault).message).toContain(ARN);
    expect((error as GuardFault).cause).toBe(failure);
  });
});

describe('IAM port: listCustomerPolicies', () => {
  it('collects the customer-managed policies of every page, sorted by name', async () => {
    iamMock
      .on(ListPoliciesCommand)
      .resolves({
        Policies: [
          { Arn: 'arn:aws:iam::123456789012:policy/org/Zeta', PolicyName: 'Zeta', Path: '/org/', Description: 'last' },
          { Arn: 'arn:aws:iam::123456789012:policy/Mid', PolicyName: 'Mid', Path: '/' },
        ],
        IsTruncated: true,
        Marker: 'page-2',
      })
      .on(ListPoliciesCommand, { Marker: 'page-2' })
      .resolves({
        Policies: [
          { Arn: 'arn:aws:iam::123456789012:policy/Alpha', PolicyName: 'Alpha', Path: '/' },
          { PolicyName: 'NoArn' },
        ],
        IsTruncated: true,
        Marker: 'page-3',
      })
      .on(ListPoliciesCommand, { Marker: 'page-3' })
      .resolves({
        Policies: [{ Arn: 'arn:aws:iam::123456789012:policy/beta', PolicyName: 'beta' }],
        IsTruncated: false,
      });

    await expect(port().listCustomerPolicies()).resolves.toEqual([
      { arn: 'arn:aws:iam::123456789012:policy/Alpha', name: 'Alpha', path: '/', description: undefined },
      { arn: 'arn:aws:iam::123456789012:policy/beta', name: 'beta', path: '/', description: undefined },
      { arn: 'arn:aws:iam::123456789012:policy/Mid', name: 'Mid', path: '/', description: undefined },
      { arn: 'arn:aws:iam::123456789012:policy/org/Zeta', name: 'Zeta', path: '/org/', description: 'last' },
    ]);
    expect(iamMock).toHaveReceivedCommandWith(ListPoliciesCommand, { Scope: 'Local' });
  });

  it('returns no policies for an account without any', async () => {
    iamMock.on(ListPoliciesCommand).resolves({ IsTruncated: false });
    await expect(port().listCustomerPolicies()).resolves.toEqual([]);
  });

  it('translates a refusal, naming iam:ListPolicies', async () => {
    iamMock
      .on(ListPoliciesCommand)
      .rejects(
        new IAMServiceException({ name: 'AccessDenied', $fault: 'client', message: 'not authorized', $metadata: {} }),
      );
    await expect(port().listCustomerPolicies()).rejects.toMatchObject({
      name: 'PermissionsError',
      message: expect.stringContaining('iam:ListPolicies') as unknown,
    });
  });
});

describe('IAM port: roleBoundary', () => {
  it("reads a role's permissions boundary", async () => {
    iamMock.on(GetRoleCommand, { RoleName: 'amplify-demo-dev-authRole' }).resolves({
      Role: {
        RoleName: 'amplify-demo-dev-authRole',
        Path: '/',
        RoleId: 'AROA',
        Arn: 'arn:aws:iam::123456789012:role/amplify-demo-dev-authRole',
        CreateDate: new Date(0),
        PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: ARN },
      },
    });
    await expect(port().roleBoundary('amplify-demo-dev-authRole')).resolves.toEqual({
      found: true,
      boundary: ARN,
      arn: 'arn:aws:iam::123456789012:role/amplify-demo-dev-authRole',
    });
  });

  it('reads a role without a boundary as found with none', async () => {
    iamMock.on(GetRoleCommand).resolves({
      Role: {
        RoleName: 'r',
        Path: '/',
        RoleId: 'AROA',
        Arn: 'arn:aws:iam::123456789012:role/r',
        CreateDate: new Date(0),
      },
    });
    await expect(port().roleBoundary('r')).resolves.toEqual({
      found: true,
      boundary: undefined,
      arn: 'arn:aws:iam::123456789012:role/r',
    });
  });

  it('says a deleted role is not found', async () => {
    iamMock
      .on(GetRoleCommand)
      .rejects(new NoSuchEntityException({ message: 'The role with name r cannot be found.', $metadata: {} }));
    await expect(port().roleBoundary('r')).resolves.toEqual({ found: false });
  });

  it('translates a refusal, naming iam:GetRole and the role', async () => {
    iamMock
      .on(GetRoleCommand)
      .rejects(
        new IAMServiceException({ name: 'AccessDenied', $fault: 'client', message: 'not authorized', $metadata: {} }),
      );
    const error = await port()
      .roleBoundary('r')
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'PermissionsError' });
    expect((error as GuardError).message).toContain('iam:GetRole on r');
  });
});
