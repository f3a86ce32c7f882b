// Issue 13 item 9, "memory returns": one page opens and closes 30 studies of the demo patient in
// <cb-viewer> (the 8-view screening mammogram — current and prior, 4 views each — among them),
// through the Orthanc `npm test` starts, with the persistent cache. After the last viewer is
// removed, the JS heap (after forced collections, CDP HeapProfiler.collectGarbage and
// Runtime.getHeapUsage), the live workers, the open IndexedDB connections and the page's
// unfinished requests are back within 10 % of (or at) the baseline, taken in the same state (no
// viewer) after two warm-up openings of each kind of study (modules, ICU data, per-modality
// code and V8's compiled code stay; what must not stay is what each opening adds).
//
// The page loads the standalone build (`npm run build`, dist/standalone) from a static server
// with a same-origin proxy to Orthanc, not the Vite dev server. Through the dev server, under a
// load average of 14, an opening's history searches once stayed queued behind decode-worker
// module loads that never finished; not reproduced here at a load of 2–7. What the dev server
// adds: the worker's graph as dozens of modules transformed on request, all competing with the
// searches for Chromium's six connections to the one host, and dependency optimization that
// reloads the page. What is ours is asserted below and holds with the build: no worker outlives
// its viewer (CDP targets) and every fetch of the page ends (none left with its body unread).
//
// What it caught: every disposed viewer stayed reachable (heap +26 to +30 % after 30 openings,
// ≈50 KB each) through Comlink's FinalizationRegistry, which holds each worker strongly, and the
// resolver of a call the terminated worker never answered (DecodePool now releases the proxy).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { proxy } from '../../scripts/test/proxy.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { plainPage, STANDALONE } from '../standalone/standalone-page.mjs';

const orthanc = process.env.ORTHANC_URL;
const OPENINGS = 30;

/** Installed before any page script: counts IndexedDB connections opened and not yet closed. */
function countIndexedDbConnections() {
  let open = 0;
  Object.defineProperty(window, '__idbOpen', { get: () => open });
  const factoryOpen = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const request = factoryOpen.apply(this, args);
    request.addEventListener('success', () => {
      const db = request.result;
      let closed = false;
      const gone = () => {
        if (closed) return;
        closed = true;
        open--;
      };
      const close = db.close.bind(db);
      db.close = () => {
        gone();
        close();
      };
      // The browser may end a connection itself (storage cleared): it is gone too.
      db.addEventListener('close', gone);
      open++;
    });
    return request;
  };
}

/** Opens one study in a fresh <cb-viewer>, waits until every cell has drawn, then removes it. */
async function openAndClose(page, attributes) {
  await page.evaluate(async (attrs) => {
    const viewer = document.createElement('cb-viewer');
    viewer.style.cssText = 'display:flex;width:1200px;height:800px';
    for (const [name, value] of Object.entries(attrs)) viewer.setAttribute(name, value);
    const errors = [];
    viewer.addEventListener('cb-error', (event) => errors.push(event.detail.code));
    document.body.append(viewer);
    const deadline = performance.now() + 60_000;
    for (;;) {
      const viewports = [...(viewer.shadowRoot?.querySelectorAll('cb-viewport') ?? [])];
      if (viewports.length > 0 && viewports.every((v) => v.currentImage !== undefined)) break;
      if (performance.now() > deadline) {
        const drawn = viewports.filter((v) => v.currentImage !== undefined).length;
        const studies = viewer.shadowRoot?.querySelector('cb-study-browser')?.studies?.length;
        const cache = viewer.viewerServices?.cache.state;
        const state = `${drawn} of ${viewports.length} cells drawn, ${studies} studies listed, cache ${cache}, errors: ${errors.join(' ')}`;
        throw new Error(`study ${attrs.study} did not render (${state})`);
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    window.__cells =
      (window.__cells ?? 0) + viewer.shadowRoot.querySelectorAll('cb-viewport').length;
    viewer.remove();
  }, attributes);
}

/**
 * Elements of this custom element's class still in the heap (CDP Runtime.queryObjects walks
 * the heap for objects whose prototype chain holds it): free of the heap size's noise.
 */
async function countLive(cdp, tag) {
  const { result: prototype } = await cdp.send('Runtime.evaluate', {
    expression: `customElements.get(${JSON.stringify(tag)}).prototype`,
  });
  const { objects } = await cdp.send('Runtime.queryObjects', {
    prototypeObjectId: prototype.objectId,
  });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: objects.objectId });
  await cdp.send('Runtime.releaseObject', { objectId: prototype.objectId });
  return result.value;
}

/**
 * Waits until the closed viewers' asynchronous disposal has run (workers terminated, cache
 * closed, requests ended) or 20 s passed, then measures after forced collections.
 * @param {import('puppeteer-core').Page} page @param {Set<import('puppeteer-core').HTTPRequest>} pending requests not yet ended
 */
