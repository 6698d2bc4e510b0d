import { boundaryRow } from '../boundary/show-report';
import { driftLines, isVerified, summarizeVerification } from '../boundary/verify-report';
import type { Outcome } from '../host/outcome';
import type { EventHandler, EventRuntime } from '../host/run-event';
import { loadProjectState, type ProjectState } from '../project/project';
import type { EnvRecord } from '../project/team-provider-info';
import { withDeadline } from '../util/deadline';

/** How long PostPush may take in all: a plugin never hangs a push. */
export const POST_PUSH_LIMIT_MS = 60_000;

/**
 * PostPush: proves the deployed roles carry the env's boundary, naming the cause and fix of each that does not (it
 * never repairs: that is `verify --fix`, after a person saw the plan); not-ok roles are an error when required.
 * A check that has not finished within the limit is a warning (an error when required), never a hung push.
 */
export const createPostPush =
  (limitMs: number = POST_PUSH_LIMIT_MS): EventHandler =>
  async (runtime) => {
    const state = await loadProjectState(runtime.cwd);
    const env = state.envs.find((candidate) => candidate.name === state.currentEnv);
    const stackName = env?.stackName;
    if (!env || !stackName || runtime.memory.provedEnvs.has(env.name)) return;
    runtime.memory.provedEnvs.add(env.name);
    const outcome = await withDeadline(limitMs, () => checkPushedEnv(runtime, state, { ...env, stackName }));
    if (outcome.finished) return outcome.value;
    const { required } = state.config.boundary;
    const print = (await runtime.io()).print;
    (required ? print.error : print.warn)(
      `amplify-iam-guard: the check of env "${env.name}" did not finish within ${limitMs / 1000} s, so its roles are not proven. Run \`amplify boundary verify --env ${env.name}\` to finish it.`,
    );
    return required ? 'failed' : 'done';
  };

/** The CLI's PostPush handler. */
export const postPush: EventHandler = createPostPush();

const checkPushedEnv = async (
  runtime: EventRuntime,
  state: ProjectState,
  env: EnvRecord & { stackName: string },
): Promise<Outcome | void> => {
  const expected = boundaryRow(env, state.config.boundary).boundary;
  const { required } = state.config.boundary;
  const aws = async () => (await runtime.envSession(env)).aws;
  const print = async () => (await runtime.io()).print;
  // The compute-role planners load only for an env that has a compute role to keep attached.
  if (state.config.environments[env.name]?.computeRole) {
    const { ensureConfiguredRole } = await import('../flows/env-compute-role');
    await ensureConfiguredRole(state.paths, state.config, env, aws, print);
  }
  if (expected === '' && !required) return;
  // Loaded only when there are roles to prove, with the verification and drift planners behind it.
  const { diagnoseEnv } = await import('../flows/diagnose-env');
  const { verification } = await diagnoseEnv({
    paths: state.paths,
    config: state.config,
    env,
    session: await runtime.envSession(env),
    expected,
    current: true,
  });
  const io = await runtime.io();
  const summary = `amplify-iam-guard: ${summarizeVerification(verification)}`;
  if (isVerified(verification)) {
    io.print.success(summary);
    return;
  }
  const report = required ? io.print.error : io.print.warn;
  report(summary);
  for (const line of driftLines(verification)) report(`  ${line}`);
  return required ? 'failed' : 'done';
};
