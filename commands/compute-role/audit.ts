import { auditPlaces, planAudit, remainingFindings } from '../../src/compute-role/audit-plan';
import { branchEffects } from '../../src/flows/role-effects';
import { openHosting } from '../../src/flows/hosting-target';
import { formatTable } from '../../src/format/table';
import type { CommandOf } from '../../src/host/runtime';

/**
 * `amplify compute-role audit`: finds static AWS credentials in the app's and branches' environment
 * variables and build specs (masked, never printed); non-zero exit when it finds any. `--fix` removes the
 * variables matched by name or by an AKIA/ASIA value, once a compute role is in effect there.
 */
export const auditCredentials: CommandOf<'compute-role', 'audit'> = async (runtime) => {
  const { flags, io, invocation } = runtime;
  const fix = flags.boolean('fix');
  const { project, appId, aws } = await openHosting(runtime);
  const [app, branches] = await Promise.all([aws.hosting.getApp(appId), aws.hosting.listBranches(appId)]);
  const effects = fix ? await branchEffects(aws.hosting, project.config, appId, app, branches) : undefined;
  const plan = planAudit(
    appId,
    auditPlaces(
      { variables: app.environmentVariables, buildSpec: app.buildSpec, computeRoleArn: app.computeRoleArn },
      branches.map((branch) => ({
        branch: branch.branchName,
        variables: branch.environmentVariables,
        buildSpec: branch.buildSpec,
        effect: effects?.get(branch.branchName)?.effect ?? 'none',
      })),
    ),
    fix,
  );
  // Before any further AWS call: an error quoting the variables must never show a secret.
  for (const secret of plan.secrets) io.secrets.add(secret);

  const removed: string[] = [];
  for (const change of plan.fixes) {
    if (
      invocation.interactive &&
      !(await io.prompt.confirm(`Remove ${change.remove.join(', ')} from ${change.where}?`, true))
    )
      continue;
    await aws.hosting.setVariables(appId, change.hosting, change.variables);
    removed.push(...change.remove.map((name) => `${change.where}: ${name}`));
  }
  const { findings, buildSpecWrites, kept } = plan;
  if (flags.boolean('json')) {
    io.out(`${JSON.stringify({ findings, buildSpecWrites, ...(fix ? { removed, kept } : {}) }, null, 2)}\n`);
  } else if (findings.length === 0 && buildSpecWrites.length === 0) {
    io.print.success(`No static AWS credentials found in app ${appId} or its ${branches.length} branch(es).`);
  } else {
    const rows = findings.map((finding) => [
      finding.scope,
      finding.branch ?? '',
      finding.variable,
      finding.kind,
      finding.masked,
    ]);
    for (const line of formatTable(['Scope', 'Branch', 'Variable', 'Kind', 'Value'], rows)) io.print.info(line);
    for (const write of buildSpecWrites)
      io.print.warn(
        `Build spec of ${write.scope === 'app' ? 'the app' : `branch ${write.branch ?? ''}`}, line ${write.line}, writes variables into a .env file: ${write.text}`,
      );
    for (const line of removed) io.print.success(`Removed ${line}`);
    for (const line of kept) io.print.warn(line);
    if (removed.length > 0)
      io.print.info(
        'Now deactivate the IAM user’s access keys those variables held (IAM console, or `aws iam update-access-key --status Inactive`), and remove the .env lines from the build spec. The running app keeps the old variables until its next deployment.',
      );
    else if (!fix)
      io.print.info(
        'Attach a compute role (`amplify compute-role attach --redeploy`), then once it is in effect run `amplify compute-role audit --fix` to remove them.',
      );
  }
  return remainingFindings(appId, findings, removed).length > 0 || buildSpecWrites.length > 0 ? 'failed' : 'done';
};
