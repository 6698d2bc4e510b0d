import { readFile, writeFile } from 'node:fs/promises';

/** What is timed in each round, in milliseconds. */
export type Sample = {
  version: number;
  show: number;
  verify: number;
  naive: number;
  critical: number;
  getRole16: number;
  gaad: number;
  /** The same, for the plugin at the baseline ref, when one is given. */
  verifyBaseline?: number;
  showBaseline?: number;
  /** From verify's first request to its last answer, as the proxy saw them. */
  span?: number;
  /** A fresh Node process requiring the plugin's entry. */
  load?: number;
  /** The CLI requiring the plugin, and the plugin's event handlers in all, in one idle `amplify push`. */
  idleLoad?: number;
  idleHandlers?: number;
  /** A cold global install of the packed plugin: its time, bytes on disk and packages added. */
  installMs?: number;
  installBytes?: number;
  installPackages?: number;
  /** verify while IAM throttles above its rate. */
  throttled?: number;
};

/** What the throttled measure limited, and the requests its last run made (throttled ones as `Throttling`). */
export type ThrottleSetting = { service: string; perSecond: number; requests: Record<string, number> };

/** One run of the benchmark, as committed next to it. */
export type BenchRun = {
  label: string;
  date: string;
  commit: string;
  machine: { cpus: number; model: string; memoryGiB: number; node: string; platform: string; load: string };
  delayMs: number;
  rounds: number;
  roles: number;
  stacks: number;
  medians: Sample;
  ratios: { verifyOverNaive: number; verifyOverCritical: number; showOverVersion: number };
  verifyRequests: Record<string, number>;
  gaadPages: number;
  /** Absent from runs made before these measures existed. */
  throttle?: ThrottleSetting;
};

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The medians of the optional measures that were taken. */
const optional = (samples: readonly Sample[], names: Array<keyof Sample>): Partial<Sample> =>
  Object.fromEntries(
    names.flatMap((name) => {
      const values = samples.map((sample) => sample[name]).filter((value): value is number => value !== undefined);
      return values.length > 0 ? [[name, median(values)]] : [];
    }),
  );

/**
 * The least time verify can take while IAM throttles: the IAM requests it must make, at the rate the limit
 * lets through (the first second's worth at once, each further one a second after the one that many before
 * it), plus the four round trips that must come first or last (STS, two levels of listing, the last answer).
 */
export const throttleBound = (throttle: ThrottleSetting, delayMs: number): number => {
  // The proxy counts every request it received, the refused ones too.
  const { GetRole = 0, GetPolicy = 0, Throttling = 0 } = throttle.requests;
  const iam = GetRole + GetPolicy - Throttling;
  return Math.floor(Math.max(0, iam - 1) / throttle.perSecond) * 1000 + 4 * delayMs;
};

