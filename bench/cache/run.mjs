// `node bench/cache/run.mjs`: a 300-frame series (~250 KB a frame, the size of a losslessly
// compressed 512² CT slice) read back from the IndexedDB cache, plain and encrypted, against the
// same bytes fetched over loopback from the test runner's static server, in the same page and run.
// This measures the store alone: the loader (src/dicomweb) and Orthanc are not in the loop yet.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';

const OUT = 'bench/.tmp/cache';
const FRAMES = 300;
const FRAME_BYTES = 250_000;
const REPEATS = 5;
mkdirSync(OUT, { recursive: true });
mkdirSync('bench/results', { recursive: true });
// Random bytes: compressed pixel data does not compress further, so neither side gains from gzip.
for (let i = 0; i < FRAMES; i += 1)
  writeFileSync(`${OUT}/frame-${String(i).padStart(3, '0')}.bin`, randomBytes(FRAME_BYTES));
writeFileSync(
  `${OUT}/setup.json`,
  JSON.stringify({ frames: FRAMES, frameBytes: FRAME_BYTES, repeats: REPEATS }),
);

const wtr = spawnSync(
  'npx',
  ['wtr', '--config', 'web-test-runner.config.mjs', '--files', 'bench/cache/cache.bench.ts'],
  {
    encoding: 'utf8',
  },
);
const seen = new Set();
const results = `${wtr.stdout}\n${wtr.stderr}`
  .split('\n')
  .filter((line) => line.includes('BENCH {'))
  .map((line) => line.slice(line.indexOf('{')))
  .filter((json) => !seen.has(json) && seen.add(json))
  .map((json) => JSON.parse(json));
const byKind = Object.fromEntries(results.map((r) => [r.kind, r]));
if (!byKind.network || !byKind.cache || !byKind['cache-encrypted']) {
  console.error(wtr.stdout, wtr.stderr);
  throw new Error('cache bench produced no results');
}
const ms = (value) => `${value.toFixed(1)} ms`;
const ratio = (reference, value) => `${(reference / value).toFixed(1)}×`;
const row = (label, r) =>
  `| ${label} | ${ms(r.first)} | ${ms(r.all)} | ${((r.mb * 1000) / r.all).toFixed(0)} MB/s | ${ratio(byKind.network.first, r.first)} | ${ratio(byKind.network.all, r.all)} |`;
writeFileSync(
  'bench/results/cache.md',
  `## Series cache (IndexedDB) vs loopback network — store alone

${FRAMES} frames of ${FRAME_BYTES / 1000} KB (${byKind.network.mb.toFixed(0)} MB), the middle slice alone first (the image in view),
then the other 299 at once; median of ${REPEATS} interleaved runs in one headless Chromium page. "First" includes opening
the database (a new \`SeriesCache\` per run, as a viewer reopening a study). Speed-up is network ÷ cache
(higher is better). **Not yet the issue's end-to-end figure**: the network side is a static file
server on loopback, not Orthanc WADO-RS through the loader, and no frame is decoded; that
comparison needs the loader wired to the cache (src/dicomweb) and is still to do.

| Source | First frame | Whole series | Throughput | Speed-up, first | Speed-up, series |
| --- | --- | --- | --- | --- | --- |
${row('Loopback static server (fetch)', byKind.network)}
${row('IndexedDB cache', byKind.cache)}
${row('IndexedDB cache, AES-GCM encrypted', byKind['cache-encrypted'])}

Writing the ${FRAMES} frames into the cache (batched transactions, SHA-256 per frame): ${ms(byKind.cache.writeMs)} plain,
${ms(byKind['cache-encrypted'].writeMs)} encrypted. Targets (issue 6): first image from cache ≤ 100 ms; whole series ≥ 5× faster than the network.
`,
);
console.log(`bench/results/cache.md written`);
