// Bundle sizes: what a page downloads from the standalone build (gzip, level 9), the core and
// each codec family, against its budget (scripts/build/size-budget.mjs), beside the same codec
// as its npm package ships it (glue + .wasm, gzip) as the reference. Needs `npm run build`.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { measureSizes } from '../../scripts/build/size-budget.mjs';

const require = createRequire(import.meta.url);
const PACKAGES = {
  'JPEG-LS (CharLS)': [
    '@cornerstonejs/codec-charls/decodewasmjs',
    '@cornerstonejs/codec-charls/decodewasm',
  ],
  'JPEG 2000 (OpenJPEG)': [
    '@cornerstonejs/codec-openjpeg/decodewasmjs',
    '@cornerstonejs/codec-openjpeg/decodewasm',
  ],
  'HTJ2K (OpenJPH)': ['@cornerstonejs/codec-openjph/wasmjs', '@cornerstonejs/codec-openjph/wasm'],
  'JPEG baseline (libjpeg-turbo)': [
    '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs',
    '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm',
  ],
};
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const rows = measureSizes().map(({ name, bytes, budget }) => {
  const reference = PACKAGES[name]?.reduce((sum, id) => sum + gzipped(require.resolve(id)), 0);
  return `| ${name} | ${kb(bytes)} | ${kb(budget)} | ${bytes <= budget ? 'yes' : '**no**'} | ${
    reference ? `${kb(reference)} | ${(bytes / reference).toFixed(2)}×` : '– | –'
  } |`;
});
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/size.md',
  `## Bundle size: standalone build, gzip

What a page downloads (gzip level 9): the core module (elements and API), the decode worker, and each codec family
when its first frame arrives (its chunk, shared codec helpers, its \`.wasm\`). Budgets fail \`npm test\`
(scripts/check-package.mjs). Reference: the codec's npm package as published (emscripten glue + \`.wasm\`, gzip);
ratio = Courbaril ÷ package (our glue is ES modules without Node branches, plus the codec's own TypeScript).
Measured ${new Date().toISOString()}.

| part | gzip | budget | within | codec package | ratio |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`,
);
console.log(readFileSync('bench/results/size.md', 'utf8'));
