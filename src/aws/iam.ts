import { GetPolicyCommand, GetRoleCommand, paginateListPolicies, type IAMClient } from '@aws-sdk/client-iam';
import { callAws, isAwsError, translateAwsError } from './errors';
import type { IamPort, PolicySummary } from './ports';

/** The IAM port backed by an SDK v3 client. */
export const createIamPort = (client: IAMClient, env?: string, pageSize = 1000): IamPort => ({
  async policyExists(arn) {
    try {
      await client.send(new GetPolicyCommand({ PolicyArn: arn }));
      return 'exists';
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntity*')) return 'missing';
      if (isAwsError(error, 'AccessDenied*')) return 'denied';
      throw translateAwsError(error, { action: 'iam:GetPolicy', resource: arn, env });
    }
  },

  async listCustomerPolicies() {
    return callAws({ action: 'iam:ListPolicies', env }, async () => {
      const policies: PolicySummary[] = [];
      for await (const page of paginateListPolicies({ client, pageSize }, { Scope: 'Local' })) {
        for (const policy of page.Policies ?? []) {
          if (policy.Arn && policy.PolicyName) {
            policies.push({
              arn: policy.Arn,
              name: policy.PolicyName,
              path: policy.Path ?? '/',
              description: policy.Description,
            });
          }
        }
      }
      return policies.sort((a, b) => a.name.localeCompare(b.name));
    });
  },

  async roleBoundary(roleName) {
    try {
      const { Role } = await client.send(new GetRoleCommand({ RoleName: roleName }));
      return { found: true, boundary: Role?.PermissionsBoundary?.PermissionsBoundaryArn, arn: Role?.Arn };
    } catch (error) {
      if (isAwsError(error, 'NoSuchEntity*')) return { found: false };
      throw translateAwsError(error, { action: 'iam:GetRole', resource: roleName, env });
    }
  },
});
