import type { EnvSession } from '../../src/aws/env-session';
import { isBuildRun } from '../../src/boundary/build-fixes';
import { notConfiguredProblem } from '../../src/boundary/show-report';
import { GuardError } from '../../src/errors';
import { guardPush } from '../../src/flows/push-guard';
import { errorText } from '../../src/host/errors';
import type { Printer } from '../../src/host/io';
import type { CommandOf } from '../../src/host/runtime';
import { findEnv } from '../../src/project/project';

/**
 * `amplify boundary check`: the checks PrePush makes before a deployment, as a command — for paths that raise no
 * PrePush, such as `amplify publish` (its pre-publish hook runs this). Deploys nothing; fills a missing key as
 * PrePush would; exits 1 where PrePush would stop. Without usable credentials the checks that need no AWS call
 * still run, with a warning.
 */
export const checkPush: CommandOf<'boundary', 'check'> = async (runtime) => {
  const { flags, io, invocation } = runtime;
  const project = await runtime.loadProject();
  const env = findEnv(project, flags.string('env') ?? project.currentEnv);
  const json = flags.boolean('json');
  const warnings: string[] = [];
  const collected: Printer = {
    info: () => {},
    success: () => {},
    warn: (line) => warnings.push(line),
    error: (line) => warnings.push(line),
    blankLine: () => {},
  };
  const print = json ? collected : io.print;
  let session: Promise<EnvSession | undefined> | undefined;
  const openSession = (): Promise<EnvSession | undefined> =>
    (session ??= runtime.envSession(env).catch((error: unknown) => {
      print.warn(
        `amplify-iam-guard: AWS could not be asked with the credentials of env "${env.name}" (${errorText(error)}); only the checks that need no AWS call ran.`,
      );
      return undefined;
    }));
  try {
    const result = await guardPush({
      state: project,
      env,
      envVars: invocation.env,
      stopped: `A push or publish of env "${env.name}" would be stopped`,
      buildRun: isBuildRun(invocation.env) || env.boundary === undefined,
      print: () => Promise.resolve(print),
      session: openSession,
    });
    if (result.source === 'none') print.warn(notConfiguredProblem(env.name, false));
    if (json) {
      io.out(`${JSON.stringify({ env: env.name, ok: true, ...result, warnings }, null, 2)}\n`);
      return 'done';
    }
    io.print.success(
      `Env "${env.name}" may be pushed or published: ${result.boundary === '' ? 'no boundary' : `permissions boundary ${result.boundary}`} (from ${result.source}).`,
    );
    return 'done';
  } catch (error) {
    if (!json || !(error instanceof GuardError)) throw error;
    io.out(
      `${JSON.stringify({ env: env.name, ok: false, problem: error.message, resolution: error.resolution, warnings }, null, 2)}\n`,
    );
    return 'failed';
  }
};
