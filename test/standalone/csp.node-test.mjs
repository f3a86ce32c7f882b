// Issue 2: the standalone build loads in a plain HTML page with one <script type="module">,
// under a strict CSP (no unsafe-eval) and without cross-origin isolation; its codecs are
// fetched lazily (a JPEG-LS decode never downloads the JPEG 2000 codec).
// Issue 13 item 7: the same page enforces Trusted Types; workers start through the
// `courbaril` policy (Lit renders through its `lit-html` policy).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { serveStatic } from '../../scripts/test/static-server.mjs';

const STANDALONE = 'dist/standalone';
const DATA = 'test/.tmp/data/part10';
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src blob:; frame-src blob:; " +
  "require-trusted-types-for 'script'; trusted-types courbaril lit-html";

/** Finds a Part 10 file below DATA whose meta header names the transfer syntax. */
function findByTransferSyntax(uid) {
  const files = readdirSync(DATA, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.dcm'),
  );
  for (const file of files) {
    const head = readFileSync(path.join(DATA, file)).subarray(0, 1024).toString('latin1');
    // The UID, not a longer UID it prefixes (1.2.840.10008.1.2.1 vs …1.2.1.99).
    if (new RegExp(`${uid.replace(/\./g, '\\.')}(?![.0-9])`).test(head)) return file;
  }
  throw new Error(`no test file in ${uid}`);
}

