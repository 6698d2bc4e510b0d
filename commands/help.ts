import { helpFor, helpTopic } from '../src/format/help';
import type { Command } from '../src/host/runtime';
import { packageReadme } from '../src/package-readme';
import { COMMAND_USAGE, notACommandError, type PluginName } from '../src/usage';

/**
 * `amplify <plugin> help` and `amplify <plugin> <command> --help` (the CLI turns -h into the help command). Help
 * for a command this plugin name does not have (another plugin name's, or none) is the same error the command
 * itself gives, so the two agree.
 */
export const helpCommand =
  (plugin: PluginName): Command<never> =>
  ({ invocation, io }) => {
    const topic = helpTopic(plugin, invocation.subCommands);
    if (topic !== undefined && !Object.hasOwn(COMMAND_USAGE[plugin], topic)) {
      return Promise.reject(notACommandError(plugin, topic, ' --help'));
    }
    for (const line of helpFor(plugin, invocation.subCommands, packageReadme())) io.print.info(line);
    return Promise.resolve();
  };
