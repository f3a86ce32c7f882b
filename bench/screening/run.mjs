#!/usr/bin/env node
// `node bench/screening/run.mjs` (also run by `npm run bench`): a screening mammography case of eight
// views (four current 3328×4096, four prior 2560×3328, 12-bit, lossless JPEG 2000 and HTJ2K; see
// data.mjs) opened cold in headless Debian Chromium by Courbaril's loader (progressive previews, byte
// ranges where the server allows) and by @cornerstonejs/dicom-image-loader, from two servers — Orthanc
// (multipart/related frames only) and a static DICOMweb tree served with HTTP Range support — over
// loopback and through the fault proxy at 30 Mbit/s + 40 ms a request, beside the link floor.
// Then <cb-viewer> going to the next case of a reading list when that case is already here.
// Writes bench/results/screening.md. Filters: BENCH_CODECS=htj2k BENCH_SERVERS=static
// BENCH_LINKS=thin BENCH_SIDES=courbaril BENCH_NEXT=0; repeats: BENCH_REPEATS, BENCH_SLOW_REPEATS,
// BENCH_NEXT_REPEATS.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrthanc, uploadDirectory } from '../../scripts/test/orthanc.mjs';
import { startFaultProxy } from '../../scripts/test/fault-proxy.mjs';
import { proxy } from '../../scripts/test/proxy.mjs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { staticDicomweb } from '../../scripts/static-dicomweb.mjs';
import { OUT, ensureScreeningCases } from './data.mjs';
import { buildPages, DIST } from './pages.mjs';
import { writeReport } from './report.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const list = (name, all) => (process.env[name] ? process.env[name].split(',') : all);
const CODEC_NAMES = list('BENCH_CODECS', ['htj2k', 'j2k']);
const SERVERS = list('BENCH_SERVERS', ['static', 'orthanc']);
const SIDES = list('BENCH_SIDES', ['courbaril', 'cornerstone']);
/** The thin link of issue 18: 30 Mbit/s shared, 40 ms added to every request. */
const THIN = { mbps: 30, delayMs: 40 };
const LINKS = [
  {
    key: 'thin',
    name: `${THIN.mbps} Mbit/s + ${THIN.delayMs} ms`,
    repeats: Number(process.env.BENCH_SLOW_REPEATS ?? 2),
  },
  { key: 'loopback', name: 'Loopback', repeats: Number(process.env.BENCH_REPEATS ?? 3) },
].filter((link) => list('BENCH_LINKS', ['loopback', 'thin']).includes(link.key));
const NEXT_REPEATS = Number(process.env.BENCH_NEXT_REPEATS ?? 3);

const manifest = ensureScreeningCases();
const [caseA, caseB] = manifest.cases;
const loadAtStart = os.loadavg();
await buildPages(ROOT);

const storageDirs = [];
const stoppers = [];
const middleware = [];
/** Fault proxies in front of the static trees, by codec: the link check below reads through them. */
const thinStatic = new Map();
for (const codec of CODEC_NAMES) {
  // One Orthanc per codec: the two variants share their UIDs.
  const storageDir = mkdtempSync(path.join(tmpdir(), `courbaril-bench-screening-${codec}-`));
  storageDirs.push(storageDir);
  if (SERVERS.includes('orthanc')) {
    const orthanc = await startOrthanc({ storageDir });
    stoppers.push(() => orthanc.stop());
    console.log(
      `Orthanc (${codec}): ${await uploadDirectory(orthanc.url, path.join(OUT, codec, 'part10'))} instances uploaded`,
    );
    await mount(`orthanc-${codec}`, orthanc.url);
  }
  if (SERVERS.includes('static')) {
    const tree = staticDicomweb({ root: path.join(OUT, codec, 'dicom-web') });
    const server = http.createServer((req, res) =>
      tree(req, res, () => {
        res.writeHead(404);
        res.end();
      }),
    );
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    const address = server.address();
    stoppers.push(
      () =>
        new Promise((resolve) => {
          server.close(() => resolve(undefined));
          server.closeAllConnections();
        }),
    );
    const link = await mount(
      `static-${codec}`,
      `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    );
    thinStatic.set(codec, link);
  }
}

/** `/NAME` straight to the server, `/thin-NAME` through a fault proxy at the thin link's rate. */
async function mount(name, target) {
  const link = await startFaultProxy({ target });
  link.setFaults(THIN);
  stoppers.push(() => link.stop());
  middleware.push(
    proxy({ prefix: `/${name}`, target }),
    proxy({ prefix: `/thin-${name}`, target: link.url }),
  );
  return link;
}

/**
 * What this machine's fault proxy actually delivers: a Node client (no browser, no decoding)
 * fetching the eight frames at once, bare, through the thin link in front of the static tree.
 */
async function linkCheck(codec) {
  const link = thinStatic.get(codec);
  if (!link) return undefined;
  const urls = caseA.studies.flatMap(({ studyInstanceUid: study }) =>
    [1, 2, 3, 4].map(
      (n) =>
        `${link.url}/dicom-web/studies/${study}/series/${study}.1/instances/${study}.1.${n}/frames/1`,
    ),
  );
  const started = performance.now();
  const sizes = await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, {
        headers: { Accept: 'application/octet-stream; transfer-syntax=*' },
      });
      return (await response.arrayBuffer()).byteLength;
    }),
  );
  const ms = performance.now() - started;
  return { codec, ms, bytes: sizes.reduce((a, b) => a + b, 0) };
}

const site = await serveStatic({ routes: { '/': DIST }, middleware });
let browser;
const results = [];
const next = [];
const linkChecks = [];
try {
  browser = await launchChromium();
  for (const link of LINKS)
    for (const codec of CODEC_NAMES)
      for (const server of SERVERS) {
        const runs = Object.fromEntries(SIDES.map((side) => [side, []]));
        for (let repeat = 0; repeat < link.repeats; repeat++) {
          for (const side of repeat % 2 === 0 ? SIDES : [...SIDES].reverse()) {
            const root = `/${link.key === 'thin' ? 'thin-' : ''}${server}-${codec}/dicom-web`;
            const result = await measureCase(side, root);
            console.log(
              `${link.name} ${codec} ${server} ${side} #${repeat + 1}: ${'error' in result ? result.error : `metadata ${result.metadataMs.toFixed(0)} ms, 8 previews ${result.previewsMs.toFixed(0)} ms (${result.previews} drawn coarse), 8 full ${result.fullMs.toFixed(0)} ms; events ${result.order.join(' ')}; ranges ${result.requests.filter((r) => r.range).length}/${result.requests.length}`}`,
            );
            if (process.env.BENCH_DEBUG && 'requests' in result)
              for (const r of result.requests)
                console.log(
                  `  ${r.at.toFixed(0)} ms ${r.range || 'multipart'} ${r.path.slice(-40)}`,
                );
            runs[side].push(result);
          }
        }
        results.push({ link, codec, server, runs });
        // Written as it goes: a long run cut short still leaves what it measured.
        report();
      }
  if (LINKS.some((link) => link.key === 'thin'))
    for (const codec of CODEC_NAMES) {
      const check = await linkCheck(codec);
      if (!check) continue;
      console.log(
        `link check (${codec}): ${(check.bytes / 1e6).toFixed(1)} MB in ${check.ms.toFixed(0)} ms = ${((check.bytes * 8) / 1e3 / check.ms).toFixed(1)} Mbit/s`,
      );
      linkChecks.push(check);
    }
  if (process.env.BENCH_NEXT !== '0') {
    const codec = CODEC_NAMES[0];
    const server = SERVERS[0];
    for (const phase of ['memory', 'cache']) {
      const runs = [];
      for (let repeat = 0; repeat < NEXT_REPEATS; repeat++) {
        const result = await measureNext(phase, `/${server}-${codec}/dicom-web`);
        console.log(
          `next case (${phase}, ${codec}, ${server}) #${repeat + 1}: ${'error' in result ? result.error : `all 8 full ${result.nextMs.toFixed(0)} ms, 8 drawn ${result.previewMs.toFixed(0)} ms, ${result.frameRequests} frame requests`}`,
        );
        runs.push(result);
      }
      next.push({ phase, codec, server, runs });
      report();
    }
  }
} finally {
  await browser?.close();
  await site.close();
  for (const stop of stoppers.reverse()) await stop();
  for (const dir of storageDirs) rmSync(dir, { recursive: true, force: true });
}
report();

