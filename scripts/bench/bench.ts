/**
 * `npm run bench`: times `amplify boundary verify` of a 202-role env in the real Amplify CLI against moto
 * behind a 20 ms latency proxy, side by side with its yardsticks, and records the medians in RESULTS.md.
 * Also times loading the plugin, its idle events inside the CLI, a cold global install, and verify against an
 * IAM that throttles above 20 requests per second.
 * Options: `--label <name>` (the row to add or replace, default "latest"), `--rounds <n>` (default 7),
 * `--baseline <git ref>` (also time verify and show of the plugin at that ref, in the same rounds),
 * `--only <measure,…>` (time only these, to try a change; the results files are then left alone).
 */
import { CreatePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, readFile } from 'node:fs/promises';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  createSandbox,
  initProject,
  PLUGIN_ROOT,
  run,
  type RunResult,
  type Sandbox,
} from '../../test/e2e/support/amplify-cli';
import { ALLOW_ALL, DEFAULT_ACCOUNT, DEFAULT_CREDENTIALS } from '../../test/support/accounts';
import { startLatencyProxy, type LatencyProxy } from '../../test/support/latency-proxy';
import { startMoto, type MotoServer } from '../../test/support/moto';
import { baselineSandbox } from './baseline';
import { measureInstall, packPlugin } from './install';
import { record, summarize, type BenchRun, type Sample } from './results';
import { benchSimulate } from './simulate';
import { growStackTree } from './stack-tree';

const DELAY_MS = 20;
/** IAM answers `Throttling` above this many requests in any second in the throttled measure. */
const IAM_PER_SECOND = 20;
const SHAPE = { nestedStacks: 10, rolesPerStack: 20 };
const BOUNDARY = `arn:aws:iam::${DEFAULT_ACCOUNT}:policy/AmplifyBoundary`;

const option = (name: string, fallback: string): string => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
};

const expectExit = (what: string, result: RunResult, code = 0): RunResult => {
  if (result.code !== code)
    throw new Error(`${what} exited ${String(result.code)}, expected ${code}:\n${result.output}`);
  return result;
};

