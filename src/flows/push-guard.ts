import type { EnvSession } from '../aws/env-session';
import { buildFixes } from '../boundary/build-fixes';
import { decidePrePush, type PrePushInput } from '../boundary/pre-push-plan';
import { BOUNDARY_ENV_VAR } from '../boundary/resolution';
import { arnFromPolicyName, type EnvTarget } from '../boundary/target';
import { checkOffline } from '../boundary/validity';
import { GuardError } from '../errors';
import type { Printer, Prompter } from '../host/io';
import { readDeployedBoundary } from '../project/deployed-state';
import type { ProjectState } from '../project/project';
import { writeBoundaries, type EnvRecord } from '../project/team-provider-info';

/** What guarding a push of one env needs: the project, the env, where to print, and the env's AWS session. */
export type PushGuardInput = {
  state: ProjectState;
  env: EnvRecord;
  /** The process environment (AMPLIFY_PERMISSIONS_BOUNDARY_ARN). */
  envVars: Readonly<Record<string, string | undefined>>;
  /** How a stop begins: what was (or would be) stopped. */
  stopped: string;
  /** Messages name the fixes that work in a build (no terminal, no team-provider-info of its own). */
  buildRun: boolean;
  print: () => Promise<Printer>;
  /** Present only where a person can answer: a push that would strip the boundary asks instead of stopping. */
  prompt?: () => Promise<Prompter>;
  /** The env's AWS session; undefined when there are no usable credentials (only the offline checks run). */
  session: () => Promise<EnvSession | undefined>;
};

/** What the guard found: the boundary the push deploys with, where it came from, and whether it wrote it. */
export type PushGuardResult = { boundary: string; source: string; wrote: boolean };

const setCommand = (env: string, arn: string): string =>
  `amplify boundary set --env ${env} --permissions-boundary ${arn}`;

const knownTarget = (env: EnvRecord): EnvTarget | undefined =>
  env.account && env.region ? { env: env.name, account: env.account, region: env.region } : undefined;

/**
 * The guard before any deployment of an env, shared by PrePush and `amplify boundary check`: an invalid boundary
 * stops; a missing key is filled from AMPLIFY_PERMISSIONS_BOUNDARY_ARN or iam-guard.json, or — when the env last
 * deployed one — the push is stopped (or a person asked) rather than let it strip the boundary from every role;
 * templates that would deploy a role with another boundary or none are named. It never deploys anything.
 */
export const guardPush = async (input: PushGuardInput): Promise<PushGuardResult> => {
  const { state, env } = input;
  const { policyName, policyPath, required } = state.config.boundary;
  const withBuildFixes = (resolution: string, arn?: string): string => resolutionFor(input, resolution, arn);
  const plan: PrePushInput = {
    env: env.name,
    stored: env.boundary,
    envVar: input.envVars[BOUNDARY_ENV_VAR] || undefined,
    required,
  };
  if (env.boundary === undefined && plan.envVar === undefined && policyName !== undefined) {
    const target = (await input.session())?.target ?? knownTarget(env);
    if (target) plan.policyNameArn = arnFromPolicyName(policyName, policyPath, target);
    else
      (await input.print()).warn(
        `amplify-iam-guard: the policy name "${policyName}" of amplify/iam-guard.json cannot be resolved for env "${env.name}": its account is not known without credentials.`,
      );
  }
  let decision = decidePrePush(plan);
  if (decision.kind === 'look-up-deployed') decision = decidePrePush({ ...plan, deployed: await deployed(input) });

  switch (decision.kind) {
    case 'nothing':
    case 'look-up-deployed':
      return {
        boundary: env.boundary ?? '',
        source: env.boundary === undefined ? 'none' : 'team-provider-info',
        wrote: false,
      };
    case 'stop-required':
      throw new GuardError('InputValidationError', {
        message: `${input.stopped}: amplify/iam-guard.json requires a permissions boundary, but env "${env.name}" has none.`,
        resolution: withBuildFixes(`${setCommand(env.name, '<arn>')}, then push again.`),
      });
    case 'would-strip': {
      const message = `Env "${env.name}" was deployed with permissions boundary ${decision.deployed}, but team-provider-info has no boundary for it: a push would strip the boundary from every IAM role.`;
      if (!input.prompt) {
        throw new GuardError('InputValidationError', {
          message: `${input.stopped}: ${message}`,
          resolution: withBuildFixes(
            `Keep it: \`${setCommand(env.name, decision.deployed)}\`; or remove it on purpose: \`${setCommand(env.name, "''")}\`. Then push again.`,
            decision.deployed,
          ),
        });
      }
      (await input.print()).warn(message);
      const keep = await (
        await input.prompt()
      ).pick(
        'What should this push do with the boundary?',
        [
          { name: `Keep ${decision.deployed} (recommended)`, value: true },
          { name: 'Remove the boundary from every role, on purpose', value: false },
        ],
        0,
      );
      const arn = keep ? decision.deployed : '';
      await fill(input, arn, keep ? 'the last deployment' : 'your answer');
      return { boundary: arn, source: keep ? 'the last deployment' : 'your answer', wrote: true };
    }
    case 'fill':
      await fill(input, decision.arn, decision.source);
      return { boundary: decision.arn, source: decision.source, wrote: true };
    case 'check': {
      if (decision.warning) (await input.print()).warn(decision.warning);
      if (decision.arn !== '') {
        await ensureValid(input, decision.arn);
        await checkTemplates(input, decision.arn);
      }
      return { boundary: decision.arn, source: 'team-provider-info', wrote: false };
    }
  }
};

