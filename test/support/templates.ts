/** An `AWS::IAM::Role` resource for test templates: Lambda may assume it; a boundary only when given. */
export const roleResource = (name: unknown, boundary?: unknown) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    RoleName: name,
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    ...(boundary === undefined ? {} : { PermissionsBoundary: boundary }),
  },
});

/** An on-demand DynamoDB table keyed by `id`, as a template resource. */
export const tableResource = (name: string) => ({
  Type: 'AWS::DynamoDB::Table',
  Properties: {
    TableName: name,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
});
