import { boundaryRow } from '../boundary/show-report';
import { isVerified, summarizeVerification } from '../boundary/verify-report';
import { computeRoleCheck, ensureConfiguredRole } from '../flows/env-compute-role';
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
  const aws = async () => (await runtime.envSession(env)).aws;
  const print = async () => (await runtime.io()).print;
  await ensureConfiguredRole(state.paths, state.config, env, aws, print);
  if (expected === '' && !required) return;
  const verification = await verifyEnv(env.name, expected, await aws(), env.stackName);
  const computeRole = await computeRoleCheck(state.paths, state.config, env, await aws(), expected);
  if (computeRole) verification.roles.push(computeRole);
  const io = await runtime.io();
  const summary = `amplify-iam-guard: ${summarizeVerification(verification)}`;
  if (isVerified(verification)) {
    io.print.success(summary);
    return;
  }
  const hint = 'Run `amplify boundary verify` for the roles, then `amplify push --force` to re-apply the boundary.';
  if (required) {
    io.print.error(`${summary} ${hint}`);
    return 'failed';
  }
  io.print.warn(`${summary} ${hint}`);
  return 'done';
};
