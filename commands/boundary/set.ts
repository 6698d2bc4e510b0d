import {
  describeChange,
  nextSteps,
  planChange,
  refusalFor,
  requestedArn,
  requestFromFlags,
  type EnvVerdict,
} from '../../src/boundary/set-plan';
import { GuardError } from '../../src/errors';
import { checkBoundary } from '../../src/flows/check-boundary';
import { envTarget } from '../../src/flows/env-target';
import { pickBoundary } from '../../src/flows/pick-boundary';
import { selectEnvs } from '../../src/flows/select-envs';
import type { CommandOf } from '../../src/host/runtime';
import { writePolicyName } from '../../src/project/guard-config';
import { writeBoundaries } from '../../src/project/team-provider-info';

/** `amplify boundary set`: validate a boundary for each chosen env, then record it in team-provider-info. */
export const setBoundary: CommandOf<'boundary', 'set'> = async (runtime) => {
  const { flags, invocation, io } = runtime;
  const project = await runtime.loadProject();
  const envs = selectEnvs(project, flags, { allowAll: true });
  const request = requestFromFlags({
    permissionsBoundary: flags.string('permissions-boundary'),
    policyName: flags.string('policy-name'),
    policyPath: flags.string('policy-path'),
  });
  if (!request && !invocation.interactive) {
    throw new GuardError('InputValidationError', {
      message: 'No boundary was given, and this run cannot ask for one (--yes, no terminal on stdin, or CI).',
      resolution:
        "Add --permissions-boundary <arn> (or '' for no boundary, on purpose), or --policy-name <name> for the policy of that name in each env's account.",
    });
  }
  if (request?.kind === 'none' && project.config.boundary.required) {
    throw new GuardError('InputValidationError', {
      message: `${project.paths.guardConfig} sets "boundary.required": true, so a boundary cannot be removed.`,
      resolution:
        'Give --permissions-boundary <arn>, or set "boundary.required" to false in amplify/iam-guard.json first.',
    });
  }
  const check = !flags.boolean('no-check');
  const verdicts: EnvVerdict[] = [];
  for (const env of envs) {
    const session = check || !request ? await runtime.envSession(env) : undefined;
    const target = session?.target ?? (await envTarget(env, runtime));
    const value = request
      ? requestedArn(request, target)
      : await pickBoundary(io.prompt, (await runtime.envSession(env)).aws.iam, target, env.boundary);
    if (value === '' && project.config.boundary.required) {
      throw new GuardError('InputValidationError', {
        message: `${project.paths.guardConfig} sets "boundary.required": true, so env "${env.name}" needs a boundary.`,
        resolution: 'Pick a policy, or set "boundary.required" to false in amplify/iam-guard.json first.',
      });
    }
    verdicts.push({ env: env.name, verdict: await checkBoundary(value, target, check ? session?.aws.iam : undefined) });
  }
  const refusal = refusalFor(verdicts, (env, arn) => `amplify boundary set --env ${env} --permissions-boundary ${arn}`);
  if (refusal) throw refusal;

  const changes = verdicts.map(({ env, verdict }) =>
    planChange(env, envs.find((record) => record.name === env)?.boundary, verdict.arn),
  );
  const changed = changes.filter((change) => change.status !== 'unchanged');
  if (changed.length > 0)
    await writeBoundaries(project.paths, new Map(changed.map((change) => [change.env, change.after])));
  if (request?.kind === 'policy-name' && (await writePolicyName(project.paths, request.name, request.path))) {
    io.print.info(
      `Recorded policy name "${request.path}${request.name}" in amplify/iam-guard.json; new environments inherit it.`,
    );
  }

  for (const { verdict } of verdicts) if (verdict.valid && verdict.warning) io.print.warn(verdict.warning);
  for (const change of changes) {
    if (change.status === 'unchanged') io.print.info(describeChange(change));
    else io.print.success(describeChange(change));
  }
  for (const line of nextSteps(changed, project.currentEnv)) io.print.info(line);
};
