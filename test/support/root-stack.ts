import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeStacksCommand, GetTemplateCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';

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
