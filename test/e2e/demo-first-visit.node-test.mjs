// `npm start` on a fresh clone: the first visit shows the demo directly. Vite pre-bundles the
// dependencies it finds by scanning its entries; a dependency it meets only later (the codecs
// the decode worker imports lazily) makes it re-bundle and reload the page, so a first visitor
// saw the portal load, then load again. The dev server runs here with an empty dependency cache,
// as on a fresh clone, and the page must draw its first image with a single navigation.
// The same visit checks the fetch priorities Chromium was told.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { freePort } from '../../scripts/test/orthanc.mjs';

const orthanc = process.env.ORTHANC_URL;

test(
  'the demo draws its first image on a first visit without reloading the page',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)', timeout: 180_000 },
  async () => {
    // The demo's patient is in the generated test data `npm test` stores in Orthanc.
    process.env.DICOMWEB_URL = `${orthanc}/dicom-web`;
    const cacheDir = mkdtempSync(path.join(tmpdir(), 'courbaril-vite-cache-'));
    const { createServer } = await import('vite');
    const port = await freePort();
    /** @type {string[]} */
    const reloads = [];
    const server = await createServer({
      configFile: 'vite.config.ts',
      mode: 'development',
      cacheDir,
      logLevel: 'silent',
      server: { port, strictPort: true, host: '127.0.0.1' },
      plugins: [
        {
          name: 'record-full-reloads',
          configureServer(dev) {
            const send = dev.ws.send.bind(dev.ws);
            dev.ws.send = (/** @type {any} */ payload, ...rest) => {
              if (payload && typeof payload === 'object' && payload.type === 'full-reload') {
                reloads.push(String(payload.path ?? '*'));
              }
              return send(payload, ...rest);
            };
          },
        },
      ],
    });
    await server.listen();
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      let navigations = 0;
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame()) navigations++;
      });
      // What Chromium's network stack was told of each DICOMweb request (Fetch `priority`).
      /** @type {{ url: string, priority: string }[]} */
      const dicomweb = [];
      const cdp = await page.createCDPSession();
      await cdp.send('Network.enable');
      cdp.on('Network.requestWillBeSent', ({ request }) => {
        if (request.url.includes('/dicom-web/'))
          dicomweb.push({ url: request.url, priority: request.initialPriority });
      });
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('cb-image-rendered', () => {
          /** @type {any} */ (window).cbRendered = true;
        });
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.waitForFunction(() => /** @type {any} */ (window).cbRendered === true, {
        timeout: 120_000,
      });
      // A re-bundle found while the first image was decoded reloads a moment later: give the
      // dev server's optimizer time to finish whatever it started before counting.
      await page.waitForNetworkIdle({ idleTime: 1500, timeout: 60_000 });
      assert.deepEqual(reloads, [], 'the dev server asked the page to reload');
      assert.equal(navigations, 1, 'the page loaded once');
      // Issue 14: the scheduler's order is also told to the browser. The first frame asked for is
      // the one on screen (Chromium's default for fetch() is High too); thumbnails, prefetch and
      // the series behind the view go Low, so the browser's connection queue agrees.
      const frames = dicomweb.filter((request) => /\/instances\/[^/]+\/frames\//.test(request.url));
      assert.equal(frames[0]?.priority, 'High', 'the frame on screen');
      assert.ok(
        frames.some((request) => request.priority === 'Low'),
        'background frames are Low',
      );
      const metadata = dicomweb.filter((request) => request.url.endsWith('/metadata'));
      assert.ok(
        metadata.some((request) => request.priority === 'Low'),
        'thumbnail and prefetch metadata are Low',
      );
    } finally {
      await browser.close();
      await server.close();
      rmSync(cacheDir, { recursive: true, force: true });
    }
  },
);
