import { boundaryRow } from '../../src/boundary/show-report';
import { formatTable } from '../../src/format/table';
import type { CommandOf } from '../../src/host/runtime';
import { findEnv } from '../../src/project/project';
import { publishGuardState } from '../../src/project/publish-hooks';

/** `amplify boundary show`: each env's boundary, its source and whether it is valid (offline). */
export const showBoundary: CommandOf<'boundary', 'show'> = async ({ flags, io, loadProject }) => {
  const project = await loadProject();
  const name = flags.string('env');
  const envs = name === undefined ? project.envs : [findEnv(project, name)];
  const rows = envs.map((env) => boundaryRow(env, project.config.boundary));
  if (flags.boolean('json')) {
    io.out(`${JSON.stringify({ environments: rows }, null, 2)}\n`);
    return;
  }
  const table = formatTable(
    ['Env', 'Account', 'Region', 'Permissions boundary', 'Source', 'Valid'],
    rows.map((row) => [
      row.env === project.currentEnv ? `${row.env} *` : row.env,
      row.account ?? '?',
      row.region ?? '?',
      row.boundary !== '' ? row.boundary : row.source === 'none' ? '(not set)' : '(none, on purpose)',
      row.source,
      row.valid ? 'yes' : 'NO',
    ]),
  );
  for (const line of table) io.print.info(line);
  io.print.info('* current environment');
  for (const row of rows) if (row.problem) io.print.warn(`${row.env}: ${row.problem}`);
  const publish = await publishGuardState(project.paths);
  if (publish.hosting && !publish.guarded)
    io.print.warn(
      'This project has a hosting category, so `amplify publish` can deploy it, but publish raises no event this plugin hears: run `amplify boundary hooks` so it is checked before and verified after.',
    );
};
