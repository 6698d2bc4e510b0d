import { helpFor } from '../src/format/help';
import type { Command } from '../src/host/runtime';
import type { PluginName } from '../src/usage';

/** `amplify <plugin> help` and `amplify <plugin> <command> --help` (the CLI turns -h into the help command). */
export const helpCommand =
  (plugin: PluginName): Command =>
  ({ invocation, io }) => {
    for (const line of helpFor(plugin, invocation.subCommands)) io.print.info(line);
    return Promise.resolve();
  };
