import { GuardError } from '../errors';

/** What `simulate` is asked: the env's roles against another env, or exactly the given pairs. */
export type SimulateMode =
  { kind: 'against'; against: string } | { kind: 'pairs'; actions: string[]; resources: string[] };

/** An env as the input checks need it: its name and whether it was ever pushed (its root stack). */
export type KnownEnv = { name: string; stackName?: string };

/** The flags of `simulate`, as given. */
export type SimulateFlags = { against?: string; actions?: string[]; resources?: string[] };

// IAM's simulator refuses wildcards, and a name without its service is no action at all.
const ACTION = /^[a-z0-9-]+:[A-Za-z0-9]+$/;
const ARN = /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:.+$/;

const refuse = (message: string, resolution: string): never => {
  throw new GuardError('InputValidationError', { message, resolution });
};

const pushedEnv = (envs: readonly KnownEnv[], name: string, flag: string): void => {
  const env = envs.find((candidate) => candidate.name === name);
  const known = envs.map((candidate) => candidate.name).join(', ') || 'none';
  if (!env) {
    throw new GuardError('EnvironmentNameError', {
      message: `${flag} ${name}: there is no environment "${name}" (environments: ${known}).`,
      resolution: `Give ${flag} one of: ${known}.`,
    });
  }
  if (!env.stackName) {
    refuse(
      `${flag} ${name}: env "${name}" was never pushed, so it has no stacks to read.`,
      `Run \`amplify env checkout ${name}\` and \`amplify push\` first, or give ${flag} another env.`,
    );
  }
};

const checkPairs = (actions: string[] | undefined, resources: string[] | undefined): SimulateMode => {
  if (!actions?.length) refuse('--resource was given without --action.', 'Add --action <service:Action>[,…].');
  if (!resources?.length) refuse('--action was given without --resource.', 'Add --resource <arn>[,…].');
  for (const action of actions!) {
    if (!ACTION.test(action)) {
      refuse(
        `--action ${action}: an action is "service:Action" without wildcards (IAM's simulator refuses them), e.g. dynamodb:Scan.`,
        'Give each action in full, comma-separated: --action dynamodb:Scan,dynamodb:GetItem.',
      );
    }
  }
  for (const resource of resources!) {
    if (!ARN.test(resource)) {
      refuse(
        `--resource ${resource}: not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>).`,
        'Give each resource as its full ARN, e.g. --resource arn:aws:dynamodb:us-east-1:111122223333:table/users.',
      );
    }
  }
  return { kind: 'pairs', actions: actions!, resources: resources! };
};

/**
 * Checks the flags of `simulate` before anything is read from AWS, naming the flag at fault: one mode, an
 * `--against` env other than the env itself that exists and was pushed, well-formed actions and ARNs.
 */
export const simulateMode = (env: string, flags: SimulateFlags, envs: readonly KnownEnv[]): SimulateMode => {
  const pairs = flags.actions !== undefined || flags.resources !== undefined;
  if (flags.against !== undefined && pairs) {
    refuse(
      '--against and --action/--resource were both given.',
      'Give --against <other env> to check the env against another, or --action … --resource … for exactly those pairs.',
    );
  }
  pushedEnv(envs, env, '--env');
  if (flags.against !== undefined) {
    if (flags.against === env) {
      refuse(
        `--against ${env} is the env itself: simulate checks one env's roles against another env's resources.`,
        `Give --against another env (or --env another env than ${env}).`,
      );
    }
    pushedEnv(envs, flags.against, '--against');
    return { kind: 'against', against: flags.against };
  }
  if (!pairs) {
    refuse(
      'simulate needs --against <other env>, or --action <service:Action> with --resource <arn>.',
      'Run `amplify boundary simulate --against <other env>` (or see `amplify boundary simulate --help`).',
    );
  }
  return checkPairs(flags.actions, flags.resources);
};