function report() {
  writeReport({
    root: ROOT,
    results,
    next,
    manifest,
    thin: THIN,
    linkChecks,
    loadAtStart,
    metadataBytes: metadataBytes(),
  });
}

/** One cold open of case A (fresh browser context: no HTTP cache, no IndexedDB, workers cold). */
async function measureCase(side, root) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log(`[${side}] ${m.text()}`));
    const query = new URLSearchParams({
      root,
      studies: caseA.studies.map((s) => s.studyInstanceUid).join(','),
      workers: '2',
    });
    if (process.env.BENCH_DEBUG) query.set('debug', '1');
    await page.goto(
      `${site.url}/${side === 'cornerstone' ? 'cornerstone' : 'courbaril'}.html?${query}`,
    );
    return await pollResult(page, side);
  } finally {
    await context.close();
  }
}

/**
 * Case B after case A in <cb-viewer>. `cache`: B was opened (and stored in IndexedDB) by an earlier
 * page of the same profile; this page opens A, then B. `memory`: one page opens B, A, then B again.
 */
async function measureNext(phase, root) {
  const context = await browser.createBrowserContext();
  try {
    const query = new URLSearchParams({
      root,
      patientA: caseA.patientId,
      studiesA: caseA.studies.map((s) => s.studyInstanceUid).join(','),
      patientB: caseB.patientId,
      studiesB: caseB.studies.map((s) => s.studyInstanceUid).join(','),
    });
    if (phase === 'cache') {
      const fill = await context.newPage();
      await fill.goto(`${site.url}/viewer.html?${query}&phase=fill`);
      const filled = await pollResult(fill, 'fill');
      await fill.close();
      if ('error' in filled) return filled;
    }
    const page = await context.newPage();
    if (process.env.BENCH_DEBUG) page.on('console', (m) => console.log(`[viewer] ${m.text()}`));
    await page.setViewport({ width: 1600, height: 1000 });
    await page.goto(`${site.url}/viewer.html?${query}&phase=${phase}`);
    return await pollResult(page, 'viewer');
  } finally {
    await context.close();
  }
}

/** Polled from Node: one long waitForFunction call would hit the CDP protocol timeout on slow links. */
async function pollResult(page, side) {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const result = await page.evaluate(() => window.screeningResult ?? window.screeningNext);
    if (result) return result;
    if (Date.now() > deadline) return { error: `${side}: no result within 10 minutes` };
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Bytes of case A's study metadata as the static tree stores it (what the floor counts first). */
function metadataBytes() {
  let total = 0;
  for (const { studyInstanceUid } of caseA.studies)
    total += statSync(
      path.join(
        OUT,
        CODEC_NAMES[0] ?? 'htj2k',
        'dicom-web',
        'studies',
        studyInstanceUid,
        'metadata.json',
      ),
    ).size;
  return total;
}
