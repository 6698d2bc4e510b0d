import { COMMAND_USAGE, type CommandSpec, type PluginName } from '../usage';

/** The width help wraps usage lines to, indent included. */
export const HELP_WIDTH = 100;

const PLUGIN_SUMMARY: Record<PluginName, string> = {
  boundary: 'A checked IAM permissions boundary on every role Amplify creates, per environment',
  'compute-role': 'An IAM compute role for the environment’s Amplify Hosting branch, instead of access keys',
};

// Where to read more: the README shipped with the plugin when it is there; otherwise no section at all.
const learnMore = (readme: string | undefined): string[] => (readme ? ['', 'LEARN MORE', `  ${readme}`] : []);

// Splits a usage line at top-level spaces: the command words, then each flag or `[…]` group whole.
const usageParts = (usage: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of usage) {
    if (char === ' ' && depth === 0) {
      if (current) parts.push(current);
      current = '';
      continue;
    }
    if (char === '[') depth += 1;
    if (char === ']') depth -= 1;
    current += char;
  }
  if (current) parts.push(current);
  return parts;
};

/**
 * A usage line as help prints it: indented by two spaces like every line of the CLI's own help, and, when
 * longer than `width`, wrapped between flag groups (never inside one), each later line starting under the
 * first flag so the command name stands alone on the left.
 */
export const usageLines = (usage: string, width: number = HELP_WIDTH): string[] => {
  const parts = usageParts(usage);
  const split = parts.findIndex((part) => part.startsWith('[') || part.startsWith('-'));
  const words = split < 0 ? parts : parts.slice(0, split);
  const flags = split < 0 ? [] : parts.slice(split);
  const head = `  ${words.join(' ')}`;
  const indent = ' '.repeat(head.length + 1);
  const lines: string[] = [];
  let line = head;
  let hasFlag = false;
  for (const flag of flags) {
    if (hasFlag && line.length + 1 + flag.length > width) {
      lines.push(line);
      line = `${indent}${flag}`;
    } else {
      line = `${line} ${flag}`;
    }
    hasFlag = true;
  }
  lines.push(line);
  return lines;
};

const flagLabel = (flag: CommandSpec['flags'][number]): string =>
  [`--${flag.name}`, ...(flag.aliases ?? []).map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`))].join(
    ', ',
  ) + (flag.value ? ` ${flag.value}` : '');

/**
 * Help for one command, in the CLI's own layout (USAGE, DESCRIPTION, FLAGS, LEARN MORE); `readme` is where
 * to learn more.
 */
export const commandHelp = (spec: CommandSpec, readme?: string): string[] => {
  const labels = spec.flags.map(flagLabel);
  const width = Math.max(0, ...labels.map((label) => label.length));
  return [
    'USAGE',
    ...usageLines(spec.usage),
    '',
    'DESCRIPTION',
    `  ${spec.description}`,
    ...(spec.flags.length > 0
      ? [
          '',
          'FLAGS',
          ...spec.flags.map((flag, index) => `  ${(labels[index] ?? '').padEnd(width)}  ${flag.description}`),
        ]
      : []),
    ...learnMore(readme),
  ];
};

/** Help for a whole plugin name: every command with its usage and flags; `readme` is where to learn more. */
export const pluginHelp = (plugin: PluginName, readme?: string): string[] => {
  const specs: Record<string, CommandSpec> = COMMAND_USAGE[plugin];
  const names = Object.keys(specs);
  const width = Math.max(...names.map((name) => name.length));
  const other: PluginName = plugin === 'boundary' ? 'compute-role' : 'boundary';
  return [
    'NAME',
    `  amplify ${plugin} — ${PLUGIN_SUMMARY[plugin]}`,
    '',
    'USAGE',
    `  amplify ${plugin} <command> [flags]`,
    '',
    'COMMANDS',
    ...names.map((name) => `  ${name.padEnd(width)}  ${specs[name]?.description ?? ''}`),
    '',
    ...names.flatMap((name) => {
      const spec = specs[name];
      return spec && spec.flags.length > 0 ? usageLines(spec.usage) : [];
    }),
    '',
    `Run \`amplify ${plugin} <command> --help\` for a command’s flags; \`amplify ${other} help\` for the ${other} commands.`,
    'Under --yes, without a terminal on stdin, or with CI=true nothing prompts: a missing value is an error naming its flag.',
    ...learnMore(readme),
  ];
};

/** The command a help invocation asks about: the first word after the plugin name that is not `help`. */
export const helpTopic = (plugin: PluginName, subCommands: readonly string[]): string | undefined =>
  subCommands.find((word) => word !== plugin && word !== 'help');

/**
 * The help a `help` invocation asks for: `amplify <plugin> help`, or `amplify <plugin> <command> --help`. A
 * word that is no command of this plugin name gets the plugin's help, which lists its commands.
 */
export const helpFor = (plugin: PluginName, subCommands: readonly string[], readme?: string): string[] => {
  const specs: Record<string, CommandSpec> = COMMAND_USAGE[plugin];
  const topic = helpTopic(plugin, subCommands);
  const spec = topic === undefined ? undefined : specs[topic];
  return spec ? commandHelp(spec, readme) : pluginHelp(plugin, readme);
};
