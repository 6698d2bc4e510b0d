import { BOUNDARY_ENV_VAR } from '../../src/boundary/resolution';
import { GuardError } from '../../src/errors';
import { resolutionInput, resolutionError, resolveBoundary } from '../../src/flows/resolve-boundary';
import type { CommandOf } from '../../src/host/runtime';
import { findEnv, loadProjectState } from '../../src/project/project';

/**
 * `amplify boundary resolve`: prints, as the last line of stdout, the boundary an env (or a new env using a
 * profile) would get at init — for `amplify env add --yes … --permissions-boundary "$(… | tail -n 1)"`.
 */
export const resolveCommand: CommandOf<'boundary', 'resolve'> = async (runtime) => {
  const { flags, invocation, io } = runtime;
  const profile = flags.string('profile');
  const envName = flags.string('env');
  if (profile !== undefined && envName !== undefined) {
    throw new GuardError('InputValidationError', {
      message: `--env ${envName} and --profile ${profile} were both given.`,
      resolution: 'Give --env <env> for an existing env, or --profile <aws profile> for a new env using that profile.',
    });
  }
  const state = await loadProjectState(invocation.cwd);
  let session;
  if (profile !== undefined) {
    session = await runtime.accessSession(`new env (profile ${profile})`, { profile });
  } else {
    const name = envName ?? state.currentEnv;
    if (name === undefined) {
      throw new GuardError('ProjectNotInitializedError', {
        message: 'There is no Amplify environment here to resolve the boundary for.',
        resolution: 'Give --profile <aws profile> for the account of the new env, or run it in an initialised project.',
      });
    }
    session = await runtime.envSession(findEnv(state, name));
  }
  const input = resolutionInput(state, session.target, {
    flag: flags.string('permissions-boundary'),
    envVar: invocation.env[BOUNDARY_ENV_VAR],
  });
  const resolution = await resolveBoundary(input, session.aws.iam);
  if (resolution.kind === 'invalid') throw resolutionError(resolution, input);
  if (resolution.warning) io.err(`Warning: ${resolution.warning}\n`);
  io.out(`${resolution.arn}\n`);
};
