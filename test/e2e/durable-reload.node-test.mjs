// Issue 13 item 5, "durable writes": `cb-series-cached` means the series is on disk. The page
// reloads itself from inside the event's listener (the harshest moment: the same task), which
// aborts whatever IndexedDB work is not committed yet; the reloaded page opens the same study
// and must make no frame request for that series. A viewer remounted in the same page would not
// prove it: a reader's transaction waits for an uncommitted writer, a new page's does not exist
// until the old one's are committed or lost.
//
// On an idle machine the writes of a small series finish with its last frame, so an event fired
// too early would pass unnoticed: the page's AES-GCM sealing is slowed (a loaded or slow device,
// a fault we cannot cause for real), so a record's write lags its frame by SLOW_SEAL_MS. With
// the event dispatched as soon as the series loaded, this test fails (frames asked for again).
//
// Standalone build (`npm run build`) behind a static server with a same-origin proxy to the
// Orthanc `npm test` starts (ORTHANC_URL), which counts the frame requests it forwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { proxy } from '../../scripts/test/proxy.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { plainPage, STANDALONE } from '../standalone/standalone-page.mjs';

const orthanc = process.env.ORTHANC_URL;
const SLOW_SEAL_MS = 400;

/** Installed before any page script: every AES-GCM encryption (a record sealed) waits first. */
function slowSealing(delayMs) {
  const encrypt = SubtleCrypto.prototype.encrypt;
  SubtleCrypto.prototype.encrypt = async function (...args) {
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    return encrypt.apply(this, args);
  };
}

/**
 * Mounts a <cb-viewer>; with `reloadOnCached`, the first cb-series-cached is written to
 * sessionStorage and the page reloads within the listener. Otherwise resolves with the UID of
 * each series whose cb-series-loaded fired once `series` has loaded.
 */
function mount(attributes, reloadOnCached, series) {
  const viewer = document.createElement('cb-viewer');
  viewer.style.cssText = 'display:flex;width:1000px;height:700px';
  for (const [name, value] of Object.entries(attributes)) viewer.setAttribute(name, value);
  const errors = [];
  viewer.addEventListener('cb-error', (event) => errors.push(event.detail.code));
  if (reloadOnCached) {
    viewer.addEventListener('cb-series-cached', (event) => {
      sessionStorage.setItem('cached', JSON.stringify(event.detail));
      location.reload();
    });
    document.body.append(viewer);
    return undefined;
  }
  const loaded = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not loaded; errors: ${errors}`)), 60_000);
    viewer.addEventListener('cb-series-loaded', (event) => {
      if (event.detail.seriesInstanceUid !== series) return;
      clearTimeout(timer);
      resolve(event.detail.frames);
    });
  });
  document.body.append(viewer);
  return loaded;
}

test(
  'a page reloaded inside the cb-series-cached listener finds the whole series on disk: no frame request',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)', timeout: 180_000 },
  async () => {
    assert.ok(existsSync(`${STANDALONE}/courbaril.js`), 'run `npm run build` first');
    const { studies, patient } = JSON.parse(readFileSync('test/.tmp/data/manifest.json', 'utf8'));
    const attributes = {
      server: '/dicom-web',
      cache: 'persistent',
      'prefetch-budget': '0',
      'patient-id': patient.patientId,
      study: studies.currentCt.studyInstanceUid,
    };
    /** Paths of the frame requests the page made, in order. */
    const frames = [];
    const server = await serveStatic({
      routes: { '/courbaril/': STANDALONE },
      middleware: [
        (req, _res, next) => {
          if (req.url?.includes('/frames/')) frames.push(req.url);
          next();
        },
        proxy({ prefix: '/dicom-web', target: `${orthanc}/dicom-web` }),
      ],
      pages: { '/': plainPage('') },
    });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.evaluateOnNewDocument(slowSealing, SLOW_SEAL_MS);
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => customElements.get('cb-viewer') !== undefined);
      const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 120_000 });
      await page.evaluate(mount, attributes, true);
      await reloaded;
      const cached = JSON.parse(await page.evaluate(() => sessionStorage.getItem('cached')));
      assert.ok(cached?.seriesInstanceUid, 'cb-series-cached fired before the reload');
      assert.equal(cached.stored, cached.frames, `every frame stored: ${JSON.stringify(cached)}`);
      const series = cached.seriesInstanceUid;
      const before = frames.filter((url) => url.includes(series)).length;
      assert.ok(before > 0, 'the first page fetched the series’ frames');

      frames.length = 0;
      await page.waitForFunction(() => customElements.get('cb-viewer') !== undefined);
      const loaded = await page.evaluate(mount, attributes, false, series);
      assert.equal(loaded, cached.frames);
      assert.deepEqual(
        frames.filter((url) => url.includes(series)),
        [],
        'no frame of the series asked for after the reload',
      );
    } finally {
      await browser.close();
      await server.close();
    }
  },
);