/** Medians of every measure, and the ratios taken round by round (each from measures made side by side). */
export const summarize = (samples: readonly Sample[]): Pick<BenchRun, 'medians' | 'ratios'> => {
  const of = (pick: (sample: Sample) => number): number => median(samples.map(pick));
  return {
    medians: {
      version: of((s) => s.version),
      show: of((s) => s.show),
      verify: of((s) => s.verify),
      naive: of((s) => s.naive),
      critical: of((s) => s.critical),
      getRole16: of((s) => s.getRole16),
      gaad: of((s) => s.gaad),
      ...optional(samples, [
        'span',
        'load',
        'idleLoad',
        'idleHandlers',
        'installMs',
        'installBytes',
        'installPackages',
        'throttled',
      ]),
    },
    ratios: {
      verifyOverNaive: of((s) => (s.verify - s.show) / s.naive),
      verifyOverCritical: of((s) => (s.verify - s.show) / s.critical),
      showOverVersion: of((s) => s.show / s.version),
    },
  };
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const milliseconds = (ms: number): string => `${Math.round(ms)} ms`;
const fineMilliseconds = (ms: number): string => `${ms.toFixed(1)} ms`;
const ratio = (value: number): string => value.toFixed(3);

const HEADER = `# Benchmark: \`amplify boundary verify\` at scale

\`npm run bench\` builds an env of 202 IAM roles in 11 CloudFormation stacks (the root stack \`amplify init\`
made, with its auth and unauth roles, plus 10 nested stacks of 20 roles) in moto, puts a proxy in front of
moto that answers every request 20 ms late, and times, in interleaved rounds after one warm-up round:

- **verify**: \`amplify boundary verify\` through the real Amplify CLI (whole process);
- **show**: \`amplify boundary show\` (no AWS call: the start-up baseline) and **--version**: \`amplify --version\`;
- **A (naive)**: STS, every ListStackResources page, one GetRole per role, GetPolicy — one after another;
- **B (critical path)**: loading the SDK clients plus the 4 requests that must follow one another (STS, root
  list, nested list, one role);
- role reading alone, once the role names are known: GetRole with 16 in flight, and
  GetAccountAuthorizationDetails (Filter=Role, every page).

A, B and the role readings run in a fresh Node process each (so loading the SDK counts) and are timed inside
it, from before the SDK is loaded (A, B) or before the first role is read, to the last answer.
moto answers one request at a time (3–5 ms each), which AWS does not: the proxy answers a read repeated
byte for byte from moto's first answer to it, so that requests in flight together overlap as they would
against AWS. Medians of the rounds; ratios are taken round by round and their median is shown.

A row named "…: baseline <ref>" times the plugin as it was at that git ref, registered in a second Amplify
home, in the same rounds as the row above it (\`npm run bench -- --baseline <ref>\`): before and after, side by side.

Targets (measured, never asserted): (verify − show) at least 8× faster than A, i.e. (verify − show) / A ≤ 0.125;
(verify − show) / B ≤ 2.5; show / --version ≤ 1.15.

The second table, for runs that took them:

- **load**: a fresh Node process requiring the plugin's entry (\`lib/src/index.js\`), as the CLI does for every event
  of every \`amplify init\` and \`amplify push\`; **in the CLI**: the same, timed inside \`amplify push --yes\` of a
  project without a boundary (nothing to do), with the time its event handlers ran in all (PrePush, PostPush).
  Targets: load ≤ 20 ms, idle handlers ≤ 15 ms.
- **install**: \`npm pack\`, then \`npm i -g --prefix <empty folder> <tarball> --cache <empty folder>\` from the npm
  registry: its time, its size on disk and the packages npm added. Targets: ≤ 15 MB, ≤ 10 s.
- **throttled**: verify of the same env while IAM answers \`Throttling\` to every request above 20 in any second
  (a sliding window of the requests it answered), next to the least time that limit allows
  (⌊(IAM requests − 1) / 20⌋ s plus 4 round trips). Target: no failed request (every role read and \`ok\`),
  (throttled − show) ≤ 1.3 × that bound.
- **span**: from verify's first request to its last answer, as the proxy saw them (without the throttle).
`;

/** The results file: a table of every run, then each run's details, then the notes kept as written. */
export const render = (runs: readonly BenchRun[], notes: string): string => {
  const rows = runs.map(
    (run) =>
      `| ${run.label} | ${run.date.slice(0, 10)} | ${seconds(run.medians.verify)} | ${seconds(run.medians.show)} | ${seconds(run.medians.version)} | ${seconds(run.medians.naive)} | ${seconds(run.medians.critical)} | ${ratio(run.ratios.verifyOverNaive)} (${(1 / run.ratios.verifyOverNaive).toFixed(1)}× faster) | ${ratio(run.ratios.verifyOverCritical)} | ${ratio(run.ratios.showOverVersion)} |`,
  );
  const details = runs.map((run) =>
    [
      `## ${run.label}`,
      '',
      `${run.date}, commit ${run.commit}; ${run.machine.cpus} CPUs (${run.machine.model}), ${run.machine.memoryGiB} GiB, Node ${run.machine.node} on ${run.machine.platform}; load average ${run.machine.load}; ${run.rounds} rounds, ${run.delayMs} ms per request, ${run.roles} roles in ${run.stacks} stacks.`,
      '',
      `- Requests made by one verify: ${Object.entries(run.verifyRequests)
        .map(([action, count]) => `${action} ${count}`)
        .join(', ')}.`,
      `- Reading the ${run.roles} roles once known: GetRole ×16 in flight ${milliseconds(run.medians.getRole16)}; GetAccountAuthorizationDetails ${milliseconds(run.medians.gaad)} (${run.gaadPages} page${run.gaadPages === 1 ? '' : 's'} from moto).`,
      ...(run.throttle
        ? [
            `- Requests of the last verify while ${run.throttle.service} answered \`Throttling\` above ${run.throttle.perSecond} a second (refused ones counted in their action too): ${Object.entries(
              run.throttle.requests,
            )
              .map(([action, count]) => `${action} ${count}`)
              .join(', ')}.`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  const extra = runs.filter((run) => run.medians.load !== undefined || run.medians.installMs !== undefined);
  const maybe = (value: number | undefined, show: (value: number) => string): string =>
    value === undefined || Number.isNaN(value) ? '–' : show(value);
  const extraRows = extra.map((run) => {
    const m = run.medians;
    const bound = run.throttle ? throttleBound(run.throttle, run.delayMs) : undefined;
    const throttledRatio = m.throttled !== undefined && bound ? (m.throttled - m.show) / bound : undefined;
    return `| ${run.label} | ${maybe(m.load, fineMilliseconds)} | ${maybe(m.idleLoad, fineMilliseconds)} | ${maybe(m.idleHandlers, fineMilliseconds)} | ${maybe(m.installBytes, (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`)} | ${maybe(m.installPackages, String)} | ${maybe(m.installMs, seconds)} | ${maybe(m.span, seconds)} | ${maybe(m.throttled, seconds)} | ${maybe(bound, seconds)} | ${maybe(throttledRatio, ratio)} | ${run.throttle ? String(run.throttle.requests.Throttling ?? 0) : '–'} |`;
  });
  return [
    HEADER,
    '| run | date | verify | show | --version | A naive | B critical | (verify − show) / A | (verify − show) / B | show / --version |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(extraRows.length > 0
      ? [
          '| run | load | in the CLI: load | idle handlers | install size | packages | install time (cold) | verify span | throttled | its bound | (throttled − show) / bound | Throttling answers |',
          '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
          ...extraRows,
          '',
        ]
      : []),
    ...details,
    NOTES_MARKER,
    notes.trim(),
    '',
  ].join('\n');
};

const NOTES_MARKER = '<!-- Notes below are kept as written when the benchmark rewrites this file. -->';

/** Adds (or replaces, by label) a run in the committed JSON, and rewrites the markdown from all runs. */
export const record = async (run: BenchRun, jsonFile: string, markdownFile: string): Promise<string> => {
  const runs = JSON.parse(await readFile(jsonFile, 'utf8').catch(() => '[]')) as BenchRun[];
  const index = runs.findIndex(({ label }) => label === run.label);
  if (index >= 0) runs[index] = run;
  else runs.push(run);
  const previous = await readFile(markdownFile, 'utf8').catch(() => '');
  const notes = previous.includes(NOTES_MARKER) ? previous.split(NOTES_MARKER)[1] : '';
  const markdown = render(runs, notes);
  await writeFile(jsonFile, `${JSON.stringify(runs, null, 2)}\n`);
  await writeFile(markdownFile, markdown);
  return markdown;
};
