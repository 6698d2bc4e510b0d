import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  paginateListAttachedRolePolicies,
  paginateListRolePolicies,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { INLINE_POLICY_NAME } from '../compute-role/plan';
import { parsePolicyDocument } from '../compute-role/trust';
import { callAws, isAwsError } from './errors';
import type { RoleInfo, RolesPort } from './ports';

const collect = async <P, T>(pages: AsyncIterable<P>, pick: (page: P) => T[] | undefined): Promise<T[]> => {
  const items: T[] = [];
  for await (const page of pages) items.push(...(pick(page) ?? []));
  return items;
};

/** The IAM role operations of the compute-role commands, backed by an SDK v3 client. */
export const createRolesPort = (client: IAMClient, env?: string): RolesPort => {
  const call = <T>(action: string, roleName: string, send: () => Promise<T>): Promise<T> =>
    callAws({ action, resource: roleName, env }, send);
  const listPolicies = async (roleName: string): Promise<{ managed: string[]; inline: string[] }> => ({
    managed: await call('iam:ListAttachedRolePolicies', roleName, () =>
      collect(paginateListAttachedRolePolicies({ client }, { RoleName: roleName }), (page) =>
        page.AttachedPolicies?.flatMap((policy) => (policy.PolicyArn ? [policy.PolicyArn] : [])),
      ),
    ),
    inline: await call('iam:ListRolePolicies', roleName, () =>
      collect(paginateListRolePolicies({ client }, { RoleName: roleName }), (page) => page.PolicyNames),
    ),
  });

  return {
    async describe(roleName): Promise<RoleInfo | undefined> {
      let role;
      try {
        role = (await client.send(new GetRoleCommand({ RoleName: roleName }))).Role;
      } catch (error) {
        if (isAwsError(error, 'NoSuchEntity*')) return undefined;
        return call('iam:GetRole', roleName, () => Promise.reject(error as Error));
      }
      if (!role?.Arn || !role.RoleName) return undefined;
      const { managed, inline } = await listPolicies(roleName);
      const pluginInline = inline.includes(INLINE_POLICY_NAME)
        ? await call('iam:GetRolePolicy', roleName, () =>
            client.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName: INLINE_POLICY_NAME })),
          )
        : undefined;
      return {
        arn: role.Arn,
        name: role.RoleName,
        trustPolicy: parsePolicyDocument(role.AssumeRolePolicyDocument),
        boundary: role.PermissionsBoundary?.PermissionsBoundaryArn,
        tags: Object.fromEntries((role.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
        managedPolicies: managed,
        inlinePolicies: inline,
        pluginInlineDocument: pluginInline?.PolicyDocument
          ? decodeURIComponent(pluginInline.PolicyDocument)
          : undefined,
      };
    },
    async create(role) {
      const { Role } = await call('iam:CreateRole', role.name, () =>
        client.send(
          new CreateRoleCommand({
            RoleName: role.name,
            AssumeRolePolicyDocument: role.trustPolicy,
            Description: role.description,
            PermissionsBoundary: role.boundary || undefined,
            Tags: Object.entries(role.tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
      );
      return Role?.Arn ?? '';
    },
    attachPolicy: async (roleName, policyArn) => {
      await call('iam:AttachRolePolicy', roleName, () =>
        client.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })),
      );
    },
    detachPolicy: async (roleName, policyArn) => {
      await call('iam:DetachRolePolicy', roleName, () =>
        client.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policyArn })),
      );
    },
    putInlinePolicy: async (roleName, policyName, document) => {
      await call('iam:PutRolePolicy', roleName, () =>
        client.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: document })),
      );
    },
    deleteInlinePolicy: async (roleName, policyName) => {
      await call('iam:DeleteRolePolicy', roleName, () =>
        client.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: policyName })),
      );
    },
    setBoundary: async (roleName, boundary) => {
      await (boundary
        ? call('iam:PutRolePermissionsBoundary', roleName, () =>
            client.send(new PutRolePermissionsBoundaryCommand({ RoleName: roleName, PermissionsBoundary: boundary })),
          )
        : call('iam:DeleteRolePermissionsBoundary', roleName, () =>
            client.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: roleName })),
          ));
    },
    tag: async (roleName, tags) => {
      await call('iam:TagRole', roleName, () =>
        client.send(
          new TagRoleCommand({
            RoleName: roleName,
            Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
          }),
        ),
      );
    },
    async delete(roleName) {
      const { managed, inline } = await listPolicies(roleName);
      for (const policyArn of managed) await this.detachPolicy(roleName, policyArn);
      for (const policyName of inline) await this.deleteInlinePolicy(roleName, policyName);
      await call('iam:DeleteRole', roleName, () => client.send(new DeleteRoleCommand({ RoleName: roleName })));
    },
  };
};