/** Wall time of one whole CLI process. */
const timeCli = async (sandbox: Sandbox, cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> => {
  const start = performance.now();
  expectExit(`amplify ${args.join(' ')}`, await sandbox.amplify(args, { cwd, env }));
  return performance.now() - start;
};

/** Runs one yardstick in a fresh process; it reports its own time. */
const timeSdk = async (
  sandbox: Sandbox,
  mode: string,
  rootStack: string,
  env: NodeJS.ProcessEnv,
): Promise<Record<string, number>> => {
  const result = expectExit(
    `sdk-paths ${mode}`,
    await run(
      process.execPath,
      [join(__dirname, 'sdk-paths.js'), mode, rootStack],
      sandbox.home,
      { ...sandbox.env, ...env },
      120_000,
    ),
  );
  return JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
};

/** Milliseconds a fresh Node process takes to require the plugin's entry (what the CLI does per event). */
const timeRequire = async (sandbox: Sandbox): Promise<number> => {
  const script = `const { performance } = require('node:perf_hooks'); const start = performance.now(); require(process.argv[1]); console.log(performance.now() - start);`;
  const result = expectExit(
    'require',
    await run(
      process.execPath,
      ['-e', script, join(PLUGIN_ROOT, 'lib/src/index.js')],
      sandbox.home,
      sandbox.env,
      30_000,
    ),
  );
  return Number(result.stdout.trim());
};

/**
 * Runs `amplify push --yes` in a project without a boundary (nothing changed, nothing for the plugin to do)
 * with time-plugin.js loaded into the CLI: how long the CLI took to require the plugin, and how long its
 * event handlers ran in all.
 */
const timeIdleEvents = async (sandbox: Sandbox, project: string): Promise<{ load: number; handlers: number }> => {
  const folder = await mkdtemp(join(tmpdir(), 'iam-guard-idle-'));
  const file = join(folder, 'timings.jsonl');
  try {
    await timeCli(sandbox, project, ['push', '--yes'], {
      NODE_OPTIONS: `--require ${join(__dirname, 'time-plugin.js')}`,
      IAM_GUARD_TIMINGS: file,
      IAM_GUARD_ENTRY: join(PLUGIN_ROOT, 'lib/src/index.js'),
    });
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    const measures = lines.map((line) => JSON.parse(line) as { kind: string; ms: number });
    const sum = (kind: string): number =>
      measures.filter((measure) => measure.kind === kind).reduce((total, { ms }) => total + ms, 0);
    if (!measures.some(({ kind }) => kind === 'event')) throw new Error('amplify push raised no event to time');
    return { load: sum('load'), handlers: sum('event') };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
};

/** `verify --json` while IAM throttles: fails unless every role was read and carries the boundary. */
const timeThrottledVerify = async (sandbox: Sandbox, project: string, env: NodeJS.ProcessEnv): Promise<number> => {
  const start = performance.now();
  const result = expectExit(
    'throttled verify',
    await sandbox.amplify(['boundary', 'verify', '--json'], { cwd: project, env }),
  );
  const ms = performance.now() - start;
  const { environments } = JSON.parse(result.stdout) as { environments: Array<{ roles: Array<{ status: string }> }> };
  const roles = environments.flatMap((one) => one.roles);
  const notOk = roles.filter((role) => role.status !== 'ok');
  if (notOk.length > 0) throw new Error(`throttled verify: ${notOk.length} of ${roles.length} roles not ok`);
  return ms;
};

const main = async (): Promise<void> => {
  const label = option('label', 'latest');
  const rounds = Number(option('rounds', '7'));
  const baselineRef = option('baseline', '');
  const only = option('only', '').split(',').filter(Boolean);
  let moto: MotoServer | undefined;
  let proxy: LatencyProxy | undefined;
  let sandbox: Sandbox | undefined;
  let baseline: Sandbox | undefined;
  let tarball: string | undefined;
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Other work on the machine slows every measure; the load averages before and after say how much.
  const loadBefore = loadavg()[1].toFixed(1);
  try {
    moto = await startMoto();
    proxy = await startLatencyProxy(moto.url, DELAY_MS);
    await new IAMClient({ region: 'us-east-1', endpoint: moto.url, credentials: DEFAULT_CREDENTIALS }).send(
      new CreatePolicyCommand({ PolicyName: 'AmplifyBoundary', PolicyDocument: ALLOW_ALL }),
    );
    sandbox = await createSandbox(moto.url, { default: DEFAULT_CREDENTIALS });
    console.log(`moto ${moto.url}, latency proxy ${proxy.url} (${DELAY_MS} ms); amplify init…`);
    const project = await initProject(sandbox, {
      name: 'bench',
      env: 'dev',
      profile: 'default',
      extraArgs: ['--permissions-boundary', BOUNDARY],
    });
    const tpi = JSON.parse(await readFile(join(project, 'amplify/team-provider-info.json'), 'utf8')) as Record<
      string,
      { awscloudformation: { StackName: string; DeploymentBucketName: string } }
    >;
    const { StackName: rootStack, DeploymentBucketName: bucket } = tpi.dev.awscloudformation;
    const roles = await growStackTree({
      motoUrl: moto.url,
      credentials: DEFAULT_CREDENTIALS,
      rootStack,
      bucket,
      boundary: BOUNDARY,
      shape: SHAPE,
    });
    console.log(`${rootStack}: ${roles} roles in ${SHAPE.nestedStacks + 1} stacks; ${rounds} rounds after a warm-up…`);
    const wanted = (name: string): boolean => only.length === 0 || only.includes(name);
    const idleProject = wanted('idleHandlers')
      ? await initProject(sandbox, { name: 'idle', env: 'dev', profile: 'default' })
      : undefined;
    tarball = wanted('installMs') ? await packPlugin(PLUGIN_ROOT) : undefined;

    if (baselineRef) baseline = await baselineSandbox(baselineRef, sandbox);
    const viaProxy: NodeJS.ProcessEnv = { AWS_ENDPOINT_URL: proxy.url };
    proxy.setReplayReads(true);
    let verifyRequests: Record<string, number> = {};
    let baselineRequests: Record<string, number> = {};
    let gaadPages = 0;
    let throttledRequests: Record<string, number> = {};
    // The round being timed: a measure may record more than its own time in it.
    let sample = {} as Sample;
    const measures: Array<[keyof Sample, () => Promise<number>]> = [
      ['version', () => timeCli(sandbox!, project, ['--version'], viaProxy)],
      ['show', () => timeCli(sandbox!, project, ['boundary', 'show'], viaProxy)],
      [
        'verify',
        async () => {
          proxy!.resetCounts();
          const ms = await timeCli(sandbox!, project, ['boundary', 'verify'], viaProxy);
          verifyRequests = proxy!.counts();
          sample.span = proxy!.span();
          return ms;
        },
      ],
      ['load', () => timeRequire(sandbox!)],
      [
        'idleHandlers',
        async () => {
          const { load, handlers } = await timeIdleEvents(sandbox!, idleProject!);
          sample.idleLoad = load;
          return handlers;
        },
      ],
      [
        'installMs',
        async () => {
          const { ms, bytes, packages } = await measureInstall(tarball!);
          sample.installBytes = bytes;
          sample.installPackages = packages;
          return ms;
        },
      ],
      [
        'throttled',
        async () => {
          proxy!.resetCounts();
          proxy!.setThrottle({ service: 'iam', perSecond: IAM_PER_SECOND });
          try {
            return await timeThrottledVerify(sandbox!, project, viaProxy);
          } finally {
            proxy!.setThrottle(undefined);
            throttledRequests = proxy!.counts();
          }
        },
      ],
      ['naive', async () => (await timeSdk(sandbox!, 'naive', rootStack, viaProxy)).ms],
      ['critical', async () => (await timeSdk(sandbox!, 'critical', rootStack, viaProxy)).ms],
      ['getRole16', async () => (await timeSdk(sandbox!, 'roles-getrole', rootStack, viaProxy)).ms],
      [
        'gaad',
        async () => {
          const result = await timeSdk(sandbox!, 'roles-gaad', rootStack, viaProxy);
          gaadPages = result.pages;
          return result.ms;
        },
      ],
    ];
    if (baseline) {
      const old = baseline;
      measures.push(
        ['showBaseline', () => timeCli(old, project, ['boundary', 'show'], viaProxy)],
        [
          'verifyBaseline',
          async () => {
            proxy!.resetCounts();
            const ms = await timeCli(old, project, ['boundary', 'verify'], viaProxy);
            baselineRequests = proxy!.counts();
            return ms;
          },
        ],
      );
    }
    const timed = measures.filter(([name]) => wanted(name));
    const samples: Sample[] = [];
    for (let round = 0; round <= rounds; round += 1) {
      sample = {} as Sample;
      // Each round starts at another measure, so that no measure always runs right after the same one.
      for (let step = 0; step < timed.length; step += 1) {
        const [name, measure] = timed[(round + step) % timed.length];
        sample[name] = await measure();
      }
      if (round > 0) samples.push(sample);
      console.log(
        `${round === 0 ? 'warm-up' : `round ${round}`}: ${Object.entries(sample)
          .map(([name, ms]) => `${name} ${Math.round(ms)}`)
          .join(', ')}`,
      );
    }
    if (only.length > 0) {
      console.log(
        `Requests of the last verify: ${JSON.stringify(verifyRequests)}; throttled: ${JSON.stringify(throttledRequests)}`,
      );
      return;
    }

    const common = {
      date: new Date().toISOString(),
      commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PLUGIN_ROOT }).toString().trim(),
      machine: {
        cpus: cpus().length,
        model: cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        platform: `${platform()} ${release()}`,
        load: `${loadBefore} → ${loadavg()[1].toFixed(1)} (5 min, at start → end)`,
      },
      delayMs: DELAY_MS,
      rounds,
      roles,
      stacks: SHAPE.nestedStacks + 1,
      gaadPages,
      throttle: { service: 'iam', perSecond: IAM_PER_SECOND, requests: throttledRequests },
    };
    const runs: BenchRun[] = [{ label, ...common, ...summarize(samples), verifyRequests }];
    if (baseline) {
      // Only verify and show were timed for the baseline; the other rows are the current code's.
      const asBaseline = samples.map(({ version, naive, critical, getRole16, gaad, verifyBaseline, showBaseline }) => ({
        version,
        naive,
        critical,
        getRole16,
        gaad,
        verify: verifyBaseline ?? NaN,
        show: showBaseline ?? NaN,
      }));
      runs.push({
        label: `${label}: baseline ${baselineRef}`,
        ...common,
        throttle: undefined,
        ...summarize(asBaseline),
        verifyRequests: baselineRequests,
      });
    }
    let markdown = '';
    for (const one of runs) {
      markdown = await record(
        one,
        join(PLUGIN_ROOT, 'scripts/bench/results.json'),
        join(PLUGIN_ROOT, 'scripts/bench/RESULTS.md'),
      );
    }
    // The committed files must pass the repository's format check as they are written.
    execFileSync(
      process.execPath,
      [
        join(PLUGIN_ROOT, 'node_modules/prettier/bin/prettier.cjs'),
        '--write',
        'scripts/bench/RESULTS.md',
        'scripts/bench/results.json',
      ],
      { cwd: PLUGIN_ROOT },
    );
    console.log(`\n${markdown}`);
  } finally {
    await proxy?.stop();
    await moto?.stop();
    for (const home of [sandbox?.home, baseline?.home]) if (home) await rm(home, { recursive: true, force: true });
    if (tarball) await rm(dirname(tarball), { recursive: true, force: true });
  }
};

main()
  .then(async () => console.log(`\n${await benchSimulate(Number(option('rounds', '7')))}`))
  .catch((error: unknown) => {
    console.error(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  });
