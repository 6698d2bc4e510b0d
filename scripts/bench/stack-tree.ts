import { CloudFormationClient, ListStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import type { StaticCredentials } from '../../src/aws/ports';
import { addToRootStack } from '../../test/support/root-stack';

/** The shape of the env the benchmark verifies: nested stacks under the root, roles in each. */
export type TreeShape = { nestedStacks: number; rolesPerStack: number };

const trustLambda = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

const nestedTemplate = (stack: number, roles: number, boundary: string) => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: Object.fromEntries(
    Array.from({ length: roles }, (_, index) => [
      `Role${index}`,
      {
        Type: 'AWS::IAM::Role',
        Properties: {
          RoleName: `bench-s${stack}-role${index}`,
          AssumeRolePolicyDocument: trustLambda,
          PermissionsBoundary: boundary,
        },
      },
    ]),
  ),
});

/**
 * Grows an env's deployed root stack into a tree: nested templates are uploaded to moto's S3 with plain
 * HTTP PUTs, then the root stack is updated with its own parameters and resources plus one
 * `AWS::CloudFormation::Stack` per nested template. Returns the number of roles in the tree.
 */
export const growStackTree = async (options: {
  motoUrl: string;
  credentials: StaticCredentials;
  rootStack: string;
  bucket: string;
  boundary: string;
  shape: TreeShape;
}): Promise<number> => {
  const { motoUrl, credentials, rootStack, bucket, boundary, shape } = options;
  const cloudformation = new CloudFormationClient({ region: 'us-east-1', endpoint: motoUrl, credentials });
  const nested: Record<string, unknown> = {};
  for (let stack = 0; stack < shape.nestedStacks; stack += 1) {
    const key = `bench/nested-${stack}.json`;
    const response = await fetch(`${motoUrl}/${bucket}/${key}`, {
      method: 'PUT',
      body: JSON.stringify(nestedTemplate(stack, shape.rolesPerStack, boundary)),
    });
    if (!response.ok) throw new Error(`Uploading ${key} to moto's S3 failed: ${response.status}`);
    nested[`BenchNested${stack}`] = {
      Type: 'AWS::CloudFormation::Stack',
      Properties: { TemplateURL: `https://s3.amazonaws.com/${bucket}/${key}` },
    };
  }
  await addToRootStack(cloudformation, rootStack, nested);
  return countRoles(cloudformation, rootStack);
};

const countRoles = async (cloudformation: CloudFormationClient, stack: string): Promise<number> => {
  const { StackResourceSummaries = [] } = await cloudformation.send(
    new ListStackResourcesCommand({ StackName: stack }),
  );
  let roles = 0;
  for (const resource of StackResourceSummaries) {
    if (resource.ResourceType === 'AWS::IAM::Role') roles += 1;
    if (resource.ResourceType === 'AWS::CloudFormation::Stack' && resource.PhysicalResourceId)
      roles += await countRoles(cloudformation, resource.PhysicalResourceId);
  }
  return roles;
};
