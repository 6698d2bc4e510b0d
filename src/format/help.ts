import { COMMAND_USAGE, type CommandSpec, type PluginName } from '../usage';

const LEARN_MORE = ['LEARN MORE', '  https://www.npmjs.com/package/amplify-iam-guard'];

const PLUGIN_SUMMARY: Record<PluginName, string> = {
  boundary: 'A checked IAM permissions boundary on every role Amplify creates, per environment',
  'compute-role': 'An IAM compute role for the environment’s Amplify Hosting branch, instead of access keys',
};

const flagLabel = (flag: CommandSpec['flags'][number]): string =>
  [`--${flag.name}`, ...(flag.aliases ?? []).map((alias) => (alias.length === 1 ? `-${alias}` : `--${alias}`))].join(
    ', ',
  ) + (flag.value ? ` ${flag.value}` : '');

/** Help for one command, in the CLI's own layout (USAGE, DESCRIPTION, FLAGS, LEARN MORE). */
export const commandHelp = (spec: CommandSpec): string[] => {
  const labels = spec.flags.map(flagLabel);
  const width = Math.max(0, ...labels.map((label) => label.length));
  return [
    'USAGE',
    `  ${spec.usage}`,
    '',
    'DESCRIPTION',
    `  ${spec.description}`,
    '',
    ...(spec.flags.length > 0
      ? [
          'FLAGS',
          ...spec.flags.map((flag, index) => `  ${(labels[index] ?? '').padEnd(width)}  ${flag.description}`),
          '',
        ]
      : []),
    ...LEARN_MORE,
  ];
};

/** Help for a whole plugin name: every command with its usage and flags. */
export const pluginHelp = (plugin: PluginName): string[] => {
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
      return spec && spec.flags.length > 0 ? [`  ${spec.usage}`] : [];
    }),
    '',
    `Run \`amplify ${plugin} <command> --help\` for a command’s flags; \`amplify ${other} help\` for the ${other} commands.`,
    'Under --yes, without a terminal on stdin, or with CI=true nothing prompts: a missing value is an error naming its flag.',
    '',
    ...LEARN_MORE,
  ];
};

/** The help a `help` invocation asks for: `amplify <plugin> help`, or `amplify <plugin> <command> --help`. */
export const helpFor = (plugin: PluginName, subCommands: readonly string[]): string[] => {
  const specs: Record<string, CommandSpec> = COMMAND_USAGE[plugin];
  const topic = subCommands.find((word) => word !== plugin && word !== 'help' && word in specs);
  const spec = topic === undefined ? undefined : specs[topic];
  return spec ? commandHelp(spec) : pluginHelp(plugin);
};
