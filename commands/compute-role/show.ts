import { roleNameOf } from '../../src/flows/attach-inputs';
import { effectiveRole, openHosting } from '../../src/flows/hosting-target';
import { formatTable } from '../../src/format/table';
import type { Command } from '../../src/host/runtime';

/** `amplify compute-role show`: the app default and every branch's compute role, with each role's boundary. */
export const showComputeRoles: Command = async (runtime) => {
  const { flags, io } = runtime;
  const { appId, aws } = await openHosting(runtime);
  const [app, branches] = await Promise.all([aws.hosting.getApp(appId), aws.hosting.listBranches(appId)]);
  const boundaries = new Map<string, string | null>();
  const boundaryOf = async (roleArn: string | undefined): Promise<string | null> => {
    if (!roleArn) return null;
    if (!boundaries.has(roleArn)) {
      const role = await aws.roles.describe(roleNameOf(roleArn));
      boundaries.set(roleArn, role?.boundary ?? null);
    }
    return boundaries.get(roleArn) ?? null;
  };
  const report = {
    appId,
    appDefault: { roleArn: app.computeRoleArn ?? null, boundary: await boundaryOf(app.computeRoleArn) },
    branches: [] as Array<{
      branch: string;
      roleArn: string | null;
      boundary: string | null;
      effective: string | null;
    }>,
  };
  for (const branch of branches) {
    const effective = effectiveRole(branch, app.computeRoleArn) ?? null;
    report.branches.push({
      branch: branch.branchName,
      roleArn: branch.computeRoleArn ?? null,
      boundary: await boundaryOf(effective ?? undefined),
      effective,
    });
  }
  if (flags.boolean('json')) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  io.print.info(
    `App ${appId} default compute role: ${report.appDefault.roleArn ?? '(none)'}${report.appDefault.boundary ? ` (boundary ${report.appDefault.boundary})` : ''}`,
  );
  const table = formatTable(
    ['Branch', 'Compute role', 'In effect', 'Boundary of the role in effect'],
    report.branches.map((row) => [
      row.branch,
      row.roleArn ?? '(none)',
      row.effective ?? '(none)',
      row.boundary ?? '(none)',
    ]),
  );
  for (const line of table) io.print.info(line);
};
