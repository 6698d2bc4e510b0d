import { roleNameOf } from '../../src/compute-role/role-arn';
import { branchEffects } from '../../src/flows/role-effects';
import { openHosting } from '../../src/flows/hosting-target';
import { formatTable } from '../../src/format/table';
import type { CommandOf } from '../../src/host/runtime';

const STATE_WORDS = { 'in-effect': 'in effect', pending: 'pending (next deployment)', none: '' } as const;

/**
 * `amplify compute-role show`: the app default and every branch's compute role, with each role's boundary, and
 * whether the branch already runs with it (`pending` when it was set after the branch's last deployment).
 */
export const showComputeRoles: CommandOf<'compute-role', 'show'> = async (runtime) => {
  const { flags, io } = runtime;
  const { project, appId, aws } = await openHosting(runtime, runtime.flags.string('env'));
  const [app, branches] = await Promise.all([aws.hosting.getApp(appId), aws.hosting.listBranches(appId)]);
  const effects = await branchEffects(aws.hosting, project.config, appId, app, branches);
  const boundaries = new Map<string, Promise<string | null>>();
  const boundaryOf = (roleArn: string | undefined): Promise<string | null> => {
    if (!roleArn) return Promise.resolve(null);
    if (!boundaries.has(roleArn))
      boundaries.set(
        roleArn,
        aws.roles.describe(roleNameOf(roleArn)).then((role) => role?.boundary ?? null),
      );
    return boundaries.get(roleArn) ?? Promise.resolve(null);
  };
  const report = {
    appId,
    appDefault: { roleArn: app.computeRoleArn ?? null, boundary: await boundaryOf(app.computeRoleArn) },
    branches: await Promise.all(
      branches.map(async (branch) => {
        const effect = effects.get(branch.branchName);
        return {
          branch: branch.branchName,
          roleArn: branch.computeRoleArn ?? null,
          boundary: await boundaryOf(effect?.effective),
          effective: effect?.effective ?? null,
          state: effect?.effect ?? 'none',
          lastDeployment: effect?.lastDeployment?.toISOString() ?? null,
        };
      }),
    ),
  };
  if (flags.boolean('json')) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
    return 'done';
  }
  io.print.info(
    `App ${appId} default compute role: ${report.appDefault.roleArn ?? '(none)'}${report.appDefault.boundary ? ` (boundary ${report.appDefault.boundary})` : ''}`,
  );
  const table = formatTable(
    ['Branch', 'Compute role', 'Role it runs with', 'State', 'Boundary of that role'],
    report.branches.map((row) => [
      row.branch,
      row.roleArn ?? '(none)',
      row.effective ?? '(none)',
      STATE_WORDS[row.state],
      row.boundary ?? '(none)',
    ]),
  );
  for (const line of table) io.print.info(line);
  if (report.branches.some((row) => row.state === 'pending'))
    io.print.warn(
      'A pending role was set after the branch last deployed: the running app still uses the role it was deployed with until the next deployment (`amplify compute-role attach --redeploy`).',
    );
  return 'done';
};
