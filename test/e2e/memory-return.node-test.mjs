// Issue 13 item 9, "memory returns": one page opens and closes 30 studies of the demo patient in
// <cb-viewer> (the 8-view screening mammogram — current and prior, 4 views each — among them),
// through the Orthanc `npm test` starts, with the persistent cache. After the last viewer is
// removed, the JS heap (after a forced collection, CDP HeapProfiler.collectGarbage and
// Runtime.getHeapUsage), the live workers and the open IndexedDB connections are back within
// 10 % of the baseline taken after one warm-up opening (modules, codecs and ICU data loaded once
// stay loaded; what must not stay is what each opening adds).
//
// NOT YET PASSING, so it runs only with CB_MEMORY_TEST=1 (issue 13 item 9 is open):
// - workers and IndexedDB connections do return (0 and 0 after 30 openings);
// - the JS heap does not: +26 to +30 % (5.8–6.1 MB → 7.6–7.7 MB) with the history read cache
//   first, as before issue 13; the retained objects are not identified yet;
// - with the history asked of the server first (issue 13 item 2), an opening after the fifth or
//   so never gets its QIDO series searches answered here (Vite dev server proxying to Orthanc,
//   under a load average of 14): they stay queued behind decode-worker script loads that never
//   finish. Not diagnosed: a dev-server artefact or a connection leak of ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { freePort } from '../../scripts/test/orthanc.mjs';

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
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    window.__cells =
      (window.__cells ?? 0) + viewer.shadowRoot.querySelectorAll('cb-viewport').length;
    viewer.remove();
  }, attributes);
}

async function measure(page, cdp) {
  // Closing a viewer disposes its services asynchronously (cache close, worker termination).
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return {
    heap: usedSize,
    workers: page.workers().length,
    connections: await page.evaluate(() => window.__idbOpen),
  };
}

test(
  `memory, workers and IndexedDB connections return after ${OPENINGS} studies opened and closed in one page`,
  {
    skip:
      (!orthanc && 'ORTHANC_URL not set (run through npm test)') ||
      (!process.env.CB_MEMORY_TEST && 'not passing yet: set CB_MEMORY_TEST=1 (see the header)'),
    timeout: 600_000,
  },
  async () => {
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
    process.env.DICOMWEB_URL = `${orthanc}/dicom-web`;
    const { createServer } = await import('vite');
    const port = await freePort();
    const server = await createServer({
      configFile: 'vite.config.ts',
      mode: 'development',
      logLevel: 'silent',
      server: { port, strictPort: true, host: '127.0.0.1' },
    });
    await server.listen();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(countIndexedDbConnections);
      const load = async () => {
        await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load', timeout: 120_000 });
        await page.waitForFunction(() => customElements.get('cb-viewer') !== undefined, {
          timeout: 60_000,
        });
        // The portal's own viewer goes: this page holds only the viewers the test makes.
        await page.evaluate(() => {
          for (const viewer of document.querySelectorAll('cb-viewer')) viewer.remove();
        });
      };
      // Vite's dev server discovers dependencies (codecs in workers) as they are first asked
      // for, optimizes them and reloads the page, leaving requests of the old page hanging:
      // every kind of study is opened once in a first page, then the measured page loads.
      await load();
      for (const attributes of cycle) await openAndClose(page, attributes);
      await load();
      const cdp = await page.createCDPSession();
      await openAndClose(page, mammogram);
      const baseline = await measure(page, cdp);
      for (let i = 0; i < OPENINGS; i++) await openAndClose(page, cycle[i % cycle.length]);
      const after = await measure(page, cdp);
      const cells = await page.evaluate(() => window.__cells);
      // The mammogram opened with its prior: 8 views, 5 times over (plus the warm-up).
      assert.ok(cells >= 6 * 8, `cells drawn: ${cells}`);
      const report = JSON.stringify({ baseline, after });
      assert.ok(
        after.heap <= baseline.heap * 1.1,
        `JS heap within 10 % of the baseline: ${report}`,
      );
      assert.ok(after.workers <= baseline.workers, `no worker left behind: ${report}`);
      assert.ok(after.connections <= baseline.connections, `no connection left open: ${report}`);
      assert.equal(after.connections, 0, `every viewer closed its IndexedDB connection: ${report}`);
    } finally {
      await browser.close();
      await server.close();
      delete process.env.DICOMWEB_URL;
    }
  },
);
