import { boundaryRow } from '../../src/boundary/show-report';
import { simulateMode } from '../../src/boundary/simulate-input';
import { verdictFails } from '../../src/boundary/simulation-report';
import { buildReport, reportLines } from '../../src/boundary/simulation-summary';
import { simulateEnv, type SessionEnv } from '../../src/flows/simulate-env';
import type { CommandOf, RuntimeOf } from '../../src/host/runtime';
import { findEnv } from '../../src/project/project';

const addCounts = (...all: Array<Record<string, number> | undefined>): Record<string, number> => {
  const total: Record<string, number> = {};
  for (const counts of all)
    for (const [action, count] of Object.entries(counts ?? {})) total[action] = (total[action] ?? 0) + count;
  return Object.fromEntries(Object.entries(total).sort(([a], [b]) => a.localeCompare(b)));
};

const opened = async (
  runtime: RuntimeOf<'boundary', 'simulate'>,
  name: string,
  envs: Parameters<typeof findEnv>[0],
) => {
  const env = findEnv(envs, name);
  // The input checks already refused an env without a root stack.
  return { env: { ...env, stackName: env.stackName ?? '' }, session: await runtime.envSession(env) };
};

/**
 * `amplify boundary simulate --against <env>` (or `--action … --resource …`): asks IAM's policy simulator what the
 * env's roles may do to another env's resources, gives a verdict and suggests the Deny that would close a gap.
 * Reads only; it never changes a policy.
 */
export const simulateBoundary: CommandOf<'boundary', 'simulate'> = async (runtime) => {
  const { flags, io } = runtime;
  const project = await runtime.loadProject();
  const name = flags.string('env') ?? project.currentEnv;
  const mode = simulateMode(
    name,
    { against: flags.string('against'), actions: flags.list('action'), resources: flags.list('resource') },
    project.envs,
  );
  const [own, other] = await Promise.all([
    opened(runtime, name, project),
    mode.kind === 'against'
      ? opened(runtime, mode.against, project)
      : Promise.resolve<SessionEnv | undefined>(undefined),
  ]);
  const expected = boundaryRow(own.env, project.config.boundary).boundary;
  const simulation = await simulateEnv({
    paths: project.paths,
    config: project.config,
    own,
    other,
    expected,
    mode,
    progress: io.progress,
  });
  const report = buildReport({
    env: name,
    against: other?.env.name ?? null,
    account: own.session.target.account,
    boundary: expected,
    roles: simulation.roles,
    resources: simulation.plan.resources,
    notChecked: simulation.plan.notChecked,
    findings: simulation.findings,
    formsOf: simulation.plan.formsOf,
    requests: addCounts(own.session.aws.requests?.(), other?.session.aws.requests?.()),
    rolesNotFound: simulation.rolesNotFound,
  });
  if (flags.boolean('json')) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const otherAccount = other?.session.target.account;
    const lines = reportLines(report, {
      otherAccount: otherAccount && otherAccount !== report.account ? otherAccount : undefined,
    });
    for (const { level, text } of lines) io.print[level](text);
  }
  return verdictFails(report.verdict, project.config.boundary.required) ? 'failed' : 'done';
};
