import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandHelp, helpFor, HELP_WIDTH, pluginHelp, usageLines } from '../../../src/format/help';
import { COMMAND_USAGE, pluginOfCommand, type CommandSpec, type PluginName } from '../../../src/usage';

const plugins = Object.keys(COMMAND_USAGE) as PluginName[];
const commands = plugins.flatMap((plugin) =>
  Object.entries(COMMAND_USAGE[plugin] as Record<string, CommandSpec>).map(
    ([name, spec]) => [plugin, name, spec] as const,
  ),
);

describe('pluginHelp', () => {
  it.each(commands)('lists %s %s with its description', (plugin, name, spec) => {
    const text = pluginHelp(plugin).join('\n');
    expect(text).toMatch(new RegExp(`^  ${name} +${spec.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    if (spec.flags.length > 0) expect(text).toContain(usageLines(spec.usage).join('\n'));
  });

  it('points to the other plugin name and says how non-interactive runs behave', () => {
    expect(pluginHelp('boundary').join('\n')).toContain('amplify compute-role help');
    expect(pluginHelp('compute-role').join('\n')).toContain('amplify boundary help');
    expect(pluginHelp('boundary').join('\n')).toContain('CI=true');
  });
});

describe('commandHelp', () => {
  it.each(commands)('lists every flag of %s %s with its value and description', (_plugin, _name, spec) => {
    const lines = commandHelp(spec);
    const usage = usageLines(spec.usage);
    expect(lines.slice(0, usage.length + 4)).toEqual(['USAGE', ...usage, '', 'DESCRIPTION', `  ${spec.description}`]);
    for (const flag of spec.flags) {
      const line = lines.find((candidate) => candidate.startsWith(`  --${flag.name}`));
      expect(line).toBeDefined();
      if (flag.value) expect(line).toContain(flag.value);
      expect(line).toContain(flag.description);
      for (const alias of flag.aliases ?? []) expect(line).toContain(alias.length === 1 ? `-${alias}` : `--${alias}`);
    }
    expect(lines.includes('FLAGS')).toBe(spec.flags.length > 0);
  });

  it('shows --envName as the alias of --env and -y as the alias of --yes', () => {
    const lines = commandHelp(COMMAND_USAGE.boundary.set);
    expect(lines.some((line) => line.startsWith('  --env, --envName <env>'))).toBe(true);
    expect(lines.some((line) => line.startsWith('  --yes, -y'))).toBe(true);
  });
});

describe('usageLines', () => {
  it.each(commands)('keeps every line of %s %s within the help width, and every flag group whole', (_p, _n, spec) => {
    const lines = usageLines(spec.usage);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(HELP_WIDTH);
    expect(lines.map((line) => line.trim()).join(' ')).toBe(spec.usage);
    for (const line of lines) expect(line.split('[').length).toBe(line.split(']').length);
  });

  it('wraps the compute-role attach usage under its first flag', () => {
    expect(usageLines(COMMAND_USAGE['compute-role'].attach.usage)).toEqual([
      '  amplify compute-role attach [--role-arn <arn> | --policy-arns <a,b>] [--policy-file <policy.json>]',
      '                              [--role-name <name>] [--branch <name> | --app] [--app-id <id>]',
      '                              [--env <env>] [--redeploy] [--dry-run] [--yes]',
    ]);
  });

  it('leaves a usage that fits on one line, and one without flags, as it is', () => {
    expect(usageLines('amplify boundary show [--env <env>] [--json]')).toEqual([
      '  amplify boundary show [--env <env>] [--json]',
    ]);
    expect(usageLines('amplify boundary help')).toEqual(['  amplify boundary help']);
  });

  it('puts a group longer than the width on a line of its own rather than splitting it', () => {
    expect(usageLines('amplify x y [--a <a>] [--bbbbbbbbbbbbbbbbbbbb <b>] [--c]', 30)).toEqual([
      '  amplify x y [--a <a>]',
      '              [--bbbbbbbbbbbbbbbbbbbb <b>]',
      '              [--c]',
    ]);
  });
});

describe('LEARN MORE', () => {
  it('points at the README given, and is left out without one', () => {
    const readme = '/opt/node_modules/amplify-iam-guard/README.md';
    expect(commandHelp(COMMAND_USAGE.boundary.show, readme).slice(-3)).toEqual(['', 'LEARN MORE', `  ${readme}`]);
    expect(pluginHelp('boundary', readme).slice(-2)).toEqual(['LEARN MORE', `  ${readme}`]);
    expect(commandHelp(COMMAND_USAGE.boundary.show).join('\n')).not.toContain('LEARN MORE');
  });
});

describe('helpFor', () => {
  it('picks the command from the sub-commands', () => {
    expect(helpFor('boundary', ['boundary', 'set'])).toEqual(commandHelp(COMMAND_USAGE.boundary.set));
    expect(helpFor('compute-role', ['attach'])).toEqual(commandHelp(COMMAND_USAGE['compute-role'].attach));
    expect(helpFor('boundary', ['help', 'show'])).toEqual(commandHelp(COMMAND_USAGE.boundary.show));
  });

  it('gives the plugin help without a command, or for a command of the other plugin name', () => {
    expect(helpFor('boundary', [])).toEqual(pluginHelp('boundary'));
    expect(helpFor('boundary', ['boundary'])).toEqual(pluginHelp('boundary'));
    expect(helpFor('boundary', ['attach'])).toEqual(pluginHelp('boundary'));
  });
});

describe('pluginOfCommand', () => {
  it('finds the plugin name a command belongs to', () => {
    expect(pluginOfCommand('attach')).toBe('compute-role');
    expect(pluginOfCommand('set')).toBe('boundary');
    expect(pluginOfCommand('launch')).toBeUndefined();
  });
});

describe('the README and every page in docs/', () => {
  const root = join(__dirname, '../../..');
  const pages = [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((file) => file.endsWith('.md'))
      .map((file) => `docs/${file}`),
  ];
  const read = (page: string): string => readFileSync(join(root, page), 'utf8');
  const oneLine = (text: string): string => text.trim().replace(/\s+/g, ' ');

  // Help's USAGE block as one line: the words and their order as help prints them, however it wraps them.
  const helpUsage = (spec: CommandSpec): string => {
    const lines = commandHelp(spec);
    const start = lines.indexOf('USAGE') + 1;
    return oneLine(lines.slice(start, lines.indexOf('', start)).join(' '));
  };

  type ShownUsage = { plugin: string; command: string; usage: string };

  /** The usages a page shows in its code blocks: `amplify <plugin> <command> [` and the lines indented under it. */
  const usagesIn = (text: string): ShownUsage[] => {
    const found: ShownUsage[] = [];
    let fenced = false;
    let open: { usage: ShownUsage; indent: number } | undefined;
    for (const line of text.split('\n')) {
      const indent = line.length - line.trimStart().length;
      if (open && line.trim() !== '' && indent > open.indent && fenced) {
        open.usage.usage = oneLine(`${open.usage.usage} ${line}`);
        continue;
      }
      open = undefined;
      if (line.trimStart().startsWith('```')) fenced = !fenced;
      const start = fenced ? /^\s*amplify (boundary|compute-role) ([a-z-]+) \[/.exec(line) : null;
      if (!start?.[1] || !start[2]) continue;
      open = { usage: { plugin: start[1], command: start[2], usage: oneLine(line) }, indent };
      found.push(open.usage);
    }
    return found;
  };

  const reference = read('docs/commands.md');

  it.each(commands)('docs/commands.md has a section for %s %s', (plugin, name) => {
    expect(reference).toContain(`### \`amplify ${plugin} ${name}\``);
  });

  it.each(commands.filter(([, , spec]) => spec.flags.length > 0))(
    'docs/commands.md shows the usage of %s %s as help prints it',
    (plugin, name, spec) => {
      const shown = usagesIn(reference).filter((usage) => usage.plugin === plugin && usage.command === name);
      expect(shown.map((usage) => usage.usage)).toContain(helpUsage(spec));
    },
  );

  it.each(pages)('%s shows every usage as help prints it', (page) => {
    for (const shown of usagesIn(read(page))) {
      const specs = COMMAND_USAGE[shown.plugin as PluginName] as Record<string, CommandSpec>;
      const spec = specs[shown.command];
      expect({ ...shown, usage: spec ? shown.usage : 'no such command' }).toEqual({
        ...shown,
        usage: spec ? helpUsage(spec) : `a command of amplify ${shown.plugin}`,
      });
    }
  });

  it.each(pages)('%s has no line over 120 characters', (page) => {
    const long = read(page)
      .split('\n')
      .map((line, index) => ({ line: index + 1, length: [...line].length }))
      .filter((line) => line.length > 120);
    expect(long).toEqual([]);
  });
});
