import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeStacksCommand, GetTemplateCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { roleResource, tableResource } from './templates';

/**
 * Adds resources to an env's deployed root stack, as a later push would: the same template and parameter values,
 * plus these resources (moto deploys the update at once).
 */
export const addToRootStack = async (
  cloudformation: CloudFormationClient,
  rootStack: string,
  resources: Record<string, unknown>,
): Promise<void> => {
  const { TemplateBody } = await cloudformation.send(new GetTemplateCommand({ StackName: rootStack }));
  const { Stacks } = await cloudformation.send(new DescribeStacksCommand({ StackName: rootStack }));
  const template = JSON.parse(TemplateBody ?? '{}') as { Resources: Record<string, unknown> };
  template.Resources = { ...template.Resources, ...resources };
  await cloudformation.send(
    new UpdateStackCommand({
      StackName: rootStack,
      TemplateBody: JSON.stringify(template),
      Parameters: (Stacks?.[0]?.Parameters ?? []).map(({ ParameterKey }) => ({ ParameterKey, UsePreviousValue: true })),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
    }),
  );
};

// What a push of a function allowed on every table adds: the table `Todo-<env>` and the function's role.
const functionAndTable = (project: string, env: string, boundary: string): Record<string, unknown> => {
  const role = roleResource(`${project}-${env}-fnRole`, boundary);
  return {
    TodoTable: tableResource(`Todo-${env}`),
    FunctionRole: {
      ...role,
      Properties: {
        ...role.Properties,
        Policies: [
          {
            PolicyName: 'tables',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }],
            },
          },
        ],
      },
    },
  };
};

/**
 * Adds to a pushed env of the project in `projectDir` what a push of a function allowed on every table would: the
 * table `Todo-<env>` and the role `<project>-<env>-fnRole` carrying the env's boundary, so that a role of one env
 * has something of another env to reach.
 */
export const addFunctionAndTable = async (
  cloudformation: CloudFormationClient,
  projectDir: string,
  project: string,
  env: string,
): Promise<void> => {
  const tpi = JSON.parse(await readFile(join(projectDir, 'amplify/team-provider-info.json'), 'utf8')) as Record<
    string,
    { awscloudformation: { StackName: string; PermissionsBoundaryPolicyArn: string } }
  >;
  const { StackName, PermissionsBoundaryPolicyArn } = tpi[env].awscloudformation;
  await addToRootStack(cloudformation, StackName, functionAndTable(project, env, PermissionsBoundaryPolicyArn));
};
