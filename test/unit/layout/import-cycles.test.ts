import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Every module of the plugin, and the modules each imports by a relative path (type-only imports included:
// a cycle of types is still two modules that cannot be understood one without the other).
const ROOT = resolve(__dirname, '../../..');
const FOLDERS = ['src', 'commands'];

const modulesUnder = (folder: string): string[] =>
  readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return modulesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g;

const importsOf = (file: string, known: Set<string>): string[] =>
  [...readFileSync(file, 'utf8').matchAll(IMPORT)]
    .map((match) => resolve(dirname(file), `${match[1] ?? ''}.ts`))
    .filter((target) => known.has(target));

/** Every cycle of the import graph, each as the list of modules it passes through. */
const cycles = (graph: Map<string, string[]>): string[][] => {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (module: string): void => {
    state.set(module, 'open');
    stack.push(module);
    for (const next of graph.get(module) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(module, 'done');
  };
  for (const module of graph.keys()) if (!state.has(module)) visit(module);
  return found;
};

describe('the modules of the plugin', () => {
  const files = FOLDERS.flatMap((folder) => modulesUnder(join(ROOT, folder)));
  const known = new Set(files);
  const graph = new Map(files.map((file) => [file, importsOf(file, known)]));

  it('are read, with their imports', () => {
    expect(graph.get(join(ROOT, 'src/boundary/verify-report.ts'))).toContain(join(ROOT, 'src/boundary/drift-cause.ts'));
  });

  it('import one another without a cycle, type-only imports included', () => {
    expect(cycles(graph).map((cycle) => cycle.map((file) => relative(ROOT, file)).join(' → '))).toEqual([]);
  });
});
