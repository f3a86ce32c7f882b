#!/usr/bin/env node
// `node bench/thin/run.mjs` ("Thin links", issue 18): the loading bench's 300-slice JPEG-LS CT,
// served by a real Orthanc through the fault proxy's link model (rate + round trip + jitter,
// scripts/test/fault-proxy.mjs LINK_PROFILES), opened cold in headless Debian Chromium by
// <cb-viewer>, Courbaril's loader classes and @cornerstonejs/dicom-image-loader, beside a page
// that only fetches the needed bytes and beside the computed floor. On loopback it also breaks a
// cold first image down step by step (issue 18 item 7). Writes bench/results/thin.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrthanc, uploadDirectory } from '../../scripts/test/orthanc.mjs';
import { LINK_PROFILES, startFaultProxy } from '../../scripts/test/fault-proxy.mjs';
import { proxy } from '../../scripts/test/proxy.mjs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { OUT, ensureBenchSeries } from '../loading/data.mjs';
import { buildPages } from '../loading/build-pages.mjs';
import { measureNeeded } from './needed.mjs';
import { writeReport } from './report.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST = path.join(ROOT, 'bench/.tmp/thin/dist');
const RAW = path.join(ROOT, 'bench/.tmp/thin/runs.json');
const WORKERS = 2;
const FAST = Number(process.env.BENCH_REPEATS ?? 5);
const SLOW = Number(process.env.BENCH_SLOW_REPEATS ?? 3);
/** Links, each with its repeats; whole series only where a run takes seconds, not a minute. */
const LINKS = [
  { name: 'Loopback', faults: {}, repeats: FAST, wholeSeries: true },
  ...Object.entries(LINK_PROFILES).map(([name, faults]) => ({
    name,
    faults,
    repeats: SLOW,
    wholeSeries: faults.mbps >= 30,
  })),
].filter(
  (spec) =>
    !process.env.BENCH_LINKS ||
    process.env.BENCH_LINKS.split(',').some((n) => spec.name.startsWith(n)),
);
/** Pages: path and query of each side; `first` sides run the first-image case. */
const SIDES = {
  viewer: { page: 'thin/viewer.html', label: '`<cb-viewer>`' },
  courbaril: { page: 'loading/courbaril.html', label: 'Courbaril loader' },
  cornerstone: { page: 'cornerstone.html', label: 'Cornerstone loader' },
  'fetch-instance': { page: 'thin/fetch.html', label: 'bare fetch (instance)', mode: 'instance' },
  'fetch-series': {
    page: 'thin/fetch.html',
    label: 'bare fetch (series metadata)',
    mode: 'series',
  },
};
const FIRST_SIDES = (process.env.BENCH_SIDES ?? Object.keys(SIDES).join(',')).split(',');
const SERIES_SIDES = ['courbaril', 'cornerstone'];
/**
 * A first image not there after this long is recorded as later than it: Cornerstone's middle
 * slice comes with the rest of the series (a minute at 8 Mbit/s), which would take the
 * section far past its time budget.
 */
const FIRST_LIMIT_MS = Number(process.env.BENCH_FIRST_LIMIT_MS ?? 20_000);

if (process.argv.includes('--report')) {
  const raw = JSON.parse(readFileSync(RAW, 'utf8'), (_, v) => (v === 'Infinity' ? Infinity : v));
  writeReport({ root: ROOT, ...raw, sides: SIDES, workers: WORKERS, firstLimitMs: FIRST_LIMIT_MS });
  process.exit(0);
}
const series = ensureBenchSeries();
const middle = Math.floor(series.slices / 2);
// data.mjs names slice z `${series}.${z + 1}`, sorted by position: the middle slice of the stack.
const middleSop = `${series.seriesInstanceUid}.${middle + 1}`;
const loadAtStart = os.loadavg();
const started = Date.now();
await buildPages(DIST, {
  root: path.join(ROOT, 'bench'),
  inputs: {
    thinViewer: path.join(ROOT, 'bench/thin/viewer.html'),
    thinFetch: path.join(ROOT, 'bench/thin/fetch.html'),
  },
});

