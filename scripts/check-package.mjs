// What `npm publish` would ship, checked like a library people trust (issue 19): the file list
// of `npm publish --dry-run` (no sources, tests or node_modules; every worker, codec and .wasm
// present), every `exports` target packed, types resolving for ESM and bundlers
// (@arethetypeswrong/cli), and the standalone build within its size budgets. Run after
// `npm run build`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { measureSizes } from './build/size-budget.mjs';

const problems = [];
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
// `npm publish --dry-run`, as a release would run it (npm 11 keys its JSON by package name,
// npm 10 does not); it uploads nothing, and warns only that no one is logged in.
const published = JSON.parse(
  execFileSync('npm', ['publish', '--dry-run', '--json', '--ignore-scripts'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }),
);
const packed = published[pkg.name] ?? published;
const files = new Set(packed.files.map((f) => f.path));
const list = [...files];

for (const bad of [/(^|\/)node_modules\//, /^src\//, /\.test\.(ts|js)$/, /^test\//]) {
  const found = list.filter((f) => bad.test(f));
  if (found.length) problems.push(`packed but should not be: ${found.slice(0, 5).join(', ')}`);
}
const required = [
  'README.md',
  'CHANGELOG.md',
  'custom-elements.json',
  'dist/lib/index.js',
  'dist/lib/index.d.ts',
  'dist/lib/define.js',
  'dist/lib/workers/decode-worker.js',
  'dist/lib/workers/volume-worker.js',
  'dist/lib/jsx/react.d.ts',
  'dist/lib/jsx/preact.d.ts',
  'dist/lib/jsx/vue.d.ts',
  'dist/lib/jsx/svelte.d.ts',
  'dist/lib/jsx/react-wrapper.js',
  'dist/standalone/courbaril.js',
  'dist/standalone/assets/decode-worker.js',
  'dist/standalone/assets/volume-worker.js',
];
for (const file of required) if (!files.has(file)) problems.push(`not packed: ${file}`);
for (const [where, count] of [
  [/^dist\/lib\/assets\/.*\.wasm$/, 4],
  [/^dist\/standalone\/assets\/.*\.wasm$/, 4],
  [/^dist\/lib\/codecs\/glue\/[^/]+\.js$/, 8],
]) {
  const found = list.filter((f) => where.test(f)).length;
  if (found !== count) problems.push(`${where}: ${found} files packed, expected ${count}`);
}

/** Every string target of package.json `exports`, whatever its condition. */
const targets = (value) =>
  typeof value === 'string' ? [value] : Object.values(value ?? {}).flatMap(targets);
for (const target of targets(pkg.exports)) {
  const file = target.replace(/^\.\//, '');
  if (file !== 'package.json' && !files.has(file))
    problems.push(`exports target not packed: ${target}`);
}

// Types resolve for `import` in Node 16+ and bundlers (the package is ESM only).
try {
  execFileSync('npx', ['attw', '--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
} catch (error) {
  problems.push(`@arethetypeswrong/cli: ${error.stdout ?? error.message}`);
}

console.log(`${packed.filename}: ${files.size} files, ${packed.unpackedSize} bytes unpacked`);
for (const { name, bytes, budget } of measureSizes()) {
  console.log(`  ${name.padEnd(30)} ${String(bytes).padStart(8)} B gzip (budget ${budget})`);
  if (bytes > budget) problems.push(`${name}: ${bytes} B gzip, over its budget of ${budget} B`);
}
if (problems.length) {
  console.error(problems.map((p) => `✘ ${p}`).join('\n'));
  process.exitCode = 1;
}
