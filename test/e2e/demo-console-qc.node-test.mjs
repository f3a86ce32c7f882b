// Issue 16 item 3, "done when": the demo's console QC page shows the TG18-QC-style pattern 1:1
// with windowing locked. The pattern is written by the demo data generator, stored in the Orthanc
// `npm test` starts and reached through the demo portal (Vite, DICOMWEB_URL). At devicePixelRatio
// 1 and 2 the page's canvas is read back and its line-pair regions compared, device pixel by
// device pixel, with the stored values as pydicom reads them (an independent reader) through the
// file's full-range LINEAR window (PS3.3 C.11.2.1.2.1); a real mouse drag then changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { startDemoServer } from './demo-server.mjs';
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';
import { consoleQcSeries } from '../../scripts/demo-data/series-qc.mjs';
import { tg18QcLayout } from '../../scripts/demo-data/phantom-tg18qc.mjs';

const orthanc = process.env.ORTHANC_URL;

/** The stored values of each region, read by pydicom from the Part 10 file. */
function storedRegions(file, regions) {
  const script = `
import json, sys, pydicom
pixels = pydicom.dcmread(sys.argv[1]).pixel_array
regions = json.loads(sys.argv[2])
print(json.dumps({name: pixels[r["y"]:r["y"] + r["height"], r["x"]:r["x"] + r["width"]].tolist() for name, r in regions.items()}))
`;
  const output = execFileSync('/usr/bin/python3', ['-c', script, file, JSON.stringify(regions)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.toString());
}

/** Display value (0–255) of x under the LINEAR window c, w (PS3.3 C.11.2.1.2.1). */
const linear = (x, c, w) =>
  x <= c - 0.5 - (w - 1) / 2
    ? 0
    : x > c - 0.5 + (w - 1) / 2
      ? 255
      : ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;

/** In the page: the canvas under the QC viewport, read back, and where the image lies on it. */
function readQcCanvas(regions) {
  const viewport = document.querySelector('cb-viewport');
  const canvas = viewport.canvas;
  const { width, height } = canvas;
  const gl = viewport.renderPath === 'webgl2' ? canvas.getContext('webgl2') : null;
  let rgba;
  let bottomUp = false;
  if (gl) {
    rgba = new Uint8Array(width * height * 4);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, rgba);
    bottomUp = true;
  } else {
    rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  }
  const dpr = window.devicePixelRatio;
  const m = viewport.imageToCss();
  const origin = { x: m.e * dpr, y: m.f * dpr };
  const out = {};
  for (const [name, r] of Object.entries(regions)) {
    const rows = [];
    for (let y = 0; y < r.height; y++) {
      const row = [];
      for (let x = 0; x < r.width; x++) {
        const dx = origin.x + r.x + x;
        const dy = origin.y + r.y + y;
        const line = bottomUp ? height - 1 - dy : dy;
        row.push(rgba[(line * width + dx) * 4]);
      }
      rows.push(row);
    }
    out[name] = rows;
  }
  return {
    pixelsPerDevicePixel: m.a * dpr,
    origin,
    renderPath: viewport.renderPath,
    window: viewport.effectiveWindow,
    attributes: {
      oneToOne: viewport.hasAttribute('one-to-one'),
      locked: viewport.hasAttribute('locked'),
    },
    regions: out,
  };
}

test(
  'the demo QC page shows the TG18-QC pattern 1:1 at devicePixelRatio 1 and 2, windowing locked',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)', timeout: 240_000 },
  async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'courbaril-qc-'));
    const file = path.join(folder, 'tg18-qc.dcm');
    for await (const { dataset, transferSyntaxUid, pixels } of consoleQcSeries()) {
      const bytes = writePart10(dataset, transferSyntaxUid, pixels).bytes;
      writeFileSync(file, bytes);
      const response = await fetch(`${orthanc}/instances`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/dicom' },
        body: bytes,
      });
      assert.ok(response.ok, `Orthanc stored the QC pattern (${response.status})`);
    }
    const regions = tg18QcLayout().linePairs;
    const stored = storedRegions(file, regions);
    const { server, port } = await startDemoServer(`${orthanc}/dicom-web`);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // Reachable from the portal's home page.
      await page.goto(`http://127.0.0.1:${port}/`);
      const link = await page.$('a[href="/qc.html"]');
      assert.ok(link, 'the portal links to the QC page');
      for (const deviceScaleFactor of [1, 2]) {
        await page.setViewport({ width: 1400, height: 1000, deviceScaleFactor });
        await page.goto(`http://127.0.0.1:${port}/qc.html`);
        await page.waitForFunction(
          () => document.getElementById('status')?.textContent?.startsWith('Mire affichée'),
          { timeout: 60_000 },
        );
        // The frame after the first image: the renderer has drawn the pattern.
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
        const shown = await page.evaluate(readQcCanvas, regions);
        assert.equal(shown.pixelsPerDevicePixel, 1, `1:1 at devicePixelRatio ${deviceScaleFactor}`);
        assert.ok(Number.isInteger(shown.origin.x) && Number.isInteger(shown.origin.y));
        assert.deepEqual(shown.attributes, { oneToOne: true, locked: true });
        let max = 0;
        let at = '';
        for (const [name, rows] of Object.entries(stored))
          rows.forEach((row, y) =>
            row.forEach((value, x) => {
              const want = Math.round(linear(value, 2048, 4096));
              const got = shown.regions[name][y][x];
              if (Math.abs(got - want) > max) {
                max = Math.abs(got - want);
                at = `${name} (${x},${y}): got ${got}, want ${want}`;
              }
            }),
          );
        assert.ok(max <= 1, `line pairs as stored at devicePixelRatio ${deviceScaleFactor}: ${at}`);

        // A real drag with the primary button (the window tool's gesture elsewhere): the loupe
        // shows, the window and the pixels stay.
        await page.evaluate(() => {
          window.__voiChanges = 0;
          document.querySelector('cb-viewport').addEventListener('cb-voi-change', () => {
            window.__voiChanges++;
          });
        });
        const box = await (await page.$('cb-viewport')).boundingBox();
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2 + 150, {
          steps: 10,
        });
        const lens = await page.evaluate(
          () =>
            document.querySelector('cb-viewport').shadowRoot.querySelector('canvas.lens') !== null,
        );
        await page.mouse.up();
        assert.equal(lens, true, 'the loupe shows while the button is held');
        await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
        const after = await page.evaluate(readQcCanvas, regions);
        assert.equal(await page.evaluate(() => window.__voiChanges), 0);
        assert.deepEqual(after.window, shown.window);
        assert.deepEqual(after.regions, shown.regions);
      }
    } finally {
      await browser.close();
      await server.close();
      delete process.env.DICOMWEB_URL;
      rmSync(folder, { recursive: true, force: true });
    }
  },
);
