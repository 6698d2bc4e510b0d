import { boundaryRow } from '../boundary/show-report';
import { driftLines, isVerified, summarizeVerification } from '../boundary/verify-report';
import { diagnoseEnv } from '../flows/diagnose-env';
import { ensureConfiguredRole } from '../flows/env-compute-role';
import type { EventHandler } from '../host/run-event';
import { loadProjectState } from '../project/project';

/**
 * PostPush: proves the deployed roles carry the env's boundary, naming the cause and fix of each that does not (it
 * never repairs: that is `verify --fix`, after a person saw the plan); not-ok roles are an error when required.
 */
export const postPush: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  const env = state.envs.find((candidate) => candidate.name === state.currentEnv);
  if (!env?.stackName) return;
  const expected = boundaryRow(env, state.config.boundary).boundary;
  const { required } = state.config.boundary;
  const aws = async () => (await runtime.envSession(env)).aws;
  const print = async () => (await runtime.io()).print;
  await ensureConfiguredRole(state.paths, state.config, env, aws, print);
  if (expected === '' && !required) return;
  const { verification } = await diagnoseEnv({
    paths: state.paths,
    config: state.config,
    env: { ...env, stackName: env.stackName },
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
