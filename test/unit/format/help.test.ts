import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandHelp, helpFor, pluginHelp } from '../../../src/format/help';
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
    if (spec.flags.length > 0) expect(text).toContain(spec.usage);
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
    expect(lines.slice(0, 5)).toEqual(['USAGE', `  ${spec.usage}`, '', 'DESCRIPTION', `  ${spec.description}`]);
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

describe('the README', () => {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

  it.each(commands)('shows the usage of %s %s exactly as help prints it', (_plugin, _name, spec) => {
    expect(readme).toContain(commandHelp(spec)[1]?.trim());
  });
});
