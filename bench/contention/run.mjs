#!/usr/bin/env node
// `node bench/contention/run.mjs`: what telling the browser each request's priority (Fetch
// `priority`, issue 14) changes when the link is contended. The loading bench's 300-slice CT
// (bench/loading/data.mjs) through the fault proxy at 30 Mbit/s; the page opens the series at its
// middle slice while PRIORS other schedulers prefetch prior series (the same frames, from the
// first slice on, at prefetch priority): 6 × (PRIORS + 1) requests for the browser's 6
// connections. Measured: page script start to the middle slice decoded, with the hints and
// without them (every fetch() at Chromium's default). Writes bench/results/contention.md.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrthanc, uploadDirectory } from '../../scripts/test/orthanc.mjs';
import { startFaultProxy } from '../../scripts/test/fault-proxy.mjs';
import { proxy } from '../../scripts/test/proxy.mjs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { OUT, ensureBenchSeries } from '../loading/data.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'bench/.tmp/contention/dist');
const MBPS = 30;
const PRIORS = Number(process.env.BENCH_PRIORS ?? 3);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
const SIDES = [
  { name: 'alone, with hints', priors: 0, hints: true },
  { name: `${PRIORS} priors prefetched, with hints`, priors: PRIORS, hints: true },
  { name: `${PRIORS} priors prefetched, no hints`, priors: PRIORS, hints: false },
];

const series = ensureBenchSeries();
const loadAtStart = os.loadavg();
const { build } = await import('vite');
await build({
  configFile: false,
  root: path.join(ROOT, 'bench/loading'),
  logLevel: 'warn',
  base: '/',
  build: {
    outDir: DIST,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    rollupOptions: { input: { courbaril: path.join(ROOT, 'bench/loading/courbaril.html') } },
  },
  worker: { format: 'es' },
});

const storageDir = mkdtempSync(path.join(tmpdir(), 'courbaril-bench-contention-'));
const orthanc = await startOrthanc({ storageDir });
const link = await startFaultProxy({ target: orthanc.url });
link.setFaults({ mbps: MBPS });
const server = await serveStatic({
  routes: { '/': DIST },
  middleware: [proxy({ prefix: '/slow-orthanc', target: link.url })],
});
const runs = new Map(SIDES.map((side) => [side.name, /** @type {number[]} */ ([])]));
let browser;
try {
  console.log(`Orthanc: ${await uploadDirectory(orthanc.url, path.join(OUT, 'part10'))} instances`);
  browser = await launchChromium();
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const side of repeat % 2 === 0 ? SIDES : [...SIDES].reverse()) {
      const firstMs = await firstImage(browser, side);
      console.log(`${side.name} #${repeat + 1}: first image ${firstMs.toFixed(0)} ms`);
      runs.get(side.name)?.push(firstMs);
    }
  }
} finally {
  await browser?.close();
  await server.close();
  await link.stop();
  await orthanc.stop();
  rmSync(storageDir, { recursive: true, force: true });
}
writeReport();

/** @param {import('puppeteer-core').Browser} browser @param {(typeof SIDES)[number]} side */
async function firstImage(browser, side) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const query = new URLSearchParams({
      root: '/slow-orthanc/dicom-web',
      study: series.studyInstanceUid,
      series: series.seriesInstanceUid,
      workers: '2',
      firstOnly: '1',
      priors: String(side.priors),
      ...(side.hints ? {} : { fetchPriority: 'off' }),
    });
    await page.goto(`${server.url}/courbaril.html?${query}`);
    const handle = await page.waitForFunction(() => window.benchResult, { timeout: 300_000 });
    const result = await handle.jsonValue();
    if ('error' in result) throw new Error(`${side.name}: ${result.error}`);
    return result.firstMs;
  } finally {
    await context.close();
  }
}

function writeReport() {
  const median = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  const rows = SIDES.map((side) => {
    const values = runs.get(side.name) ?? [];
    return `| ${side.name} | ${median(values).toFixed(0)} ms | ${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms |`;
  });
  const withHints = median(runs.get(SIDES[1].name) ?? []);
  const without = median(runs.get(SIDES[2].name) ?? []);
  const load = `${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} at the start, ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} at the end`;
  writeFileSync(
    path.join(ROOT, 'bench/results/contention.md'),
    `## Fetch priority on a contended link

The loading bench's ${series.slices}-slice CT (JPEG-LS, ~213 KB a slice) from Orthanc through the fault proxy at
${MBPS} Mbit/s. The page opens the series at its middle slice (Courbaril's SeriesLoader, scheduler and decode
pool) while ${PRIORS} other schedulers prefetch prior series (the same frames from the first slice on, at prefetch
priority, 6 requests in flight each): ${6 * (PRIORS + 1)} requests for the browser's 6 HTTP/1.1 connections to the
origin, so Chromium holds a queue. With hints the slice in view is told \`high\` and the priors \`low\`; without,
every \`fetch()\` goes at Chromium's default. "First image" = page script start (series metadata included) to the
middle slice fetched and decoded; fresh browser context per run, sides alternated, ${REPEATS} runs each.
Machine load ${load} (1 / 5 / 15 min).

| Page | First image (median) | Range |
| --- | --- | --- |
${rows.join('\n')}

With the link shared by ${PRIORS} prefetching priors, the slice in view comes ${(without / withHints).toFixed(2)}× sooner with the
hints (${without.toFixed(0)} ms without, ${withHints.toFixed(0)} ms with). Told \`low\`, the priors' requests leave
Chromium's queue after what the page asks of the origin at a higher priority: the slice in view (\`high\`), and, as
we read it, the decode worker's script and codec \`.wasm\`, which Chromium fetches at priorities of its own (not
traced request by request here). Left at Chromium's default (High), the priors' requests, refilled as each one ends,
keep going first. Alone on the link (first row) there is no queue to
reorder (see loading.md).
`,
  );
  console.log('bench/results/contention.md written');
}
