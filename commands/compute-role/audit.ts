import {
  findBuildSpecWrites,
  findCredentials,
  fixableVariables,
  withoutVariables,
  type AuditTarget,
  type Finding,
} from '../../src/compute-role/audit';
import type { HostingTarget } from '../../src/aws/ports';
import { effectiveRole, openHosting } from '../../src/flows/hosting-target';
import { formatTable } from '../../src/format/table';
import type { Command } from '../../src/host/runtime';

/**
 * `amplify compute-role audit`: finds static AWS credentials in the app's and branches' environment
 * variables and build specs (masked, never printed); non-zero exit when it finds any. `--fix` removes the
 * variables matched by name or by an AKIA/ASIA value, once a compute role is in effect there.
 */
export const auditCredentials: Command = async (runtime) => {
  const { flags, io, invocation } = runtime;
  const { appId, aws } = await openHosting(runtime);
  const [app, branches] = await Promise.all([aws.hosting.getApp(appId), aws.hosting.listBranches(appId)]);
  const targets: Array<AuditTarget & { hosting: HostingTarget; roleInEffect: boolean }> = [
    {
      scope: 'app',
      variables: app.environmentVariables,
      buildSpec: app.buildSpec,
      hosting: { kind: 'app' },
      roleInEffect:
        Boolean(app.computeRoleArn) || (branches.length > 0 && branches.every((branch) => branch.computeRoleArn)),
    },
    ...branches.map((branch) => ({
      scope: 'branch' as const,
      branch: branch.branchName,
      variables: branch.environmentVariables,
      buildSpec: branch.buildSpec,
      hosting: { kind: 'branch' as const, branch: branch.branchName },
      roleInEffect: Boolean(effectiveRole(branch, app.computeRoleArn)),
    })),
  ];
  const findings: Finding[] = targets.flatMap(findCredentials);
  // A branch's build reads the app's variables too, so the app's findings count for every branch.
  const appFlagged = findings.filter((finding) => finding.scope === 'app').map((finding) => finding.variable);
  const buildSpecWrites = targets.flatMap((target) =>
    findBuildSpecWrites(target, [
      ...appFlagged,
      ...findings
        .filter((finding) => target.scope === 'branch' && finding.branch === target.branch)
        .map((finding) => finding.variable),
    ]),
  );
  const fixed: string[] = [];
  const blocked: string[] = [];
  if (flags.boolean('fix')) {
    for (const target of targets) {
      const remove = fixableVariables(findCredentials(target));
      if (remove.length === 0) continue;
      const where = target.scope === 'app' ? `app ${appId}` : `branch ${target.branch}`;
      if (!target.roleInEffect) {
        blocked.push(
          `${where}: ${remove.join(', ')} kept — no compute role is in effect there yet (\`amplify compute-role attach\` first).`,
        );
        continue;
      }
      if (invocation.interactive && !(await io.prompt.confirm(`Remove ${remove.join(', ')} from ${where}?`, true)))
        continue;
      await aws.hosting.setVariables(appId, target.hosting, withoutVariables(target.variables, remove));
      fixed.push(...remove.map((name) => `${where}: ${name}`));
    }
  }
  if (flags.boolean('json')) {
    io.out(
      `${JSON.stringify({ findings, buildSpecWrites, ...(flags.boolean('fix') ? { removed: fixed, kept: blocked } : {}) }, null, 2)}\n`,
    );
  } else if (findings.length === 0 && buildSpecWrites.length === 0) {
    io.print.success(`No static AWS credentials found in app ${appId} or its ${branches.length} branch(es).`);
  } else {
    for (const line of formatTable(
      ['Scope', 'Branch', 'Variable', 'Kind', 'Value'],
      findings.map((finding) => [finding.scope, finding.branch ?? '', finding.variable, finding.kind, finding.masked]),
    ))
      io.print.info(line);
    for (const write of buildSpecWrites)
      io.print.warn(
        `Build spec of ${write.scope === 'app' ? 'the app' : `branch ${write.branch ?? ''}`}, line ${write.line}, writes variables into a .env file: ${write.text}`,
      );
    for (const line of fixed) io.print.success(`Removed ${line}`);
    for (const line of blocked) io.print.warn(line);
    if (fixed.length > 0)
      io.print.info(
        'Now deactivate the IAM user’s access keys those variables held (IAM console, or `aws iam update-access-key --status Inactive`), and remove the .env lines from the build spec.',
      );
    else if (!flags.boolean('fix'))
      io.print.info(
        'Attach a compute role (`amplify compute-role attach`), then run `amplify compute-role audit --fix` to remove them.',
      );
  }
  const remaining = findings.filter(
    (finding) =>
      !fixed.includes(
        `${finding.scope === 'app' ? `app ${appId}` : `branch ${finding.branch ?? ''}`}: ${finding.variable}`,
      ),
  );
  return remaining.length > 0 || buildSpecWrites.length > 0 ? 'failed' : 'done';
};