const storageDir = mkdtempSync(path.join(tmpdir(), 'courbaril-bench-thin-'));
const orthanc = await startOrthanc({ storageDir });
const link = await startFaultProxy({ target: orthanc.url });
const server = await serveStatic({
  routes: { '/': DIST },
  middleware: [proxy({ prefix: '/link', target: link.url })],
});
let browser;
const first = [];
const whole = [];
let needed;
try {
  console.log(
    `Orthanc: ${await uploadDirectory(orthanc.url, path.join(OUT, 'part10'))} instances uploaded`,
  );
  needed = await measureNeeded(orthanc.url, series, middleSop);
  browser = await launchChromium();
  for (const spec of LINKS) {
    const runs = Object.fromEntries(FIRST_SIDES.map((side) => [side, []]));
    const seriesRuns = Object.fromEntries(SERIES_SIDES.map((side) => [side, []]));
    for (let repeat = 0; repeat < spec.repeats; repeat++) {
      const order = repeat % 2 === 0 ? FIRST_SIDES : [...FIRST_SIDES].reverse();
      for (const side of order) {
        const result = await measure(spec, side, true);
        console.log(
          `${spec.name} first image, ${side} #${repeat + 1}: ${result.censored ? `> ${FIRST_LIMIT_MS}` : result.firstMs.toFixed(0)} ms, ${(result.bytes / 1e3).toFixed(0)} kB sent by then`,
        );
        runs[side].push(result);
      }
    }
    first.push({ link: spec, runs });
    if (!spec.wholeSeries || process.env.BENCH_WHOLE === '0') continue;
    const repeats = Math.min(spec.repeats, SLOW);
    for (let repeat = 0; repeat < repeats; repeat++) {
      const order = repeat % 2 === 0 ? SERIES_SIDES : [...SERIES_SIDES].reverse();
      for (const side of order) {
        const result = await measure(spec, side, false);
        console.log(
          `${spec.name} whole series, ${side} #${repeat + 1}: ${result.allMs.toFixed(0)} ms, ${(result.bytes / 1e6).toFixed(1)} MB sent`,
        );
        seriesRuns[side].push(result);
      }
    }
    whole.push({ link: spec, runs: seriesRuns });
  }
} finally {
  await browser?.close();
  await server.close();
  await link.stop();
  await orthanc.stop();
  rmSync(storageDir, { recursive: true, force: true });
}
// The raw runs beside the dist, so the report can be rewritten without measuring again
// (`node bench/thin/run.mjs --report`).
writeFileSync(
  RAW,
  JSON.stringify(
    { series, needed, first, whole, loadAtStart, minutes: (Date.now() - started) / 60000 },
    (_, v) => (v === Infinity ? 'Infinity' : v),
  ),
);
writeReport({
  root: ROOT,
  series,
  needed,
  first,
  whole,
  sides: SIDES,
  workers: WORKERS,
  firstLimitMs: FIRST_LIMIT_MS,
  loadAtStart,
  minutes: (Date.now() - started) / 60000,
});

/**
 * One cold page (fresh browser context: no HTTP cache, no IndexedDB, no compiled code) on the
 * link. `firstOnly`: until the first image; else until every slice is decoded. Returns the
 * page's result with times from the navigation, the bytes that had crossed the link by then,
 * and (loopback) the page's and its workers' timelines.
 */
