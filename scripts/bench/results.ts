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
};

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
};

/** The middle value (the mean of the two middle ones for an even count). */
export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
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
      '',
    ].join('\n'),
  );
  return [
    HEADER,
    '| run | date | verify | show | --version | A naive | B critical | (verify − show) / A | (verify − show) / B | show / --version |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
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
