import { boundaryRow } from '../boundary/show-report';
import { isVerified, summarizeVerification } from '../boundary/verify-report';
import { verifyEnv } from '../flows/verify-env';
import type { EventHandler } from '../host/run-event';
import { loadProjectState } from '../project/project';

/** PostPush: proves the deployed roles carry the env's boundary; not-ok roles are an error when required. */
export const postPush: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  const env = state.envs.find((candidate) => candidate.name === state.currentEnv);
  if (!env?.stackName) return;
  const expected = boundaryRow(env, state.config.boundary).boundary;
  const { required } = state.config.boundary;
  if (expected === '' && !required) return;
  const session = await runtime.envSession(env);
  const verification = await verifyEnv(env.name, expected, session.aws, env.stackName);
  const io = await runtime.io();
  const summary = `amplify-iam-guard: ${summarizeVerification(verification)}`;
  if (isVerified(verification)) {
    io.print.success(summary);
    return;
  }
  const hint = 'Run `amplify boundary verify` for the roles, then `amplify push --force` to re-apply the boundary.';
  if (required) {
    io.print.error(`${summary} ${hint}`);
    process.exitCode = 1;
  } else {
    io.print.warn(`${summary} ${hint}`);
  }
};