async function measure(spec, side, firstOnly) {
  link.reset();
  // No connection survives from the last run: the Node proxy in front of the link keeps its
  // sockets alive, and a cold page's first request must pay the handshake.
  link.closeConnections();
  link.setFaults(spec.faults);
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1024, height: 768, deviceScaleFactor: 1 });
    if (process.env.BENCH_DEBUG) {
      page.on('console', (m) => console.log(`[${side}] ${m.text()}`));
      page.on('pageerror', (e) => console.log(`[${side}] pageerror ${e.stack}`));
    }
    const { page: file, mode } = SIDES[side];
    const query = new URLSearchParams({
      root: '/link/dicom-web',
      study: series.studyInstanceUid,
      series: series.seriesInstanceUid,
      sop: middleSop,
      workers: String(WORKERS),
      ...(firstOnly ? { firstOnly: '1' } : {}),
      ...(mode ? { mode } : {}),
    });
    await page.goto(`${server.url}/${file}?${query}`);
    let result;
    const deadline = Date.now() + (firstOnly ? FIRST_LIMIT_MS : 300_000);
    // Polled from Node: one long waitForFunction would hit the CDP protocol timeout on slow links.
    while (!(result = await page.evaluate(() => window.benchResult))) {
      if (Date.now() > deadline) {
        if (!firstOnly) throw new Error(`${side} on ${spec.name}: no result in 5 min`);
        // A first image later than the limit is reported as "> limit" (the section's time budget).
        return { firstMs: Infinity, allMs: Infinity, bytes: link.counters.bytes, censored: true };
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if ('error' in result) throw new Error(`${side} on ${spec.name}: ${result.error}`);
    if (!firstOnly && result.frames !== series.slices)
      throw new Error(`${side}: ${result.frames} frames`);
    const page0 = await page.evaluate(() => performance.timeOrigin);
    const firstAt = result.startedMs + result.firstMs;
    const allAt = result.startedMs + result.allMs;
    // <cb-viewer> only: its first picture of any quality (a labelled preview may come first).
    const pictureAt =
      result.pictureMs === undefined ? undefined : result.startedMs + result.pictureMs;
    const timeline =
      spec.name === 'Loopback' && firstOnly ? await timelines(page, page0, result) : undefined;
    return {
      ...result,
      // From the navigation, for every page alike (script loading is part of a cold start).
      firstMs: firstAt,
      allMs: allAt,
      bytes: link.bytesBefore(page0 + (firstOnly ? firstAt : allAt)),
      ...(pictureAt === undefined
        ? {}
        : { pictureMs: pictureAt, pictureBytes: link.bytesBefore(page0 + pictureAt) }),
      timeline,
    };
  } finally {
    await context.close();
  }
}

/**
 * The cold first image step by step, in the page's clock (ms from the navigation): the page's
 * resource entries and marks, and each decode worker's marks (its own clock, shifted by the
 * difference of time origins).
 */
async function timelines(page, pageOrigin, result) {
  const sop = result.sopInstanceUid ?? middleSop;
  const inPage = await page.evaluate((sop) => {
    const resources = performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/link/dicom-web'));
    const metadata = resources.find((e) => /\/metadata(\?|$)/.test(e.name));
    const frame = resources.find((e) => e.name.includes(sop) && /\/frames\//.test(e.name));
    const context = performance.getEntriesByName('courbaril:render-context')[0];
    return {
      firstRequest: resources[0]?.startTime,
      metadataSent: metadata?.startTime,
      metadataIn: metadata?.responseEnd,
      frameSent: frame?.startTime,
      frameIn: frame?.responseEnd,
      renderContextStart: context?.startTime,
      renderContext: context && context.startTime + context.duration,
    };
  }, sop);
  const workers = await Promise.all(
    page.workers().map((worker) =>
      worker
        .evaluate(() => ({
          origin: performance.timeOrigin,
          marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
        }))
        .catch(() => undefined),
    ),
  );
  const earliest = (prefix) => {
    const times = workers
      .filter(Boolean)
      .flatMap((w) =>
        w.marks
          .filter(([name]) => name.startsWith(prefix))
          .map(([, t]) => w.origin + t - pageOrigin),
      );
    return times.length ? Math.min(...times) : undefined;
  };
  return {
    script: result.startedMs,
    ...inPage,
    workerReady: earliest('courbaril:decode-worker-ready'),
    codecReady: earliest('courbaril:codec-ready'),
    decoded: earliest('courbaril:first-decode'),
    drawn: result.firstMs + result.startedMs,
  };
}
