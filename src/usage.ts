import { GuardError } from './errors';

/**
 * Every command and flag of the plugin, in one table: `help` prints it and the flag reader checks
 * invocations against it, so help text and accepted flags cannot drift apart.
 */

/** The two names the CLI routes to this plugin. */
export type PluginName = 'boundary' | 'compute-role';

/** One flag: `value` is its placeholder (a flag without one is a switch). */
export type FlagSpec = { name: string; aliases?: readonly string[]; value?: string; description: string };

/** One command: its usage line, what it does, and its flags. */
export type CommandSpec = { usage: string; description: string; flags: readonly FlagSpec[] };

const env = {
  name: 'env',
  aliases: ['envName'],
  value: '<env>',
  description: 'The environment (default: the current one)',
} as const satisfies FlagSpec;
const allEnvs = { name: 'all-envs', description: 'Every environment of the project' } as const satisfies FlagSpec;
const json = {
  name: 'json',
  description: 'Print only JSON on stdout; errors go to stderr',
} as const satisfies FlagSpec;
const yes = {
  name: 'yes',
  aliases: ['y'],
  description: 'Never prompt; a missing value is an error naming its flag',
} as const satisfies FlagSpec;
const boundaryArn = {
  name: 'permissions-boundary',
  value: "<arn>|''",
  description: "The boundary policy ARN; '' records no boundary, on purpose",
} as const satisfies FlagSpec;
const appId = {
  name: 'app-id',
  value: '<id>',
  description: 'The Amplify Hosting app (default: the project’s)',
} as const satisfies FlagSpec;
const branch = {
  name: 'branch',
  value: '<name>',
  description: 'The hosting branch (default: the env’s branch)',
} as const satisfies FlagSpec;
const app = { name: 'app', description: 'The app default instead of one branch' } as const satisfies FlagSpec;
const redeploy = {
  name: 'redeploy',
  description:
    'Start the branch’s deployment (amplify:StartJob, RELEASE) so the running app picks up the change; an app deployed by hand is told what to run',
} as const satisfies FlagSpec;

