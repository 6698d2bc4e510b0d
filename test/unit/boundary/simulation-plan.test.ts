import { planAgainst, planPairs } from '../../../src/boundary/simulation-plan';

const PLACE = { partition: 'aws', region: 'us-east-1', account: '222222222222' };
const principals = [
  { role: 'dev-fn', arn: 'arn:aws:iam::111111111111:role/dev-fn' },
  { role: 'dev-auth', arn: 'arn:aws:iam::111111111111:role/dev-auth' },
];
const resource = (logicalId: string, type: string, physicalId: string) => ({
  logicalId,
  type,
  physicalId,
  stack: 'amplify-shop-prod',
});

describe('planAgainst', () => {
  const resources = [
    resource('TodoTable', 'AWS::DynamoDB::Table', 'Todo-prod'),
    resource('OrderTable', 'AWS::DynamoDB::Table', 'Order-prod'),
    resource('Uploads', 'AWS::S3::Bucket', 'shop-uploads-prod'),
    resource('Api', 'AWS::CloudFormation::Stack', 'arn:aws:cloudformation:us-east-1:222222222222:stack/api/1'),
    resource('InvokePermission', 'AWS::Lambda::Permission', 'perm-1'),
  ];

  it('asks one request per role and ARN form, with every resource of the type in it', () => {
    const plan = planAgainst({ principals, resources, place: PLACE });
    expect(plan.requests).toHaveLength(2 * 4);
    const tables = plan.requests.filter(
      (request) => request.role === 'dev-fn' && request.actions.includes('dynamodb:Scan'),
    );
    expect(tables.map((request) => request.resources)).toEqual([
      [
        'arn:aws:dynamodb:us-east-1:222222222222:table/Todo-prod',
        'arn:aws:dynamodb:us-east-1:222222222222:table/Order-prod',
      ],
      [
        'arn:aws:dynamodb:us-east-1:222222222222:table/Todo-prod/*',
        'arn:aws:dynamodb:us-east-1:222222222222:table/Order-prod/*',
      ],
    ]);
    expect(tables[0].roleArn).toBe('arn:aws:iam::111111111111:role/dev-fn');
  });

  it('lists each resource once by its own ARN, and other types as not checked (never the nested stacks)', () => {
    const plan = planAgainst({ principals, resources, place: PLACE });
    expect(plan.resources).toEqual([
      {
        arn: 'arn:aws:dynamodb:us-east-1:222222222222:table/Todo-prod',
        type: 'AWS::DynamoDB::Table',
        stack: 'amplify-shop-prod',
        logicalId: 'TodoTable',
      },
      {
        arn: 'arn:aws:dynamodb:us-east-1:222222222222:table/Order-prod',
        type: 'AWS::DynamoDB::Table',
        stack: 'amplify-shop-prod',
        logicalId: 'OrderTable',
      },
      {
        arn: 'arn:aws:s3:::shop-uploads-prod',
        type: 'AWS::S3::Bucket',
        stack: 'amplify-shop-prod',
        logicalId: 'Uploads',
      },
    ]);
    expect(plan.notChecked).toEqual([
      { logicalId: 'InvokePermission', type: 'AWS::Lambda::Permission', stack: 'amplify-shop-prod' },
    ]);
  });

  it('maps every simulated ARN to all the forms of its resource', () => {
    const plan = planAgainst({ principals, resources, place: PLACE });
    expect(plan.formsOf['arn:aws:s3:::shop-uploads-prod/*']).toEqual([
      'arn:aws:s3:::shop-uploads-prod',
      'arn:aws:s3:::shop-uploads-prod/*',
    ]);
  });

  it('adds the function secrets of the other env when the project has an app id, and only then', () => {
    const withApp = planAgainst({ principals, resources: [], place: PLACE, secrets: { appId: 'd1abc', env: 'prod' } });
    expect(withApp.requests).toEqual(
      principals.map((principal) => ({
        role: principal.role,
        roleArn: principal.arn,
        actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        resources: ['arn:aws:ssm:us-east-1:222222222222:parameter/amplify/d1abc/prod/*'],
      })),
    );
    expect(withApp.resources).toEqual([
      {
        arn: 'arn:aws:ssm:us-east-1:222222222222:parameter/amplify/d1abc/prod/*',
        type: 'AWS::SSM::Parameter',
        stack: null,
        logicalId: null,
      },
    ]);
    expect(planAgainst({ principals, resources: [], place: PLACE }).requests).toEqual([]);
  });
});

describe('planPairs', () => {
  it('asks exactly the given actions on the given resources, one request per role', () => {
    const table = 'arn:aws:dynamodb:us-east-1:111122223333:table/users';
    const plan = planPairs({ principals, actions: ['dynamodb:Scan'], resources: [table] });
    expect(plan.requests.map((request) => [request.role, request.actions, request.resources])).toEqual([
      ['dev-fn', ['dynamodb:Scan'], [table]],
      ['dev-auth', ['dynamodb:Scan'], [table]],
    ]);
    expect(plan.resources).toEqual([{ arn: table, type: 'dynamodb', stack: null, logicalId: null }]);
    expect(plan.formsOf).toEqual({ [table]: [table] });
  });
});
