/** Where the other env's resources live: their ARNs are built in this partition, region and account. */
export type ArnPlace = { partition: string; region: string; account: string };

/** One ARN form of a resource type, and the actions asked of IAM's simulator on it. */
export type ArnForm = { arn: (physicalId: string, place: ArnPlace) => string; actions: readonly string[] };

/** How `simulate` checks one CloudFormation type: its ARN forms (the first is the resource's own ARN). */
export type ResourceType = { type: string; forms: readonly [ArnForm, ...ArnForm[]] };

const regional =
  (service: string, resource: (id: string) => string) =>
  (id: string, { partition, region, account }: ArnPlace): string =>
    `arn:${partition}:${service}:${region}:${account}:${resource(id)}`;

// Some types give their ARN as the physical id, others a name; a given ARN is used as it is.
const arnOrBuilt =
  (build: (id: string, place: ArnPlace) => string) =>
  (id: string, place: ArnPlace): string =>
    id.startsWith('arn:') ? id : build(id, place);

const subResources =
  (own: ArnForm['arn']): ArnForm['arn'] =>
  (id, place) =>
    `${own(id, place)}/*`;

const table = regional('dynamodb', (name) => `table/${name}`);
const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const bucket = (name: string, { partition }: ArnPlace): string => `arn:${partition}:s3:::${name}`;
const graphqlApi = arnOrBuilt(regional('appsync', (id) => `apis/${id}`));
const GRAPHQL_ACTIONS = ['appsync:GraphQL', 'appsync:GetGraphqlApi'];
// CloudFormation names a queue by its URL, https://sqs.<region>.amazonaws.com/<account>/<name>.
const queueName = (id: string): string => id.split('/').pop() ?? id;

/**
 * What `simulate` checks of the other env, by CloudFormation type: the forms under which IAM policies name the
 * resource, and the actions whose denial proves that the env's roles cannot read or change it. Adding a type is
 * one row here.
 */
export const RESOURCE_TYPES: readonly ResourceType[] = [
  {
    type: 'AWS::DynamoDB::Table',
    forms: [
      { arn: table, actions: TABLE_ACTIONS },
      { arn: subResources(table), actions: TABLE_ACTIONS },
    ],
  },
  {
    type: 'AWS::S3::Bucket',
    forms: [
      { arn: bucket, actions: ['s3:ListBucket'] },
      { arn: subResources(bucket), actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] },
    ],
  },
  {
    type: 'AWS::Lambda::Function',
    forms: [
      {
        arn: arnOrBuilt(regional('lambda', (name) => `function:${name}`)),
        actions: ['lambda:InvokeFunction', 'lambda:UpdateFunctionCode'],
      },
    ],
  },
  {
    type: 'AWS::Cognito::UserPool',
    forms: [
      {
        arn: regional('cognito-idp', (id) => `userpool/${id}`),
        actions: [
          'cognito-idp:AdminGetUser',
          'cognito-idp:ListUsers',
          'cognito-idp:AdminCreateUser',
          'cognito-idp:AdminDeleteUser',
        ],
      },
    ],
  },
  {
    type: 'AWS::AppSync::GraphQLApi',
    forms: [
      { arn: graphqlApi, actions: GRAPHQL_ACTIONS },
      { arn: subResources(graphqlApi), actions: GRAPHQL_ACTIONS },
    ],
  },
  {
    type: 'AWS::IAM::Role',
    forms: [
      {
        arn: arnOrBuilt((name, { partition, account }) => `arn:${partition}:iam::${account}:role/${name}`),
        actions: ['sts:AssumeRole', 'iam:PassRole'],
      },
    ],
  },
  {
    type: 'AWS::SNS::Topic',
    forms: [{ arn: arnOrBuilt(regional('sns', (name) => name)), actions: ['sns:Publish'] }],
  },
  {
    type: 'AWS::SQS::Queue',
    forms: [
      {
        arn: arnOrBuilt(regional('sqs', queueName)),
        actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
      },
    ],
  },
  {
    type: 'AWS::Kinesis::Stream',
    forms: [
      {
        arn: arnOrBuilt(regional('kinesis', (name) => `stream/${name}`)),
        actions: ['kinesis:PutRecord', 'kinesis:GetRecords'],
      },
    ],
  },
];

/** The type `simulate` reports Amplify's function secrets under: they are SSM parameters, in no stack. */
export const FUNCTION_SECRETS_TYPE = 'AWS::SSM::Parameter';

/**
 * Amplify Gen 1 keeps an env's function secrets in SSM Parameter Store under `/amplify/<appId>/<env>/`; one
 * wildcard ARN covers them all, so no SSM call is needed to name them. Its "physical id" is `<appId>/<env>`.
 */
export const FUNCTION_SECRETS: ResourceType = {
  type: FUNCTION_SECRETS_TYPE,
  forms: [
    {
      arn: regional('ssm', (appAndEnv) => `parameter/amplify/${appAndEnv}/*`),
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
    },
  ],
};

/** The row of the table for a CloudFormation type; undefined for a type `simulate` does not check. */
export const resourceTypeOf = (type: string): ResourceType | undefined =>
  RESOURCE_TYPES.find((row) => row.type === type);
