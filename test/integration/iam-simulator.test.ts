import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetRoleCommand,
  IAMClient,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { startIamSimulator, type IamSimulator } from '../fakes/iam-simulator';
import { DEFAULT_CREDENTIALS } from '../support/accounts';
import { resetMoto } from '../support/moto';

const motoUrl = process.env.MOTO_URL as string;
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const TABLE = 'arn:aws:dynamodb:us-east-1:222222222222:table/Todo-prod';
const OTHER_TABLE = 'arn:aws:dynamodb:us-east-1:222222222222:table/Tod0-dev';

let simulator: IamSimulator;
let iam: IAMClient;

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

beforeAll(async () => {
  simulator = await startIamSimulator(motoUrl, { pageSize: 2 });
  iam = new IAMClient({ region: 'us-east-1', endpoint: simulator.url, credentials: DEFAULT_CREDENTIALS });
});
afterAll(() => simulator.stop());
beforeEach(() => resetMoto(motoUrl));

const createRole = async (name: string, boundary?: string): Promise<string> => {
  const { Role } = await iam.send(
    new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: TRUST, PermissionsBoundary: boundary }),
  );
  return Role!.Arn!;
};

const createPolicy = async (name: string, document: string): Promise<string> =>
  (await iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: document }))).Policy!.Arn!;

describe('the IAM simulator double', () => {
  it('forwards every other request to moto', async () => {
    await createRole('plain');
    const { Role } = await iam.send(new GetRoleCommand({ RoleName: 'plain' }));
    expect(Role?.RoleName).toBe('plain');
  });

  it('evaluates inline and managed policies under the boundary, in pages shorter than MaxItems', async () => {
    const boundary = await createPolicy(
      'Boundary',
      policy(
        { Effect: 'Allow', Action: '*', Resource: '*' },
        { Effect: 'Deny', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/Tod?-prod' },
      ),
    );
    const arn = await createRole('fn', boundary);
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'fn',
        PolicyName: 'tables',
        PolicyDocument: policy({ Effect: 'Allow', Action: 'dynamodb:Get*', Resource: 'arn:aws:dynamodb:*:*:table/*' }),
      }),
    );
    await iam.send(
      new AttachRolePolicyCommand({
        RoleName: 'fn',
        PolicyArn: await createPolicy(
          'NotScan',
          policy({ Effect: 'Allow', NotAction: ['dynamodb:Scan', 's3:*'], NotResource: 'arn:aws:s3:::*' }),
        ),
      }),
    );
    const first = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
        ResourceArns: [TABLE, OTHER_TABLE],
        MaxItems: 100,
      }),
    );
    expect(first.IsTruncated).toBe(true);
    expect(first.EvaluationResults).toHaveLength(2);
    const second = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:Scan'],
        ResourceArns: [TABLE, OTHER_TABLE],
        MaxItems: 100,
        Marker: first.Marker,
      }),
    );
    expect(second.IsTruncated).toBe(false);
    const results = [...first.EvaluationResults!, ...second.EvaluationResults!];
    const decisions = Object.fromEntries(
      results.flatMap((result) =>
        result.ResourceSpecificResults!.map((one) => [
          `${result.EvalActionName} ${one.EvalResourceName}`,
          [one.EvalResourceDecision, one.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary],
        ]),
      ),
    );
    expect(decisions).toEqual({
      [`dynamodb:GetItem ${TABLE}`]: ['explicitDeny', false],
      [`dynamodb:GetItem ${OTHER_TABLE}`]: ['allowed', true],
      [`dynamodb:Query ${TABLE}`]: ['explicitDeny', false],
      [`dynamodb:Query ${OTHER_TABLE}`]: ['allowed', true],
      [`dynamodb:Scan ${TABLE}`]: ['explicitDeny', false],
      [`dynamodb:Scan ${OTHER_TABLE}`]: ['implicitDeny', true],
    });
    expect(results.map((result) => result.EvalResourceName)).toEqual(['*', '*', '*']);
  });

  it('names the one resource in the action’s own result, with no boundary detail for a role without one', async () => {
    const arn = await createRole('open');
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'open',
        PolicyName: 'all',
        PolicyDocument: policy({ Effect: 'Allow', Action: '*', Resource: '*' }),
      }),
    );
    const { EvaluationResults } = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: arn,
        ActionNames: ['dynamodb:Scan'],
        ResourceArns: [TABLE],
      }),
    );
    expect(EvaluationResults).toEqual([
      expect.objectContaining({ EvalActionName: 'dynamodb:Scan', EvalResourceName: TABLE, EvalDecision: 'allowed' }),
    ]);
    expect(EvaluationResults![0].PermissionsBoundaryDecisionDetail).toBeUndefined();
    expect(EvaluationResults![0].ResourceSpecificResults ?? []).toEqual([]);
  });

  it('answers NoSuchEntity for a role moto does not hold, and refuses a wildcard action', async () => {
    await expect(
      iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: 'arn:aws:iam::123456789012:role/gone',
          ActionNames: ['s3:GetObject'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    const arn = await createRole('any');
    await expect(
      iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: arn, ActionNames: ['s3:*'] })),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
  });
});
