import {
  IAMClient,
  NoSuchEntityException,
  SimulatePrincipalPolicyCommand,
  type EvaluationResult,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { createSimulatorPort, pairsOf } from '../../../src/aws/simulator';

const iamMock = mockClient(IAMClient);
const ROLE = 'arn:aws:iam::111111111111:role/dev-fn';
const T1 = 'arn:aws:dynamodb:us-east-1:222222222222:table/a';
const T2 = 'arn:aws:dynamodb:us-east-1:222222222222:table/b';

const port = () => createSimulatorPort(new IAMClient({ region: 'us-east-1' }), 'dev');

afterEach(() => iamMock.reset());
afterAll(() => iamMock.restore());

describe('pairsOf: reading one evaluation result', () => {
  it('reads each resource of ResourceSpecificResults, with its own boundary detail and the action’s SCP detail', () => {
    const pairs = pairsOf(
      {
        EvalActionName: 'dynamodb:Scan',
        EvalResourceName: '*',
        EvalDecision: 'implicitDeny',
        OrganizationsDecisionDetail: { AllowedByOrganizations: true },
        PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
        ResourceSpecificResults: [
          {
            EvalResourceName: T1,
            EvalResourceDecision: 'allowed',
            PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: true },
          },
          {
            EvalResourceName: T2,
            EvalResourceDecision: 'explicitDeny',
            PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false },
          },
        ],
      },
      [T1, T2],
    );
    expect(pairs).toEqual([
      {
        action: 'dynamodb:Scan',
        resource: T1,
        decision: 'allowed',
        allowedByBoundary: true,
        allowedByOrganizations: true,
      },
      {
        action: 'dynamodb:Scan',
        resource: T2,
        decision: 'explicitDeny',
        allowedByBoundary: false,
        allowedByOrganizations: true,
      },
    ]);
  });

  it('reads the action’s own result for the resource it names when there are no resource-specific results', () => {
    expect(
      pairsOf({ EvalActionName: 'dynamodb:Scan', EvalResourceName: T2, EvalDecision: 'allowed' }, [T1, T2]),
    ).toEqual([
      {
        action: 'dynamodb:Scan',
        resource: T2,
        decision: 'allowed',
        allowedByBoundary: undefined,
        allowedByOrganizations: undefined,
      },
    ]);
  });

  it('applies the action’s own result to every resource asked when it names none of them', () => {
    const pairs = pairsOf(
      {
        EvalActionName: 'dynamodb:Scan',
        EvalResourceName: '*',
        EvalDecision: 'implicitDeny',
        PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: false },
      },
      [T1, T2],
    );
    expect(pairs.map((pair) => [pair.resource, pair.allowedByBoundary])).toEqual([
      [T1, false],
      [T2, false],
    ]);
  });

  it('leaves the boundary detail absent for a role without a boundary', () => {
    const [pair] = pairsOf({ EvalActionName: 'dynamodb:Scan', EvalResourceName: T1, EvalDecision: 'implicitDeny' }, [
      T1,
    ]);
    expect(pair).not.toHaveProperty('allowedByBoundary', expect.anything());
  });
});

describe('simulator port', () => {
  const result = (
    action: string,
    resource: string,
    decision: EvaluationResult['EvalDecision'] = 'allowed',
  ): EvaluationResult => ({
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: decision,
  });

  it('follows every page by Marker, even a page shorter than MaxItems', async () => {
    iamMock
      .on(SimulatePrincipalPolicyCommand, { Marker: undefined })
      .resolves({ EvaluationResults: [result('dynamodb:Scan', T1)], IsTruncated: true, Marker: 'm1' })
      .on(SimulatePrincipalPolicyCommand, { Marker: 'm1' })
      .resolves({ EvaluationResults: [result('dynamodb:Scan', T2, 'implicitDeny')], IsTruncated: true, Marker: 'm2' })
      .on(SimulatePrincipalPolicyCommand, { Marker: 'm2' })
      .resolves({ EvaluationResults: [result('dynamodb:Query', T1)], IsTruncated: false });
    const pairs = await port().simulate(ROLE, ['dynamodb:Scan', 'dynamodb:Query'], [T1, T2]);
    expect(pairs.map((pair) => `${pair.action} ${pair.resource} ${pair.decision}`)).toEqual([
      `dynamodb:Scan ${T1} allowed`,
      `dynamodb:Scan ${T2} implicitDeny`,
      `dynamodb:Query ${T1} allowed`,
    ]);
    expect(iamMock).toHaveReceivedCommandTimes(SimulatePrincipalPolicyCommand, 3);
    expect(iamMock).toHaveReceivedCommandWith(SimulatePrincipalPolicyCommand, {
      PolicySourceArn: ROLE,
      ActionNames: ['dynamodb:Scan', 'dynamodb:Query'],
      ResourceArns: [T1, T2],
      MaxItems: 1000,
    });
  });

  it('stops instead of looping when IAM repeats a Marker', async () => {
    iamMock
      .on(SimulatePrincipalPolicyCommand)
      .resolves({ EvaluationResults: [result('dynamodb:Scan', T1)], IsTruncated: true, Marker: 'same' });
    await expect(port().simulate(ROLE, ['dynamodb:Scan'], [T1])).rejects.toThrow(
      'same SimulatePrincipalPolicy Marker twice',
    );
  });

  it('names the action and the role when IAM does not know the role', async () => {
    iamMock
      .on(SimulatePrincipalPolicyCommand)
      .rejects(new NoSuchEntityException({ message: 'The role dev-fn cannot be found.', $metadata: {} }));
    await expect(port().simulate(ROLE, ['dynamodb:Scan'], [T1])).rejects.toThrow(
      `${ROLE} was not found (iam:SimulatePrincipalPolicy, env "dev")`,
    );
  });
});
