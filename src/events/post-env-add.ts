import { buildFixes, isBuildRun } from '../boundary/build-fixes';
import { BOUNDARY_ENV_VAR } from '../boundary/resolution';
import {
  checkRole,
  driftLines,
  isVerified,
  summarizeVerification,
  type EnvVerification,
} from '../boundary/verify-report';
import { checkBoundary } from '../flows/check-boundary';
import { ensureConfiguredRole } from '../flows/env-compute-role';
import type { Outcome } from '../host/outcome';
import type { EventHandler, EventRuntime } from '../host/run-event';
import { loadProjectState, type ProjectState } from '../project/project';
import { writeBoundaries, type EnvRecord } from '../project/team-provider-info';
import { BOUNDARY_OPTION } from './pre-init';

/**
 * PostEnvAdd and PostInit: the new env's stored boundary must be valid for its account, and its auth and
 * unauth roles must carry it. Problems are reported with the fix (never thrown: this is a post-event).
 */
export const postEnvAdd: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  const name = runtime.data.newEnvName ?? state.currentEnv;
  const env = state.envs.find((candidate) => candidate.name === name);
  // `amplify init --envName` raises PostEnvAdd and then PostInit for the same env: check it once.
  if (!env || runtime.memory.checkedEnvs.has(env.name)) return;
  runtime.memory.checkedEnvs.add(env.name);
  const outcome = await checkNewEnvBoundary(runtime, state, env);
  await ensureConfiguredRole(
    state.paths,
    state.config,
    env,
    async () => (await runtime.envSession(env)).aws,
    async () => (await runtime.io()).print,
  );
  return outcome;
};

/**
 * The CLI drops `--permissions-boundary ''` instead of storing it: records "none, on purpose" as `""` for a new env
 * given it (not one that got none only because nothing anywhere had one). Whether it wrote.
 */
export const recordNoneOnPurpose = async (
  runtime: EventRuntime,
  state: ProjectState,
  env: EnvRecord,
): Promise<boolean> => {
  if (
    env.boundary !== undefined ||
    runtime.options[BOUNDARY_OPTION] !== '' ||
    runtime.memory.unboundedByDefault.has(env.name)
  )
    return false;
  await writeBoundaries(state.paths, new Map([[env.name, '']]));
  return true;
};

const checkNewEnvBoundary = async (runtime: EventRuntime, state: ProjectState, env: EnvRecord): Promise<Outcome> => {
  if (await recordNoneOnPurpose(runtime, state, env)) return 'done';
  const previous = state.envs.find((candidate) => candidate.name === runtime.data.prevEnvName);
  const { policyName, required } = state.config.boundary;
  const stored = env.boundary ?? '';
  const expectedOne =
    required || policyName !== undefined || Boolean(previous?.boundary) || Boolean(runtime.env[BOUNDARY_ENV_VAR]);
  if (stored === '' && !expectedOne) return 'done';

  const io = await runtime.io();
  const build = isBuildRun(runtime.env) ? ` ${buildFixes(previous?.boundary || undefined)}` : '';
  const fix = `\`amplify boundary set --env ${env.name} --permissions-boundary <arn>\` (or \`amplify boundary resolve --env ${env.name}\` to find it), then \`amplify env checkout ${env.name}\` and \`amplify push --force\`.${build}`;
  if (stored === '') {
    io.print.error(
      `Env "${env.name}" was created without a permissions boundary, but ${previous?.boundary ? `env "${previous.name}" has ${previous.boundary}` : 'this project expects one (amplify/iam-guard.json or AMPLIFY_PERMISSIONS_BOUNDARY_ARN)'}. Fix: ${fix}`,
    );
    return 'failed';
  }
  const session = await runtime.envSession(env);
  const verdict = await checkBoundary(stored, session.target, session.aws.iam);
  let outcome: Outcome = 'done';
  if (!verdict.valid) {
    io.print.error(
      `amplify-iam-guard: env "${env.name}": ${verdict.problem}${verdict.suggestion ? ` The same policy in this env's account is ${verdict.suggestion}.` : ''} Fix: ${fix}`,
    );
    outcome = 'failed';
  } else if (verdict.warning) io.print.warn(verdict.warning);
  const roles = await Promise.all(
    [env.authRoleName, env.unauthRoleName]
      .filter((role): role is string => Boolean(role))
      .map(async (role) =>
        checkRole(stored, { role, stack: env.stackName ?? '', ...(await session.aws.iam.roleBoundary(role)) }),
      ),
  );
  let verification: EnvVerification = { env: env.name, expected: stored, policyExists: null, roles };
  if (isVerified(verification)) {
    if (outcome === 'done')
      io.print.success(
        `amplify-iam-guard: env "${env.name}" has permissions boundary ${stored}; its auth and unauth roles carry it.`,
      );
    return outcome;
  }
  // An off role gets the cause and fix verify gives it: a boundary removed outside CloudFormation is repaired by
  // `verify --fix`, never by another push.
  if (env.stackName) {
    const { explainRoles } = await import('../flows/diagnose-env');
    verification = await explainRoles(verification, {
      paths: state.paths,
      env: { ...env, stackName: env.stackName },
      session,
      current: env.name === state.currentEnv,
    });
  }
  io.print.error(`amplify-iam-guard: ${summarizeVerification(verification)}`);
  for (const line of driftLines(verification)) io.print.error(`  ${line}`);
  return 'failed';
};
