import type { EnvSession } from '../aws/env-session';
import type { EnvVerification } from '../boundary/verify-report';
import type { Progress } from '../host/io';
import type { GuardConfig } from '../project/guard-config';
import type { ProjectPaths } from '../project/paths';
import { readDeployedBoundary } from '../project/deployed-state';
import { readDeployedResources, resourceTemplateFiles } from '../project/templates';
import type { EnvRecord } from '../project/team-provider-info';
import { computeRoleCheck } from './env-compute-role';
import { explainComputeRole, explainDrift } from './explain-drift';
import { verifyEnv } from './verify-env';

/** What verify found for one env: every role with a cause on those not `ok`, and whether a compute role was checked. */
export type EnvDiagnosis = { verification: EnvVerification; computeRoleChecked: boolean };

/** Where the env is and what it should carry. */
export type DiagnoseInput = {
  paths: ProjectPaths;
  config: GuardConfig;
  env: EnvRecord & { stackName: string };
  session: EnvSession;
  expected: string;
  /** The env is the checked-out one. */
  current: boolean;
  /** Where to show how far reading the roles has come. */
  progress?: Progress;
};

/** What explaining off roles of an env needs: where the project is, the env, its session, and whether it is checked out. */
export type ExplainInput = Pick<DiagnoseInput, 'paths' | 'env' | 'session' | 'current'>;

/** Gives every role of a verification that is not `ok` its cause, source and fix, as `verify` reports them. */
export const explainRoles = async (
  verification: EnvVerification,
  { paths, env, session, current }: ExplainInput,
): Promise<EnvVerification> =>
  explainDrift(verification, {
    aws: session.aws,
    target: session.target,
    rootStack: env.stackName,
    current,
    localPrevious: () => readDeployedBoundary(paths),
    deployed: await readDeployedResources(paths),
    templateFileOf: async (resource) => (await resourceTemplateFiles(paths, resource))?.[0],
  });

/** Verifies an env's stack roles and its compute role, and explains every role that is not `ok`. */
export const diagnoseEnv = async ({
  paths,
  config,
  env,
  session,
  expected,
  current,
  progress,
}: DiagnoseInput): Promise<EnvDiagnosis> => {
  const { aws } = session;
  const verification = await explainRoles(await verifyEnv(env.name, expected, aws, env.stackName, progress), {
    paths,
    env,
    session,
    current,
  });
  const computeRole = await computeRoleCheck(paths, config, env, aws, expected);
  if (computeRole) verification.roles.push(explainComputeRole(computeRole, env.name, expected, current));
  return { verification, computeRoleChecked: computeRole !== undefined };
};
