import { boundaryRow } from '../../src/boundary/show-report';
import { isVerified, summarizeVerification, type EnvVerification } from '../../src/boundary/verify-report';
import { GuardError } from '../../src/errors';
import { selectEnvs } from '../../src/flows/select-envs';
import { computeRoleCheck } from '../../src/flows/env-compute-role';
import { verifyEnv } from '../../src/flows/verify-env';
import { formatTable } from '../../src/format/table';
import type { Io } from '../../src/host/io';
import type { Command, CommandRuntime } from '../../src/host/runtime';
import type { Project } from '../../src/project/project';
import type { EnvRecord } from '../../src/project/team-provider-info';

/** Verifies one env: its deployed roles against the boundary team-provider-info (or the policy name) gives it. */
export const verifyProjectEnv = async (
  project: Project,
  env: EnvRecord,
  runtime: Pick<CommandRuntime, 'envSession' | 'io'>,
): Promise<EnvVerification & { computeRole: string }> => {
  const rootStack = env.stackName;
  if (!rootStack) {
    throw new GuardError('ResourceDoesNotExistError', {
      message: `Env "${env.name}" has no deployed root stack (no StackName in team-provider-info).`,
      resolution: `Run \`amplify env checkout ${env.name}\` and \`amplify push\` first.`,
    });
  }
  const session = await runtime.envSession(env);
  const expected = boundaryRow(env, project.config.boundary).boundary;
  const verification = await verifyEnv(env.name, expected, session.aws, rootStack, runtime.io.progress);
  const computeRole = await computeRoleCheck(project.paths, project.config, env, session.aws, expected);
  if (computeRole) verification.roles.push(computeRole);
  return { ...verification, computeRole: computeRole ? 'checked' : 'none in effect, or no Amplify Hosting app' };
};

/** Prints one env's verification as a table and a summary line. */
export const printVerification = (io: Io, verification: EnvVerification): void => {
  const table = formatTable(
    ['Role', 'Stack', 'Status', 'Permissions boundary'],
    verification.roles.map((role) => [role.role, role.stack, role.status, role.actual ?? '(none)']),
  );
  for (const line of table) io.print.info(line);
  const summary = summarizeVerification(verification);
  if (isVerified(verification)) io.print.success(summary);
  else io.print.warn(summary);
};

/** `amplify boundary verify`: proves the deployed roles carry the env's boundary; non-zero exit when any does not. */
export const verifyBoundary: Command = async (runtime) => {
  const { flags, io } = runtime;
  const project = await runtime.loadProject();
  const verifications: Array<EnvVerification & { computeRole: string }> = [];
  for (const env of selectEnvs(project, flags, { allowAll: true })) {
    verifications.push(await verifyProjectEnv(project, env, runtime));
  }
  if (flags.boolean('json')) io.out(`${JSON.stringify({ environments: verifications }, null, 2)}\n`);
  else {
    for (const verification of verifications) {
      printVerification(io, verification);
      if (verification.computeRole !== 'checked')
        io.print.info(`Compute role: not checked (${verification.computeRole}).`);
    }
  }
  const failed = verifications.filter((verification) => !isVerified(verification));
  if (failed.length > 0) {
    if (!flags.boolean('json')) {
      io.print.info(
        `Fix: \`amplify boundary set --env <env> --permissions-boundary <arn>\` if the expected boundary is wrong, then \`amplify push --force\` to re-apply it; roles not-found were deleted outside CloudFormation.`,
      );
    }
    return 'failed';
  }
  return 'done';
};
