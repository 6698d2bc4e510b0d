import { describePlan, planRepairs } from '../../src/boundary/fix-plan';
import { boundaryRow, notConfiguredProblem } from '../../src/boundary/show-report';
import { driftLines, isVerified, summarizeVerification, type EnvVerification } from '../../src/boundary/verify-report';
import { GuardError } from '../../src/errors';
import { diagnoseEnv } from '../../src/flows/diagnose-env';
import { applyRepairs, type RepairResult } from '../../src/flows/repair-roles';
import { selectEnvs } from '../../src/flows/select-envs';
import { formatTable } from '../../src/format/table';
import type { Io } from '../../src/host/io';
import type { CommandOf, CommandRuntime, RuntimeOf } from '../../src/host/runtime';
import type { Project } from '../../src/project/project';
import type { EnvRecord } from '../../src/project/team-provider-info';

/** The question `verify --fix` asks at a terminal before it changes any role; "no" is the default. */
export const REPAIR_QUESTION = "Put the env's permissions boundary on the roles listed above?";

/** One env's verification as `verify` reports it. */
export type VerifiedEnv = EnvVerification & { computeRole: string };

/** Verifies one env: its deployed roles against the boundary team-provider-info (or the policy name) gives it. */
export const verifyProjectEnv = async (
  project: Project,
  env: EnvRecord,
  runtime: Pick<CommandRuntime<never>, 'envSession' | 'io'>,
): Promise<VerifiedEnv> => {
  const rootStack = env.stackName;
  if (!rootStack) {
    throw new GuardError('ResourceDoesNotExistError', {
      message: `Env "${env.name}" has no deployed root stack (no StackName in team-provider-info).`,
      resolution: `Run \`amplify env checkout ${env.name}\` and \`amplify push\` first.`,
    });
  }
  const session = await runtime.envSession(env);
  const row = boundaryRow(env, project.config.boundary);
  const expected = row.boundary;
  const { verification, computeRoleChecked } = await diagnoseEnv({
    paths: project.paths,
    config: project.config,
    env: { ...env, stackName: rootStack },
    session,
    expected,
    current: env.name === project.currentEnv,
    progress: runtime.io.progress,
  });
  return {
    ...verification,
    ...(row.source === 'none' ? { configured: false } : {}),
    computeRole: computeRoleChecked ? 'checked' : 'none in effect, or no Amplify Hosting app',
    ...(session.aws.requests ? { requests: session.aws.requests() } : {}),
  };
};

/** Prints one env's verification as a table, a summary line, and one fix line per role that is not `ok`. */
export const printVerification = (io: Io, verification: EnvVerification): void => {
  const table = formatTable(
    ['Role', 'Stack', 'Status', 'Permissions boundary', 'Cause'],
    verification.roles.map((role) => [role.role, role.stack, role.status, role.actual ?? '(none)', role.cause ?? '']),
  );
  for (const line of table) io.print.info(line);
  const summary = summarizeVerification(verification);
  if (verification.configured === false) {
    // Roles without a boundary are `ok` against none, but nothing chose none: that is the state to warn about.
    io.print.warn(summary);
    io.print.warn(notConfiguredProblem(verification.env, false));
  } else if (isVerified(verification)) io.print.success(summary);
  else io.print.warn(summary);
  for (const line of driftLines(verification)) io.print.info(`  ${line}`);
};

const verifyAll = async (
  project: Project,
  envs: EnvRecord[],
  runtime: RuntimeOf<'boundary', 'verify'>,
): Promise<VerifiedEnv[]> => {
  const verified: VerifiedEnv[] = [];
  for (const env of envs) verified.push(await verifyProjectEnv(project, env, runtime));
  return verified;
};

const report = (runtime: RuntimeOf<'boundary', 'verify'>, verifications: VerifiedEnv[]): void => {
  const { io, flags } = runtime;
  if (flags.boolean('json')) {
    io.out(`${JSON.stringify({ environments: verifications }, null, 2)}\n`);
    return;
  }
  for (const verification of verifications) {
    printVerification(io, verification);
    if (verification.computeRole !== 'checked')
      io.print.info(`Compute role: not checked (${verification.computeRole}).`);
  }
};

// Under --json stdout carries only the result, so the failure goes to stderr there.
const printRepairFailure = (io: Io, failed: RepairResult, json: boolean): void => {
  const reason = failed.error instanceof Error ? failed.error.message : String(failed.error);
  const lines = [
    `Env "${failed.env}": the repair stopped: ${reason}`,
    `  Repaired: ${failed.repaired.join(', ') || 'none'}.`,
    `  Not repaired: ${failed.notRepaired.join(', ')}.`,
  ];
  for (const line of lines) {
    if (json) io.err(`${line}\n`);
    else io.print.error(line);
  }
};

/**
 * `amplify boundary verify [--fix [--yes]]`: proves the deployed roles carry the env's boundary and names the cause
 * and fix of each that does not; `--fix` repairs what is safe after showing the plan. Non-zero exit when any role
 * is still not `ok`.
 */
export const verifyBoundary: CommandOf<'boundary', 'verify'> = async (runtime) => {
  const { flags, io, invocation } = runtime;
  const project = await runtime.loadProject();
  const envs = selectEnvs(project, flags, { allowAll: true });
  let verifications = await verifyAll(project, envs, runtime);
  const allOk = (): boolean => verifications.every(isVerified);
  if (!flags.boolean('fix')) {
    report(runtime, verifications);
    return allOk() ? 'done' : 'failed';
  }

  const plans = verifications.map(planRepairs);
  const human = !flags.boolean('json');
  if (human) for (const line of plans.flatMap(describePlan)) io.print.info(line);
  const toRepair = plans.filter((plan) => plan.repair.length > 0);
  if (toRepair.length === 0) {
    report(runtime, verifications);
    if (human) io.print.info('Nothing was changed.');
    return allOk() ? 'done' : 'failed';
  }
  if (!invocation.yes) {
    const count = toRepair.reduce((sum, plan) => sum + plan.repair.length, 0);
    if (!invocation.interactive) {
      throw new GuardError('InputValidationError', {
        message: `verify --fix would put a permissions boundary on ${count} role(s), but this run cannot ask for confirmation (no terminal, or CI); nothing was changed.`,
        resolution: 'Review the plan, then run `amplify boundary verify --fix --yes` (with the same --env/--all-envs).',
      });
    }
    if (!(await io.prompt.confirm(REPAIR_QUESTION, false))) {
      io.print.info('Nothing was changed.');
      return 'failed';
    }
  }

  const results: RepairResult[] = [];
  io.progress.start('Putting the permissions boundary on roles…');
  try {
    for (const plan of toRepair) {
      const env = envs.find((candidate) => candidate.name === plan.env)!;
      results.push(await applyRepairs(plan, (await runtime.envSession(env)).aws.roles));
    }
  } finally {
    io.progress.stop();
  }
  if (human) {
    for (const result of results) {
      if (result.repaired.length > 0)
        io.print.success(`Env "${result.env}": put the boundary on ${result.repaired.join(', ')}.`);
    }
  }
  const failures = results.filter((result) => result.error !== undefined);
  for (const failed of failures) printRepairFailure(io, failed, !human);

  if (human) io.print.info('Verifying again after the repair:');
  verifications = await verifyAll(project, envs, runtime);
  report(runtime, verifications);
  return failures.length === 0 && allOk() ? 'done' : 'failed';
};
