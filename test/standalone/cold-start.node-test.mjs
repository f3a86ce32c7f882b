// Issue 18 item 7, cold start off the critical path: in a cold page under a strict CSP (no
// unsafe-eval, only 'wasm-unsafe-eval'; Trusted Types enforced), <cb-viewer> starts its decode
// workers and compiles the likely codec (JPEG-LS here) while the series metadata is in flight —
// the fault proxy holds that response forever, so whatever the workers did, they did before it
// arrived. Then, with the link released, a fresh page shows the JPEG-LS series with no CSP
// violation. Worker steps are read from each worker's own User Timing marks.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { startFaultProxy } from '../../scripts/test/fault-proxy.mjs';
import { proxy } from '../../scripts/test/proxy.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';
import { makeUnseenCtPatient } from '../viewer/unseen-patient-data.mjs';
import { STANDALONE, plainPage } from './standalone-page.mjs';

const orthanc = process.env.ORTHANC_URL;
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "require-trusted-types-for 'script'; trusted-types courbaril lit-html";

/** The marks of every decode worker of the page, by name (worker clock, ms). */
async function workerMarks(page) {
  const marks = await Promise.all(
    page
      .workers()
      .map((worker) =>
        worker
          .evaluate(() => performance.getEntriesByType('mark').map((m) => m.name))
          .catch(() => []),
      ),
  );
  return marks.flat();
}

/** Polls `probe` until it returns a truthy value (a condition, not a sleep). */
async function until(probe, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe(
  'cold start under a strict CSP',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)' },
  () => {
    let browser;
    let server;
    let link;
    let patient;

    before(async () => {
      assert.ok(existsSync(`${STANDALONE}/courbaril.js`), 'run `npm run build` first');
      // A CT nobody else knows, stored as JPEG-LS lossless (dcmcjpls), so its codec is the one
      // the viewer has to guess before any answer names it (Orthanc's metadata does not).
      const work = mkdtempSync(path.join(tmpdir(), 'courbaril-cold-start-'));
      let n = 0;
      patient = await makeUnseenCtPatient(
        async (bytes) => {
          const native = path.join(work, `${n}.dcm`);
          const jpegLs = path.join(work, `${n++}-jls.dcm`);
          writeFileSync(native, bytes);
          const encoded = spawnSync('dcmcjpls', [native, jpegLs]);
          assert.equal(encoded.status, 0, String(encoded.stderr));
          const response = await fetch(`${orthanc}/instances`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/dicom' },
            body: readFileSync(jpegLs),
          });
          assert.ok(response.ok, `Orthanc stored an instance (${response.status})`);
        },
        { slices: 4 },
      );
      rmSync(work, { recursive: true, force: true });
      link = await startFaultProxy({ target: orthanc });
      server = await serveStatic({
        routes: { '/courbaril/': STANDALONE },
        headers: { 'content-security-policy': CSP },
        middleware: [proxy({ prefix: '/link', target: link.url })],
        pages: {
          '/': plainPage(
            `<cb-viewer server="/link/dicom-web" study="${patient.study}" prefetch-budget="0" style="display:block;width:800px;height:600px"></cb-viewer>`,
          ),
        },
      });
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      await link?.stop();
    });

    /** A cold page (its own browser context) that records CSP violations and page errors. */
    async function openCold() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          (window.__violations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
        });
        window.addEventListener(
          'cb-image-rendered',
          (event) => {
            if (event.detail.quality === 'full') window.__rendered = event.detail.sopInstanceUid;
          },
          true,
        );
      });
      await page.goto(`${server.url}/`);
      return {
        page,
        context,
        async problems() {
          const inPage = await page.evaluate(() => window.__violations ?? []);
          return [...problems, ...inPage.map((v) => `CSP violation: ${v}`)];
        },
      };
    }

    it('starts the decode workers and compiles the codec while the metadata is still in flight', async () => {
      link.reset();
      link.setFaults({ hang: { match: '/metadata', count: -1 } });
      const cold = await openCold();
      try {
        await until(() => link.counters.hung > 0, 'the metadata request');
        const marks = await until(async () => {
          const names = await workerMarks(cold.page);
          return names.includes('courbaril:decode-worker-ready') &&
            names.includes('courbaril:codec-ready:JPEG-LS')
            ? names
            : undefined;
        }, 'a decode worker with JPEG-LS compiled');
        // Still no metadata (the proxy never answers it), so no frame could have been asked for.
        assert.equal(link.counters.byKind.frames ?? 0, 0, 'no frame requested yet');
        assert.equal(link.counters.bytesByKind.metadata ?? 0, 0, 'no metadata byte delivered');
        assert.ok(marks.includes('courbaril:codec-ready:JPEG-LS'));
        assert.ok(!marks.includes('courbaril:first-decode'), 'nothing decoded yet');
        assert.deepEqual(await cold.problems(), []);
      } finally {
        await cold.context.close();
      }
    });

    it('then shows the JPEG-LS series in a cold page with no CSP violation', async () => {
      link.reset();
      const cold = await openCold();
      try {
        const sop = await until(() => cold.page.evaluate(() => window.__rendered), 'a full image');
        assert.ok(patient.sops.includes(sop), 'an image of the series is on screen');
        const marks = await workerMarks(cold.page);
        assert.ok(marks.includes('courbaril:first-decode'), 'decoded in a worker');
        assert.deepEqual(await cold.problems(), []);
      } finally {
        await cold.context.close();
      }
    });
  },
);
