/**
 * Loaded into an Amplify CLI process with `NODE_OPTIONS=--require <this file>`: times how long requiring the
 * plugin's entry takes and how long each of its event handlers runs, as the CLI itself calls them, and
 * appends one JSON line per measure to the file named by IAM_GUARD_TIMINGS. IAM_GUARD_ENTRY names the entry.
 */
import { appendFileSync } from 'node:fs';
import Module from 'node:module';
import { performance } from 'node:perf_hooks';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
type Internals = { _load: Load; _resolveFilename: (request: string, parent: unknown, isMain: boolean) => string };
type Plugin = { handleAmplifyEvent?: (context: unknown, args: { event?: string }) => Promise<void> };

const out = process.env.IAM_GUARD_TIMINGS;
const entry = process.env.IAM_GUARD_ENTRY;
const internals = Module as unknown as Internals;
const load = internals._load;
const record = (measure: Record<string, unknown>): void => {
  if (out) appendFileSync(out, `${JSON.stringify(measure)}\n`);
};

internals._load = function timedLoad(this: unknown, request, parent, isMain) {
  const start = performance.now();
  let file: string | undefined;
  try {
    file = internals._resolveFilename(request, parent, isMain);
  } catch {
    // Not resolvable here: the real loader reports it.
  }
  if (!entry || file !== entry || require.cache[file]) return load.call(this, request, parent, isMain);
  const plugin = load.call(this, request, parent, isMain) as Plugin;
  record({ kind: 'load', ms: performance.now() - start });
  const handle = plugin.handleAmplifyEvent;
  if (handle) {
    plugin.handleAmplifyEvent = async (context, args) => {
      const started = performance.now();
      try {
        await handle(context, args);
      } finally {
        record({ kind: 'event', event: args.event, ms: performance.now() - started });
      }
    };
  }
  return plugin;
};
