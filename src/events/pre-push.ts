import { decidePrePush, type PrePushInput } from '../boundary/pre-push-plan';
import { BOUNDARY_ENV_VAR } from '../boundary/resolution';
import { arnFromPolicyName } from '../boundary/target';
import { GuardError } from '../errors';
import type { EventHandler, EventRuntime } from '../host/run-event';
import { readDeployedBoundary } from '../project/deployed-state';
import { loadProjectState, type ProjectState } from '../project/project';
import { writeBoundaries, type EnvRecord } from '../project/team-provider-info';

const setCommand = (env: string, arn: string): string =>
  `amplify boundary set --env ${env} --permissions-boundary ${arn}`;

const deployedBoundary = async (state: ProjectState, env: EnvRecord, runtime: EventRuntime): Promise<string | null> => {
  const local = await readDeployedBoundary(state.paths);
  if (local !== undefined) return local;
  if (!env.authRoleName) return null;
  const role = await (await runtime.envSession(env)).aws.iam.roleBoundary(env.authRoleName);
  return role.found ? (role.boundary ?? null) : null;
};

/**
 * PrePush: the guard before any deployment. An invalid boundary stops the push; a missing key is filled from
 * AMPLIFY_PERMISSIONS_BOUNDARY_ARN or iam-guard.json, or — when the env last deployed one — the push is
 * stopped (or, at a terminal, the user asked) rather than letting it strip the boundary from every role.
 */
export const prePush: EventHandler = async (runtime) => {
  const state = await loadProjectState(runtime.cwd);
  const env = state.envs.find((candidate) => candidate.name === state.currentEnv);
  if (!env) return;
  const { policyName, policyPath, required } = state.config.boundary;
  const input: PrePushInput = {
    env: env.name,
    stored: env.boundary,
    envVar: runtime.env[BOUNDARY_ENV_VAR] || undefined,
    required,
  };
  if (env.boundary === undefined && input.envVar === undefined && policyName !== undefined) {
    input.policyNameArn = arnFromPolicyName(policyName, policyPath, (await runtime.envSession(env)).target);
  }
  let decision = decidePrePush(input);
  if (decision.kind === 'look-up-deployed')
    decision = decidePrePush({ ...input, deployed: await deployedBoundary(state, env, runtime) });

  switch (decision.kind) {
    case 'nothing':
    case 'look-up-deployed':
      return;
    case 'stop-required':
      throw new GuardError('InputValidationError', {
        message: `amplify/iam-guard.json requires a permissions boundary, but env "${env.name}" has none.`,
        resolution: `${setCommand(env.name, '<arn>')}, then push again.`,
      });
    case 'would-strip': {
      const io = await runtime.io();
      const message = `Env "${env.name}" was deployed with permissions boundary ${decision.deployed}, but team-provider-info has no boundary for it: this push would strip the boundary from every IAM role.`;
      if (!runtime.interactive) {
        throw new GuardError('InputValidationError', {
          message,
          resolution: `Keep it: \`${setCommand(env.name, decision.deployed)}\`; or remove it on purpose: \`${setCommand(env.name, "''")}\`. Then push again.`,
        });
      }
      io.print.warn(message);
      const keep = await io.prompt.pick(
        'What should this push do with the boundary?',
        [
          { name: `Keep ${decision.deployed} (recommended)`, value: true },
          { name: 'Remove the boundary from every role, on purpose', value: false },
        ],
        0,
      );
      await fill(runtime, state, env, keep ? decision.deployed : '', keep ? 'the last deployment' : 'your answer');
      return;
    }
    case 'fill':
      await fill(runtime, state, env, decision.arn, decision.source);
      return;
    case 'check': {
      if (decision.warning) (await runtime.io()).print.warn(decision.warning);
      if (decision.arn !== '') {
        await ensureValid(runtime, env, decision.arn);
        await checkTemplates(runtime, state, env, decision.arn);
      }
      return;
    }
  }
};

// Loaded only when the env has a boundary to check: an idle push loads no more than it needs to decide.
const ensureValid = async (runtime: EventRuntime, env: EnvRecord, arn: string): Promise<void> => {
  const [{ checkBoundary }, { refusalFor }] = await Promise.all([
    import('../flows/check-boundary'),
    import('../boundary/set-plan'),
  ]);
  const session = await runtime.envSession(env);
  const verdict = await checkBoundary(arn, session.target, session.aws.iam);
  const refusal = refusalFor([{ env: env.name, verdict }], setCommand);
  if (refusal) {
    throw new GuardError('InputValidationError', {
      message: `The push was stopped before deploying anything: ${refusal.message}`,
      resolution: `${refusal.resolution} Then push again.`,
    });
  }
  if (verdict.valid && verdict.warning) (await runtime.io()).print.warn(verdict.warning);
};

// Loaded only when the env has a boundary, so that a push without one never loads the template parser.
const checkTemplates = async (
  runtime: EventRuntime,
  state: ProjectState,
  env: EnvRecord,
  arn: string,
): Promise<void> => {
  const { checkSourceTemplates } = await import('../flows/check-templates');
  const print = async () => (await runtime.io()).print;
  await checkSourceTemplates(state.paths, env.name, arn, state.config.boundary.required, print);
};

const fill = async (
  runtime: EventRuntime,
  state: ProjectState,
  env: EnvRecord,
  arn: string,
  source: string,
): Promise<void> => {
  if (arn !== '') {
    await ensureValid(runtime, env, arn);
    await checkTemplates(runtime, state, env, arn);
  }
  await writeBoundaries(state.paths, new Map([[env.name, arn]]));
  (await runtime.io()).print.info(
    arn === ''
      ? `amplify-iam-guard: recorded no boundary ("") for env "${env.name}" in team-provider-info (from ${source}).`
      : `amplify-iam-guard: wrote permissions boundary ${arn} for env "${env.name}" to team-provider-info (from ${source}).`,
  );
};