/** The commands of each plugin name, in the order help lists them. */
export const COMMAND_USAGE = {
  boundary: {
    set: {
      usage:
        "amplify boundary set [--permissions-boundary <arn>|''] [--policy-name <name> [--policy-path </path/>]] [--env <env> | --all-envs] [--no-check] [--yes]",
      description: 'Set the permissions boundary of an environment after checking it is valid for that environment',
      flags: [
        boundaryArn,
        {
          name: 'policy-name',
          value: '<name>',
          description: 'A policy name, resolved in each environment’s own account and inherited by new environments',
        },
        { name: 'policy-path', value: '</path/>', description: 'The path of --policy-name (default: /)' },
        env,
        allEnvs,
        {
          name: 'no-check',
          description: 'Skip the iam:GetPolicy existence check (format, partition and account are still checked)',
        },
        yes,
      ],
    },
    show: {
      usage: 'amplify boundary show [--env <env>] [--json]',
      description: 'Show each environment’s permissions boundary, where it comes from and whether it is valid',
      flags: [env, json],
    },
    verify: {
      usage: 'amplify boundary verify [--env <env> | --all-envs] [--fix [--yes]] [--json]',
      description:
        'Prove every deployed IAM role of an environment carries its permissions boundary, and name the cause and fix of each that does not',
      flags: [
        env,
        allEnvs,
        {
          name: 'fix',
          description:
            'Put the boundary on roles of the env’s stacks that carry none or lost it outside CloudFormation, after showing the plan',
        },
        { ...yes, description: 'With --fix: repair without asking (required without a terminal)' },
        json,
      ],
    },
    simulate: {
      usage:
        'amplify boundary simulate [--env <env>] (--against <other env> | --action <service:Action>[,…] --resource <arn>[,…]) [--json]',
      description:
        'Ask IAM’s policy simulator what the env’s roles may do to another env’s resources (or to exactly the given pairs), give a verdict and suggest the Deny that closes a gap; changes nothing',
      flags: [
        env,
        {
          name: 'against',
          value: '<other env>',
          description:
            'Every resource of that env’s stacks (read with its own credentials) and its function secrets; exit 1 on a leak',
        },
        {
          name: 'action',
          value: '<service:Action>[,…]',
          description: 'Simulate exactly these actions (no wildcards) on the --resource ARNs, e.g. dynamodb:Scan',
        },
        { name: 'resource', value: '<arn>[,…]', description: 'The resource ARNs of --action' },
        json,
      ],
    },
    resolve: {
      usage: 'amplify boundary resolve [--env <env> | --profile <aws profile>] [--permissions-boundary <arn>]',
      description:
        'Print the boundary a new environment would get (last line of stdout; empty for none); never prompts',
      flags: [
        env,
        { name: 'profile', value: '<aws profile>', description: 'The AWS profile of an environment not created yet' },
        boundaryArn,
      ],
    },
    check: {
      usage: 'amplify boundary check [--env <env>] [--json]',
      description:
        'Run the checks of a push before a deployment that raises no push event (amplify publish); deploys nothing, exits 1 where a push would stop',
      flags: [env, json],
    },
    hooks: {
      usage: 'amplify boundary hooks [--remove]',
      description:
        'Install the command hooks that guard amplify publish: amplify/hooks/pre-publish.js (check) and post-publish.js (verify)',
      flags: [
        { name: 'remove', description: 'Remove the hooks this plugin wrote (a file you wrote is left as it is)' },
      ],
    },
    help: { usage: 'amplify boundary help', description: 'Show this help', flags: [] },
  },
  'compute-role': {
    attach: {
      usage:
        'amplify compute-role attach [--role-arn <arn> | --policy-arns <a,b>] [--policy-file <policy.json>] [--role-name <name>] [--branch <name> | --app] [--app-id <id>] [--env <env>] [--redeploy] [--dry-run] [--yes]',
      description: 'Attach an IAM compute role to the environment’s hosting branch (or the app), creating it if asked',
      flags: [
        {
          name: 'role-arn',
          value: '<arn>',
          description: 'Use this existing role (its trust policy must allow amplify.amazonaws.com)',
        },
        { name: 'policy-arns', value: '<a,b>', description: 'Managed policies for a role the plugin creates' },
        { name: 'policy-file', value: '<policy.json>', description: 'An inline policy for a role the plugin creates' },
        { name: 'role-name', value: '<name>', description: 'The name of the role to create' },
        branch,
        app,
        appId,
        env,
        redeploy,
        { name: 'dry-run', description: 'Print the plan and change nothing' },
        yes,
      ],
    },
    detach: {
      usage:
        'amplify compute-role detach [--branch <name> | --app] [--app-id <id>] [--env <env>] [--delete-role] [--redeploy] [--yes]',
      description: 'Remove the compute role from the hosting branch (or the app)',
      flags: [
        branch,
        app,
        appId,
        env,
        {
          name: 'delete-role',
          description: 'Also delete the role, if this plugin created it for this target and nothing else uses it',
        },
        redeploy,
        yes,
      ],
    },
    show: {
      usage: 'amplify compute-role show [--env <env>] [--app-id <id>] [--json]',
      description:
        'Show the app default and every branch’s compute role, its boundary, and whether it is in effect or pending',
      flags: [env, appId, json],
    },
    audit: {
      usage: 'amplify compute-role audit [--fix] [--app-id <id>] [--yes] [--json]',
      description: 'Find AWS access keys stored in the app’s environment variables and build specs',
      flags: [
        { name: 'fix', description: 'Remove the matched variables once a compute role is in effect' },
        appId,
        yes,
        json,
      ],
    },
    help: { usage: 'amplify compute-role help', description: 'Show this help', flags: [] },
  },
} as const satisfies Record<PluginName, Record<string, CommandSpec>>;

/** Flags every command accepts because the CLI itself handles them. */
export const HOST_FLAGS: readonly string[] = ['yes', 'y', 'debug', 'help', 'h'];

/** The plugin name under which a command exists, if any. */
export const pluginOfCommand = (command: string): PluginName | undefined =>
  (Object.keys(COMMAND_USAGE) as PluginName[]).find((plugin) => command in COMMAND_USAGE[plugin]);

/**
 * The error for `amplify <plugin> <command>` when that plugin name has no such command: it names the plugin
 * name that has it, or lists the commands. `asked` is what follows the command (` --help` for help).
 */
export const notACommandError = (plugin: PluginName, command: string, asked = ''): GuardError => {
  const owner = pluginOfCommand(command);
  return new GuardError('CommandNotSupportedError', {
    message: owner
      ? `\`amplify ${plugin} ${command}\` is not a command: "${command}" is a ${owner} command.`
      : `\`amplify ${plugin} ${command}\` is not a command (commands: ${Object.keys(COMMAND_USAGE[plugin]).join(', ')}).`,
    resolution: owner ? `Run \`amplify ${owner} ${command}${asked}\`.` : `Run \`amplify ${plugin} help\`.`,
  });
};
