import type { EnvSession } from '../aws/env-session';
import { partitionOfRegion } from '../boundary/partition';
import { roleNameOf } from '../compute-role/role-arn';
import { GuardFault } from '../errors';
import type { SimulateMode } from '../boundary/simulate-input';
import { planAgainst, planPairs, type Principal, type SimulationPlan } from '../boundary/simulation-plan';
import { classify, type Finding } from '../boundary/simulation-report';
import type { SimulatedRole } from '../boundary/simulation-summary';
import { silentProgress, type Progress } from '../host/io';
import type { GuardConfig } from '../project/guard-config';
import type { ProjectPaths } from '../project/paths';
import type { EnvRecord } from '../project/team-provider-info';
import { mapLimit } from '../util/map-limit';
import { appIdOrNone, computeRoleInEffect } from './env-compute-role';
import { findStackResources, walkStackRoles } from './verify-env';

/** SimulatePrincipalPolicy calls in flight at once: IAM throttles its simulator sooner than its reads. */
export const SIMULATE_CONCURRENCY = 4;

/** A pushed env with the session its own credentials opened. */
export type SessionEnv = { env: EnvRecord & { stackName: string }; session: EnvSession };

/** What `simulate` reads and asks. */
export type SimulateInput = {
  paths: ProjectPaths;
  config: GuardConfig;
  /** The env whose roles are simulated. */
  own: SessionEnv;
  /** Its expected boundary (`''`: none). */
  expected: string;
  mode: SimulateMode;
  /** The other env, opened with its own credentials; only with `--against`. */
  other?: SessionEnv;
  progress?: Progress;
};

/** What `simulate` found: the roles asked about, what was asked, and every (role, action, resource) outcome. */
export type Simulation = {
  roles: SimulatedRole[];
  /** Roles of the stacks that IAM no longer has (deleted outside CloudFormation): nothing to simulate. */
  rolesNotFound: string[];
  plan: SimulationPlan;
  findings: Finding[];
};

const readRoles = async (
  input: Pick<SimulateInput, 'paths' | 'config' | 'own' | 'expected'>,
): Promise<{ roles: SimulatedRole[]; rolesNotFound: string[] }> => {
  const { aws } = input.own.session;
  const [stackRoles, computeRole] = await Promise.all([
    walkStackRoles(aws, input.own.env.stackName, async ({ role }) => ({
      role,
      ...(await aws.iam.roleBoundary(role)),
    })),
    computeRoleInEffect(input.paths, input.config, input.own.env, aws.hosting),
  ]);
  const read = [...stackRoles];
  if (computeRole) {
    const role = roleNameOf(computeRole.roleArn);
    if (!read.some((one) => one.role === role)) read.push({ role, ...(await aws.iam.roleBoundary(role)) });
  }
  const roles: SimulatedRole[] = [];
  const rolesNotFound: string[] = [];
  for (const one of read) {
    if (!one.found || !one.arn) {
      rolesNotFound.push(one.role);
      continue;
    }
    const boundary = one.boundary ?? null;
    roles.push({ role: one.role, arn: one.arn, boundary, carriesEnvBoundary: boundary === (input.expected || null) });
  }
  return { roles, rolesNotFound };
};

const readPlan = async (input: SimulateInput, principals: Promise<Principal[]>): Promise<SimulationPlan> => {
  const { mode, other } = input;
  if (mode.kind === 'pairs') return planPairs({ principals: await principals, ...mode });
  if (!other)
    throw new GuardFault('UnknownFault', { message: 'simulate --against ran without the other env’s session.' });
  const { region, account } = other.session.target;
  const [resources, appId] = await Promise.all([
    findStackResources(other.session.aws, other.env.stackName),
    appIdOrNone(input.paths, other.env),
  ]);
  return planAgainst({
    principals: await principals,
    resources,
    place: { partition: partitionOfRegion(region), region, account },
    secrets: appId ? { appId, env: other.env.name } : undefined,
  });
};

/**
 * Asks IAM's simulator what each role of the env may do: to the other env's resources (read with that env's own
 * credentials, while the env's roles are read), or to exactly the given pairs. Reads only; changes nothing.
 */
export const simulateEnv = async (input: SimulateInput): Promise<Simulation> => {
  const progress = input.progress ?? silentProgress;
  progress.start('Reading roles and resources');
  try {
    const reading = readRoles(input);
    // The plan waits for the roles, but the other env's stacks are listed meanwhile.
    const principals = reading.then(({ roles }) => roles.map(({ role, arn }) => ({ role, arn })));
    principals.catch(() => {});
    const [{ roles, rolesNotFound }, plan] = await Promise.all([reading, readPlan(input, principals)]);
    const total = plan.requests.length;
    let done = 0;
    progress.update(`Simulating ${done}/${total}`);
    const { simulator } = input.own.session.aws;
    const answers = await mapLimit(plan.requests, SIMULATE_CONCURRENCY, async (request) => {
      const pairs = await simulator.simulate(request.roleArn, request.actions, request.resources);
      done += 1;
      progress.update(`Simulating ${done}/${total}`);
      return pairs.map((pair): Finding => ({
        role: request.role,
        action: pair.action,
        resource: pair.resource,
        outcome: classify(pair),
      }));
    });
    return { roles, rolesNotFound, plan, findings: answers.flat() };
  } finally {
    progress.stop();
  }
};