const deployed = async (input: PushGuardInput): Promise<string | null | undefined> => {
  const local = await readDeployedBoundary(input.state.paths);
  if (local !== undefined) return local;
  if (!input.env.authRoleName) return null;
  const session = await input.session();
  if (!session) {
    (await input.print()).warn(
      `amplify-iam-guard: whether env "${input.env.name}" was deployed with a boundary is not known without credentials (no local copy of its last deployment).`,
    );
    return null;
  }
  const role = await session.aws.iam.roleBoundary(input.env.authRoleName);
  return role.found ? (role.boundary ?? null) : null;
};

const resolutionFor = (input: PushGuardInput, resolution: string, arn?: string): string =>
  input.buildRun ? `${resolution} ${buildFixes(arn)}` : resolution;

// Loaded only when the env has a boundary to check: an idle push loads no more than it needs to decide.
const ensureValid = async (input: PushGuardInput, arn: string): Promise<void> => {
  const { env } = input;
  const [{ checkBoundary }, { refusalFor }] = await Promise.all([
    import('./check-boundary'),
    import('../boundary/set-plan'),
  ]);
  const session = await input.session();
  const target = session?.target ?? knownTarget(env);
  if (!target) return;
  const verdict = session ? await checkBoundary(arn, target, session.aws.iam) : checkOffline(arn, target);
  const refusal = refusalFor([{ env: env.name, verdict }], setCommand);
  if (refusal) {
    throw new GuardError('InputValidationError', {
      message: `${input.stopped}: ${refusal.message}`,
      resolution: resolutionFor(
        input,
        `${refusal.resolution} Then push again.`,
        verdict.valid ? undefined : verdict.suggestion,
      ),
    });
  }
  if (verdict.valid && verdict.warning) (await input.print()).warn(verdict.warning);
};

// Loaded only when the env has a boundary, so that a push without one never loads the template parser.
const checkTemplates = async (input: PushGuardInput, arn: string): Promise<void> => {
  const { checkSourceTemplates } = await import('./check-templates');
  await checkSourceTemplates(input.state.paths, input.env.name, arn, input.state.config.boundary.required, input.print);
};

const fill = async (input: PushGuardInput, arn: string, source: string): Promise<void> => {
  const { env } = input;
  if (arn !== '') {
    await ensureValid(input, arn);
    await checkTemplates(input, arn);
  }
  await writeBoundaries(input.state.paths, new Map([[env.name, arn]]));
  (await input.print()).info(
    arn === ''
      ? `amplify-iam-guard: recorded no boundary ("") for env "${env.name}" in team-provider-info (from ${source}).`
      : `amplify-iam-guard: wrote permissions boundary ${arn} for env "${env.name}" to team-provider-info (from ${source}).`,
  );
};
