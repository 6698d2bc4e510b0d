import { FUNCTION_SECRETS, RESOURCE_TYPES, resourceTypeOf } from '../../../src/boundary/resource-types';

const PROD = { partition: 'aws', region: 'eu-west-1', account: '222222222222' };
const CHINA = { partition: 'aws-cn', region: 'cn-north-1', account: '333333333333' };

const formsOf = (type: string, physicalId: string, place = PROD) =>
  resourceTypeOf(type)!.forms.map((form) => ({ arn: form.arn(physicalId, place), actions: form.actions }));

describe('the resource-type table', () => {
  it('checks a table and its items, indexes and streams with the eight item actions', () => {
    const forms = formsOf('AWS::DynamoDB::Table', 'Todo-prod');
    expect(forms.map((form) => form.arn)).toEqual([
      'arn:aws:dynamodb:eu-west-1:222222222222:table/Todo-prod',
      'arn:aws:dynamodb:eu-west-1:222222222222:table/Todo-prod/*',
    ]);
    for (const form of forms) expect(form.actions).toHaveLength(8);
    expect(forms[0].actions).toContain('dynamodb:Scan');
  });

  it('asks ListBucket of a bucket and the object actions of its objects, in the partition of the other env', () => {
    expect(formsOf('AWS::S3::Bucket', 'shop-prod-uploads', CHINA)).toEqual([
      { arn: 'arn:aws-cn:s3:::shop-prod-uploads', actions: ['s3:ListBucket'] },
      {
        arn: 'arn:aws-cn:s3:::shop-prod-uploads/*',
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      },
    ]);
  });

  it('builds function, user pool, role, queue and stream ARNs from their physical ids', () => {
    expect(formsOf('AWS::Lambda::Function', 'shop-fn-prod')[0].arn).toBe(
      'arn:aws:lambda:eu-west-1:222222222222:function:shop-fn-prod',
    );
    expect(formsOf('AWS::Cognito::UserPool', 'eu-west-1_AbC')[0].arn).toBe(
      'arn:aws:cognito-idp:eu-west-1:222222222222:userpool/eu-west-1_AbC',
    );
    expect(formsOf('AWS::IAM::Role', 'shop-prod-authRole')[0]).toEqual({
      arn: 'arn:aws:iam::222222222222:role/shop-prod-authRole',
      actions: ['sts:AssumeRole', 'iam:PassRole'],
    });
    expect(formsOf('AWS::SQS::Queue', 'https://sqs.eu-west-1.amazonaws.com/222222222222/orders')[0].arn).toBe(
      'arn:aws:sqs:eu-west-1:222222222222:orders',
    );
    expect(formsOf('AWS::Kinesis::Stream', 'clicks')[0].arn).toBe(
      'arn:aws:kinesis:eu-west-1:222222222222:stream/clicks',
    );
  });

  it('keeps an ARN that CloudFormation gives as the physical id, and adds the sub-resources of an API', () => {
    const topic = 'arn:aws:sns:eu-west-1:222222222222:alerts';
    expect(formsOf('AWS::SNS::Topic', topic)[0].arn).toBe(topic);
    const api = 'arn:aws:appsync:eu-west-1:222222222222:apis/abc123';
    expect(formsOf('AWS::AppSync::GraphQLApi', api).map((form) => form.arn)).toEqual([api, `${api}/*`]);
  });

  it('names the function secrets of an env with one wildcard parameter ARN and the three SSM reads', () => {
    const [form] = FUNCTION_SECRETS.forms;
    expect(form.arn('d1abc/prod', PROD)).toBe('arn:aws:ssm:eu-west-1:222222222222:parameter/amplify/d1abc/prod/*');
    expect(form.actions).toEqual(['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath']);
  });

  it('has one row per type, every action written service:Action without wildcards', () => {
    const types = RESOURCE_TYPES.map((row) => row.type);
    expect(new Set(types).size).toBe(types.length);
    for (const row of [...RESOURCE_TYPES, FUNCTION_SECRETS])
      for (const form of row.forms) for (const action of form.actions) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    expect(resourceTypeOf('AWS::Lambda::Permission')).toBeUndefined();
  });
});