describe('standalone build under a strict CSP with Trusted Types', () => {
  /** @type {import('puppeteer-core').Browser} */
  let browser;
  /** @type {Awaited<ReturnType<typeof serveStatic>>} */
  let server;
  /** @type {import('puppeteer-core').Page} */
  let page;
  const violations = [];
  const pageErrors = [];

  before(async () => {
    assert.ok(existsSync(`${STANDALONE}/courbaril.js`), 'run `npm run build` first');
    server = await serveStatic({
      routes: { '/courbaril/': STANDALONE, '/data/': DATA },
      headers: { 'content-security-policy': CSP },
      pages: {
        '/': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title>
<script type="module" src="/courbaril/courbaril.js"></script></head>
<body><cb-viewport id="viewport" overlay="off" style="display:block;width:256px;height:256px"></cb-viewport></body></html>`,
      },
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.evaluateOnNewDocument(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window.__violations ??= []).push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/.test(message.text()))
        violations.push(message.text());
    });
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('cb-viewport') !== undefined, {
      timeout: 10000,
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('registers the elements with one script tag and no cross-origin isolation', async () => {
    const state = await page.evaluate(() => ({
      viewport: customElements.get('cb-viewport') !== undefined,
      isolated: window.crossOriginIsolated,
    }));
    assert.deepEqual(state, { viewport: true, isolated: false });
  });

  it('enforces Trusted Types on this page (a plain string URL cannot start a worker)', async () => {
    // Another tab of the same portal: its refusal is not one of the main page's violations.
    const probe = await browser.newPage();
    try {
      await probe.goto(`${server.url}/`, { waitUntil: 'load' });
      const refused = await probe.evaluate(() => {
        try {
          new Worker('/courbaril/assets/decode-worker.js', { type: 'module' }).terminate();
          return false;
        } catch (error) {
          return error instanceof TypeError;
        }
      });
      assert.equal(refused, true);
    } finally {
      await probe.close();
    }
  });

  it('decodes JPEG-LS in a worker without fetching the JPEG 2000 codec', async () => {
    const file = findByTransferSyntax('1.2.840.10008.1.2.4.80');
    const result = await page.evaluate(async (url) => {
      const api = await import('/courbaril/courbaril.js');
      const bytes = await (await fetch(url)).arrayBuffer();
      const frame = await api.decodeFrame(api.parseDicom(bytes), 0);
      return { rows: frame.rows, columns: frame.columns, length: frame.pixels.length };
    }, `/data/${file}`);
    assert.equal(result.length, result.rows * result.columns);
    assert.ok(
      server.requests.some((r) => /charls/i.test(r) && r.endsWith('.wasm')),
      'JPEG-LS wasm fetched',
    );
    assert.ok(
      !server.requests.some((r) => /openjpeg|openjph|jpeg2000|htj2k/i.test(r)),
      `no J2K codec fetched: ${server.requests.join(', ')}`,
    );
  });

  it('shows an uncompressed image in <cb-viewport>', async () => {
    const file = findByTransferSyntax('1.2.840.10008.1.2.1');
    const rendered = await page.evaluate(async (url) => {
      const api = await import('/courbaril/courbaril.js');
      const viewport = document.getElementById('viewport');
      const bytes = await (await fetch(url)).arrayBuffer();
      const event = new Promise((resolve) =>
        viewport.addEventListener('cb-image-rendered', (e) => resolve(e.detail), { once: true }),
      );
      viewport.stack = [api.parseDicom(bytes)];
      const detail = await event;
      return { quality: detail.quality, frame: detail.frame };
    }, `/data/${file}`);
    assert.equal(rendered.quality, 'full');
    assert.equal(rendered.frame, 0);
  });

  it('shows an Encapsulated PDF in an <object> (a Trusted Types sink)', async () => {
    const shown = await page.evaluate(async () => {
      const api = await import('/courbaril/courbaril.js');
      const bytes = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
      const report = document.createElement('cb-pdf-report');
      document.body.append(report);
      report.instance = api.datasetFromDicomJson({
        '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.104.1'] },
        '00420011': { vr: 'OB', InlineBinary: btoa(String.fromCharCode(...bytes)) },
        '00420012': { vr: 'LO', Value: ['application/pdf'] },
        '00420015': { vr: 'UL', Value: [bytes.length] },
      });
      await report.updateComplete;
      const data = report.shadowRoot.querySelector('object')?.getAttribute('data') ?? '';
      report.remove();
      return data.startsWith('blob:');
    });
    assert.equal(shown, true);
  });

  it('builds a volume and reformats it in the volume worker, transferring slices in (issue 20)', async () => {
    const result = await page.evaluate(async () => {
      const api = await import('/courbaril/courbaril.js');
      // Four axial 2 × 2 slices, 1 mm apart; stored value 10·k + i + 2·j.
      const datasets = [3, 1, 0, 2].map((k) =>
        api.datasetFromDicomJson({
          '00200032': { vr: 'DS', Value: [0, 0, k] },
          '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
          '00280030': { vr: 'DS', Value: [1, 1] },
          '00280010': { vr: 'US', Value: [2] },
          '00280011': { vr: 'US', Value: [2] },
          '00280101': { vr: 'US', Value: [12] },
          '00280103': { vr: 'US', Value: [0] },
        }),
      );
      const client = new api.VolumeWorkerClient();
      try {
        const volume = await client.create(api.slicesOf(datasets));
        const buffers = [];
        for (const source of volume.geometry.sliceSources) {
          const k = [3, 1, 0, 2][source.instance];
          const pixels = new Uint16Array([10 * k, 10 * k + 1, 10 * k + 2, 10 * k + 3]);
          buffers.push(pixels.buffer);
          await volume.setSlice(source, pixels);
        }
        const plane = api.planeThrough(volume.geometry, api.STANDARD_PLANE_AXES.coronal, [0, 0, 0]);
        const image = await volume.reformat(plane);
        return {
          isolated: window.crossOriginIsolated,
          voxelType: volume.voxelType,
          size: [plane.width, plane.height],
          // Top row is the highest slice (k = 3); x = 1 is column i = 1.
          topRight: image.pixels[1],
          bottomLeft: image.pixels[3 * plane.width],
          detached: buffers.every((buffer) => buffer.byteLength === 0),
        };
      } finally {
        client.dispose();
      }
    });
    assert.deepEqual(result, {
      isolated: false,
      voxelType: 'int16',
      size: [2, 4],
      topRight: 31,
      bottomLeft: 0,
      detached: true,
    });
    assert.ok(server.requests.some((r) => r.endsWith('/assets/volume-worker.js')));
  });

  it('draws the three planes of <cb-mpr> from a series given by the host (issue 20)', async () => {
    const result = await page.evaluate(async () => {
      const api = await import('/courbaril/courbaril.js');
      // Four axial 3 × 3 slices, 1 mm apart; stored value 10·k + i + 3·j, native 16-bit pixels.
      const datasets = [3, 1, 0, 2].map((k) => {
        const pixels = new Uint16Array(9).map((_, p) => 10 * k + p);
        const bytes = new Uint8Array(pixels.buffer);
        return api.datasetFromDicomJson({
          '00080060': { vr: 'CS', Value: ['CT'] },
          '00200052': { vr: 'UI', Value: ['1.2.3'] },
          '00200032': { vr: 'DS', Value: [0, 0, k] },
          '00200037': { vr: 'DS', Value: [1, 0, 0, 0, 1, 0] },
          '00280030': { vr: 'DS', Value: [1, 1] },
          '00280002': { vr: 'US', Value: [1] },
          '00280004': { vr: 'CS', Value: ['MONOCHROME2'] },
          '00280010': { vr: 'US', Value: [3] },
          '00280011': { vr: 'US', Value: [3] },
          '00280100': { vr: 'US', Value: [16] },
          '00280101': { vr: 'US', Value: [12] },
          '00280103': { vr: 'US', Value: [0] },
          '7FE00010': { vr: 'OW', InlineBinary: btoa(String.fromCharCode(...bytes)) },
        });
      });
      const mpr = document.createElement('cb-mpr');
      mpr.style.cssText = 'display:flex;width:600px;height:300px';
      const drawn = new Set();
      const complete = new Promise((resolve) =>
        mpr.addEventListener('cb-mpr-rendered', (event) => {
          if (event.detail.loadedSlices === 4) drawn.add(event.detail.plane);
          if (drawn.size === 3) resolve();
        }),
      );
      mpr.stack = datasets;
      document.body.append(mpr);
      await complete;
      await mpr.whenDrawn();
      const coronal = mpr.planeImage('coronal');
      const canvases = [...mpr.shadowRoot.querySelectorAll('canvas')].map((c) => c.width);
      mpr.remove();
      return {
        isolated: window.crossOriginIsolated,
        canvases,
        // The crosshair starts at the volume's centre (1, 1, 1.5): the coronal plane is j = 1,
        // its rows at z = 3.5 (outside), 2.5, 1.5, 0.5; at z = 2.5, i = 0: (23 + 33) / 2.
        coronalSecondRow: coronal.image.pixels[coronal.image.width],
      };
    });
    assert.deepEqual(result, { isolated: false, canvases: [3, 3, 3], coronalSecondRow: 28 });
  });

  it('causes no CSP violation and no page error', async () => {
    const inPage = await page.evaluate(() => window.__violations ?? []);
    assert.deepEqual([...violations, ...inPage], []);
    assert.deepEqual(pageErrors, []);
  });
});
