import { EXPECTED_FORM, parsePolicyArn } from '../boundary/arn';
import { buildFixes, isBuildRun } from '../boundary/build-fixes';
import { BOUNDARY_ENV_VAR } from '../boundary/resolution';
import { refusalFor } from '../boundary/set-plan';
import { GuardError } from '../errors';
import { checkBoundary } from '../flows/check-boundary';
import { pickBoundary } from '../flows/pick-boundary';
import { resolutionError, resolutionInput, resolveBoundary } from '../flows/resolve-boundary';
import type { EventHandler } from '../host/run-event';
import { loadProjectState } from '../project/project';
import { newEnvAccess, newEnvName } from './providers';

/** The option the CLI's own init reads, stores in team-provider-info and applies to the env's root stack. */
export const BOUNDARY_OPTION = 'permissions-boundary';

/**
 * PreInit: resolves the new env's boundary (flag, environment variable, current env, policy name) before the CLI creates anything, and hands it to the
 * CLI's own init through the `permissions-boundary` option ('' for none), so the CLI never falls back to its
 * own inheritance. Invalid values stop init here.
 */
export const preInit: EventHandler = async (runtime) => {
  const { options } = runtime;
  const state = await loadProjectState(runtime.cwd);
  const envName = newEnvName(options);
  const isNewEnv =
    envName !== undefined ? !state.envs.some((env) => env.name === envName) : state.currentEnv === undefined;
  if (!isNewEnv) return;

  const raw = options[BOUNDARY_OPTION];
  if (raw === true) {
    throw new GuardError('InputValidationError', {
      message: '--permissions-boundary needs a value but got none.',
      resolution: "Give --permissions-boundary <arn>, or --permissions-boundary '' for no boundary, on purpose.",
    });
  }
  const flag = typeof raw === 'string' ? raw : undefined;
  const envVar = runtime.env[BOUNDARY_ENV_VAR] || undefined;
  const current = state.envs.find((env) => env.name === state.currentEnv);
  const { policyName, required } = state.config.boundary;
  if (flag === undefined && !envVar && !current?.boundary && policyName === undefined && !required) {
    if (envName) runtime.memory.unboundedByDefault.add(envName);
    runtime.setOption(BOUNDARY_OPTION, '');
    return;
  }
  if (flag === '' && !required) {
    // None on purpose: nothing to check, so no AWS call.
    (await runtime.io()).print.info(
      `amplify-iam-guard: env "${envName ?? 'new'}" gets no permissions boundary, on purpose.`,
    );
    return;
  }

  const access = newEnvAccess(options, runtime.interactive);
  if (!access) {
    // Interactive init without --providers: the account is chosen later, so the CLI asks and PostEnvAdd checks.
    const given = flag || envVar;
    const parsed = given ? parsePolicyArn(given) : undefined;
    if (parsed && !parsed.ok) {
      throw new GuardError('InputValidationError', {
        message: `"${given}" is not a valid IAM policy ARN: ${parsed.problem}.`,
        resolution: `Give --permissions-boundary ${EXPECTED_FORM}, or '' for no boundary, on purpose.`,
      });
    }
    return;
  }
  const session = await runtime.accessSession(envName ?? 'new env', access);
  const target = { ...session.target, env: envName ?? session.target.env };
  const input = resolutionInput(state, target, { flag, envVar });
  const resolution = await resolveBoundary(input, session.aws.iam);
  const io = await runtime.io();
  let arn: string;
  if (resolution.kind === 'resolved') {
    arn = resolution.arn;
    if (resolution.warning) io.print.warn(resolution.warning);
  } else if (resolution.strict || !runtime.interactive) {
    const stop = resolutionError(resolution, input);
    // A build cannot answer with a flag it does not control: name what it can set instead.
    if (!isBuildRun(runtime.env)) throw stop;
    throw new GuardError(stop.name, {
      message: stop.message,
      resolution: `${stop.resolution} ${buildFixes()}`,
    });
  } else {
    io.print.warn(resolutionError(resolution, input).message);
    arn = await pickBoundary(io.prompt, session.aws.iam, target, undefined);
    const refusal = refusalFor(
      [{ env: target.env, verdict: await checkBoundary(arn, target, session.aws.iam) }],
      (env, suggestion) => `amplify init --envName ${env} --permissions-boundary ${suggestion}`,
    );
    if (refusal) throw refusal;
  }
  runtime.setOption(BOUNDARY_OPTION, arn);
  io.print.info(
    arn === ''
      ? `amplify-iam-guard: env "${target.env}" (account ${target.account}) gets no permissions boundary.`
      : `amplify-iam-guard: env "${target.env}" (account ${target.account}) gets permissions boundary ${arn}${resolution.kind === 'resolved' ? ` (from the ${resolution.source})` : ''}.`,
  );
};