async function measure(page, cdp, pending, workersBefore = 0) {
  const deadline = Date.now() + 20_000;
  const settled = async () =>
    page.workers().length <= workersBefore &&
    pending.size === 0 &&
    (await page.evaluate(() => window.__idbOpen)) === 0;
  while (!(await settled()) && Date.now() < deadline) {
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
  // A collection finds the FinalizationRegistry callbacks and WeakRef targets of the current
  // task; they go only after the page has run a task, and what waits for an animation frame
  // only after the next frame: collect, let the page run a frame and a task, five times over,
  // and keep the smallest reading (the same at both ends). A closed viewer may still be held
  // for a moment after that, in CI and on fresh clones: one viewer beyond the allowed one was
  // counted in some runs and was gone at the next collection 100 ms later (what held it was not
  // traced; work the viewer scheduled before it closed is suspected, such as its background
  // start: 300 ms, then up to 1 s for an idle period). So the reading is repeated until no viewer
  // beyond the allowed one is left, for up to 5 s: a leaked viewer never goes, and fails below.
  const collect = async () => {
    const readings = [];
    for (let i = 0; i < 5; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))),
      );
      readings.push((await cdp.send('Runtime.getHeapUsage')).usedSize);
    }
    return {
      readings,
      viewers: await countLive(cdp, 'cb-viewer'),
      cells: await countLive(cdp, 'cb-viewport'),
    };
  };
  const patience = Date.now() + 5_000;
  let collected = await collect();
  while ((collected.viewers > 1 || collected.cells > 0) && Date.now() < patience) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    collected = await collect();
  }
  const { readings, viewers, cells } = collected;
  return {
    heap: Math.min(...readings),
    readings,
    viewers,
    cells,
    workers: page.workers().length,
    connections: await page.evaluate(() => window.__idbOpen),
    pending: [...pending].map((request) => new URL(request.url()).pathname.slice(0, 60)),
  };
}

test(
  `memory, workers and IndexedDB connections return after ${OPENINGS} studies opened and closed in one page`,
  {
    skip: !orthanc && 'ORTHANC_URL not set (run through npm test)',
    timeout: 240_000,
  },
  async (t) => {
    assert.ok(existsSync(`${STANDALONE}/courbaril.js`), 'run `npm run build` first');
    const demo = JSON.parse(readFileSync('test/.tmp/data/manifest.json', 'utf8'));
    const { studies, patient } = demo;
    const base = { server: '/dicom-web', 'patient-id': patient.patientId, 'prefetch-budget': '0' };
    const mammogram = { ...base, study: studies.currentMg.studyInstanceUid, compare: 'prior' };
    const cycle = [
      mammogram,
      ...['currentCt', 'currentUs', 'currentCr', 'priorCt', 'priorUs'].map((name) => ({
        ...base,
        study: studies[name].studyInstanceUid,
      })),
    ];
    const server = await serveStatic({
      routes: { '/courbaril/': STANDALONE },
      middleware: [proxy({ prefix: '/dicom-web', target: `${orthanc}/dicom-web` })],
      pages: { '/': plainPage('') },
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(countIndexedDbConnections);
      /** Requests of the page not yet finished or failed (a body left unread would stay here). */
      const pending = new Set();
      // The page's own fetches (DICOMweb), each by itself (the same URL may be asked twice).
      // Not a worker's: its script load or its codec's .wasm fetch cut by terminate() gets no
      // DevTools end event (Chromium drops the worker's target first); a worker left behind is
      // what `workers` counts.
      page.on('request', (request) => {
        if (request.resourceType() === 'fetch' && request.frame() !== null) pending.add(request);
      });
      page.on('requestfinished', (request) => pending.delete(request));
      page.on('requestfailed', (request) => pending.delete(request));
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => customElements.get('cb-viewer') !== undefined);
      const cdp = await page.createCDPSession();
      // Warm-up: each kind of study twice, so lazily loaded code and what V8 compiles and
      // optimizes as the openings repeat (≈0.2 MB of code objects after one round, in heap
      // snapshots) is in the baseline; the second round leaves the heap where 30 more put it.
      for (const attributes of [...cycle, ...cycle]) await openAndClose(page, attributes);
      const baseline = await measure(page, cdp, pending);
      for (let i = 0; i < OPENINGS; i++) await openAndClose(page, cycle[i % cycle.length]);
      const after = await measure(page, cdp, pending, baseline.workers);
      const cells = await page.evaluate(() => window.__cells);
      // The mammogram opened with its prior: 8 views, 5 times over plus twice in the warm-up.
      assert.ok(cells >= 7 * 8, `cells drawn: ${cells}`);
      const report = JSON.stringify({ baseline, after });
      t.diagnostic(report);
      assert.ok(
        after.heap <= baseline.heap * 1.1,
        `JS heap within 10 % of the baseline: ${report}`,
      );
      // Chromium's form-element observer may keep the last closed viewer (its <select>): one
      // at most; every other viewer kept is a leak (11 of 39 before the Comlink fix, +31 % heap).
      assert.ok(after.viewers <= 1, `no viewer kept: ${report}`);
      assert.ok(after.cells <= 8, `no cell kept: ${report}`);
      assert.ok(after.workers <= baseline.workers, `no worker left behind: ${report}`);
      assert.equal(after.connections, 0, `every viewer closed its IndexedDB connection: ${report}`);
      assert.deepEqual(after.pending, [], `every request of the page ended: ${report}`);
    } finally {
      await browser.close();
      await server.close();
    }
  },
);
