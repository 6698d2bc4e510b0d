import { GetRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StaticCredentials } from '../../../src/aws/ports';
import type { AmplifyFake } from '../../fakes/amplify-fake';

/** The project files the plugin may write, byte for byte (`null` when absent). */
export const projectFiles = async (project: string): Promise<Record<string, string | null>> => {
  const files: Record<string, string | null> = {};
  for (const file of ['amplify/team-provider-info.json', 'amplify/iam-guard.json'])
    files[file] = await readFile(join(project, file), 'utf8').catch(() => null);
  return files;
};

/** Every role of an account with the boundary it carries (`GetRole`, since `ListRoles` leaves boundaries out). */
export const roleBoundaries = async (
  endpoint: string,
  credentials: StaticCredentials,
): Promise<Record<string, string | null>> => {
  const iam = new IAMClient({ region: 'us-east-1', endpoint, credentials });
  const { Roles = [] } = await iam.send(new ListRolesCommand({}));
  const boundaries: Record<string, string | null> = {};
  for (const { RoleName } of Roles) {
    const { Role } = await iam.send(new GetRoleCommand({ RoleName }));
    boundaries[RoleName ?? ''] = Role?.PermissionsBoundary?.PermissionsBoundaryArn ?? null;
  }
  return boundaries;
};

/** The environment variables and compute role of every app and branch the fake holds. */
export const hostingState = (fake: AmplifyFake): unknown =>
  [...fake.apps.values()].map((app) => ({
    app: app.appId,
    computeRoleArn: app.computeRoleArn ?? null,
    variables: { ...app.environmentVariables },
    branches: [...app.branches.values()].map((branch) => ({
      branch: branch.branchName,
      computeRoleArn: branch.computeRoleArn ?? null,
      variables: { ...branch.environmentVariables },
    })),
  }));
