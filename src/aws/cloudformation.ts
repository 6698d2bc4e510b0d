import {
  DescribeStacksCommand,
  GetTemplateCommand,
  paginateListStackResources,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { callAws } from './errors';
import type { StackResource, StacksPort } from './ports';

/** The CloudFormation port backed by an SDK v3 client. */
export const createStacksPort = (client: CloudFormationClient, env?: string): StacksPort => ({
  listResources: (stack) =>
    callAws({ action: 'cloudformation:ListStackResources', resource: stack, env }, async () => {
      const resources: StackResource[] = [];
      for await (const page of paginateListStackResources({ client }, { StackName: stack })) {
        for (const summary of page.StackResourceSummaries ?? []) {
          if (summary.LogicalResourceId && summary.ResourceType) {
            resources.push({
              logicalId: summary.LogicalResourceId,
              type: summary.ResourceType,
              physicalId: summary.PhysicalResourceId,
            });
          }
        }
      }
      return resources;
    }),
  getTemplate: (stack) =>
    callAws({ action: 'cloudformation:GetTemplate', resource: stack, env }, async () => {
      const { TemplateBody } = await client.send(new GetTemplateCommand({ StackName: stack }));
      return TemplateBody ?? '';
    }),
  describeStack: (stack) =>
    callAws({ action: 'cloudformation:DescribeStacks', resource: stack, env }, async () => {
      const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stack }));
      const found = Stacks?.[0];
      return {
        parameters: Object.fromEntries(
          (found?.Parameters ?? []).flatMap((parameter) =>
            parameter.ParameterKey ? [[parameter.ParameterKey, parameter.ParameterValue ?? '']] : [],
          ),
        ),
        parentId: found?.ParentId,
      };
    }),
});
