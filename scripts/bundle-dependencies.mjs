// The second half of `npm run build`, after tsc has compiled src/ and commands/ to lib/ one module per file.
// It bundles the third-party packages the plugin loads into a few files under lib/vendor/ and points the
// compiled modules at them, so that a global install downloads no AWS SDK (about 90 MB across 50 packages)
// and each command still loads only the modules it needs:
// - every bundled package sits in its own lazily evaluated closure of its group's file, so loading
//   `@aws-sdk/client-iam` does not evaluate the Amplify client;
// - the packages the host Amplify CLI provides (resolved from the CLI's install at run time) and the
//   runtime dependencies of package.json stay outside every bundle.
// It also writes lib/vendor/bundled.json (which packages each file holds; the tests read it to tell which
// packages a run loaded) and lib/vendor/THIRD-PARTY-LICENSES.txt (the notices of what is bundled).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const LIB = join(ROOT, 'lib');
const VENDOR = join(LIB, 'vendor');

/** Which bundle serves each package name the compiled code requires; one file per group. */
const GROUPS = [
  { file: 'aws-sdk.js', serves: (name) => name.startsWith('@aws-sdk/') || name.startsWith('@smithy/') },
  { file: 'yaml.js', serves: (name) => name === 'yaml' },
  { file: 'proper-lockfile.js', serves: (name) => name === 'proper-lockfile' },
];

const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
// Resolved at run time from the host CLI's install, or installed beside the plugin.
const EXTERNAL = new Set([...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.dependencies ?? {})]);
const BUILTIN = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

const jsFiles = async (folder) => {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return path === VENDOR ? [] : jsFiles(path);
      return entry.name.endsWith('.js') ? [path] : [];
    }),
  );
  return nested.flat();
};

// tsc writes every import as `require("<specifier>")`, a dynamic one with the quotes it was written with.
const REQUIRE = /\brequire\((["'])([^"'.][^"']*)\1\)/g;

const compiled = await jsFiles(LIB);
const sources = new Map(await Promise.all(compiled.map(async (file) => [file, await readFile(file, 'utf8')])));
const groups = new Map(GROUPS.map((group) => [group.file, new Set()]));
for (const [file, text] of sources) {
  for (const [, , specifier] of text.matchAll(REQUIRE)) {
    if (BUILTIN.has(specifier) || EXTERNAL.has(packageOf(specifier))) continue;
    const group = GROUPS.find(({ serves }) => serves(specifier));
    if (!group) {
      throw new Error(
        `${relative(ROOT, file)} requires "${specifier}", which is neither bundled (scripts/bundle-dependencies.mjs) nor a dependency or peer dependency in package.json.`,
      );
    }
    groups.get(group.file).add(specifier);
  }
}

await mkdir(VENDOR, { recursive: true });
const bundled = {};
const licenses = new Map();
for (const [file, specifiers] of groups) {
  if (specifiers.size === 0) continue;
  // Getters, so that each package is evaluated on its first use only.
  const entry = [...specifiers]
    .sort()
    .map((specifier) => `  get ${JSON.stringify(specifier)}() { return require(${JSON.stringify(specifier)}); },`);
  const result = await build({
    stdin: { contents: `module.exports = {\n${entry.join('\n')}\n};\n`, resolveDir: ROOT, sourcefile: file },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    outfile: join(VENDOR, file),
    external: [...EXTERNAL],
    // Fewer bytes to read and compile each time a command loads the SDK; names stay for stack traces.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const packages = {};
  for (const input of Object.keys(result.metafile.inputs)) {
    const at = input.lastIndexOf('node_modules/');
    if (at < 0) continue;
    const name = packageOf(input.slice(at + 'node_modules/'.length));
    if (packages[name]) continue;
    const folder = join(ROOT, input.slice(0, at), 'node_modules', name);
    const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8'));
    packages[name] = manifest.version;
    const names = (await readdir(folder)).filter((entry) => /^(licen[cs]e|notice)/i.test(entry));
    const text = (await Promise.all(names.map((entry) => readFile(join(folder, entry), 'utf8')))).join('\n');
    const key = createHash('sha256')
      .update(text || manifest.license || 'unknown')
      .digest('hex');
    const notice = licenses.get(key) ?? { text: text || `License: ${manifest.license ?? 'unknown'}`, packages: [] };
    notice.packages.push(`${name}@${manifest.version}`);
    licenses.set(key, notice);
  }
  bundled[file] = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)));
}
await writeFile(join(VENDOR, 'bundled.json'), `${JSON.stringify(bundled, null, 2)}\n`);
await writeFile(
  join(VENDOR, 'THIRD-PARTY-LICENSES.txt'),
  [...licenses.values()]
    .map(({ text, packages }) => `${packages.sort().join('\n')}\n\n${text.trim()}\n`)
    .join(`\n${'-'.repeat(78)}\n\n`),
);

// Point the compiled modules at the bundles: require("x") becomes require("<lib>/vendor/<group>.js")["x"].
for (const [file, text] of sources) {
  const rewritten = text.replace(REQUIRE, (call, _quote, specifier) => {
    const group = GROUPS.find(({ file: name, serves }) => serves(specifier) && groups.get(name).has(specifier));
    if (!group) return call;
    const target = relative(dirname(file), join(VENDOR, group.file)).split(sep).join('/');
    return `require(${JSON.stringify(target.startsWith('.') ? target : `./${target}`)})[${JSON.stringify(specifier)}]`;
  });
  if (rewritten !== text) await writeFile(file, rewritten);
}
