// Issue 4, "Done when": a plain page with the standalone build and a <cb-viewport> sized to
// the image (scale 1, overlay="off", devicePixelRatio 1) shows each test image with grey
// values within ±1 of the standard's pipeline as pydicom computes it
// (test/viewport/make-fixtures.mjs), on both render paths, with and without a strict CSP.
// Displayed values are read twice: from the viewport's canvas, and from a screenshot of the
// element (what the page really shows after compositing).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { decodePng } from './png.mjs';
import { plainPage, startStandalone } from './standalone-page.mjs';

const FIXTURES = 'test/.tmp/viewport';
const RENDERERS = ['webgl2', 'canvas2d'];

/** Cases the issue names; make-fixtures may add more, all of which run. */
const REQUIRED = [
  'ct-signed-rescale-window',
  'ct-signed-negative-slope',
  'ct-unsigned-rescale-window',
  'ct-monochrome1',
  'mr-sigmoid',
  'mr-voi-lut-sequence',
  'mr-linear-exact',
  'mr-presentation-inverse',
  'rgb',
  'ybr-full',
  'ybr-full-422',
];

const manifestFile = `${FIXTURES}/manifest.json`;
const entries = existsSync(manifestFile)
  ? /** @type {{ entries: { name: string, rows: number, columns: number }[] }} */ (
      JSON.parse(readFileSync(manifestFile, 'utf8'))
    ).entries
  : [];

function pagePath(entry, renderer) {
  return `/view/${entry.name}/${renderer}.html`;
}

const pages = Object.fromEntries(
  entries.flatMap((entry) =>
    RENDERERS.map((renderer) => [
      pagePath(entry, renderer),
      // min-height: the element's own default (128px) would leave rows below a small image. The
      // "lossy" mark (JPEG baseline) is drawn even with overlay="off"; hidden here, where the pixels
      // under it are compared (test/viewer/lossy.test.ts checks the mark).
      plainPage(
        `<style>cb-viewport::part(lossy){visibility:hidden}</style><cb-viewport id="viewport" overlay="off" scale="1" renderer="${renderer}" style="display:block;width:${entry.columns}px;height:${entry.rows}px;min-height:0"></cb-viewport>`,
      ),
    ]),
  ),
);

/** Shows the Part 10 file and returns what the canvas holds, RGBA top row first, base64. */
async function showAndReadCanvas(page, url) {
  return page.evaluate(async (dicomUrl) => {
    const api = await import('/courbaril/courbaril.js');
    const viewport = document.getElementById('viewport');
    const bytes = await (await fetch(dicomUrl)).arrayBuffer();
    const full = new Promise((resolve, reject) => {
      viewport.addEventListener('cb-image-rendered', (event) => {
        if (event.detail.quality === 'full') resolve(event.detail);
      });
      setTimeout(() => reject(new Error('no full-quality cb-image-rendered within 20 s')), 20000);
    });
    viewport.stack = [api.parseDicom(bytes)];
    await full;
    const canvas = viewport.canvas;
    const { width, height } = canvas;
    let rgba;
    const gl = viewport.renderPath === 'webgl2' ? canvas.getContext('webgl2') : null;
    if (gl) {
      // preserveDrawingBuffer keeps the frame readable after compositing.
      const bottomUp = new Uint8Array(width * height * 4);
      gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, bottomUp);
      rgba = new Uint8Array(bottomUp.length);
      for (let y = 0; y < height; y++)
        rgba.set(
          bottomUp.subarray((height - 1 - y) * width * 4, (height - y) * width * 4),
          y * width * 4,
        );
    } else {
      rgba = new Uint8Array(canvas.getContext('2d').getImageData(0, 0, width, height).data.buffer);
    }
    let binary = '';
    for (let i = 0; i < rgba.length; i += 0x8000)
      binary += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
    return {
      renderPath: viewport.renderPath,
      hasWebgl2Context: canvas.getContext('webgl2') !== null,
      scale: viewport.scale,
      overlay: viewport.getAttribute('overlay'),
      devicePixelRatio: window.devicePixelRatio,
      width,
      height,
      rgba: btoa(binary),
    };
  }, url);
}

/** Largest |displayed − expected| over R, G, B, and where. */
function maxDifference(rgba, expected, columns, rows) {
  let max = 0;
  let at = 'nowhere';
  for (let p = 0; p < columns * rows; p++) {
    for (let k = 0; k < 3; k++) {
      const got = rgba[p * 4 + k];
      const want = expected[p * 3 + k];
      const diff = Math.abs(got - want);
      if (diff > max) {
        max = diff;
        at = `(${p % columns},${Math.floor(p / columns)}) channel ${k}: got ${got}, want ${want}`;
      }
    }
  }
  return { max, at };
}

for (const csp of [false, true]) {
  describe(`standalone <cb-viewport> grey values against pydicom${csp ? ' under a strict CSP' : ''}`, () => {
    /** @type {Awaited<ReturnType<typeof startStandalone>>} */
    let rig;

    before(async () => {
      rig = await startStandalone({ csp, routes: { '/fixtures/': FIXTURES }, pages });
    });

    after(async () => {
      await rig?.close();
    });

    it('has a fixture for every case the issue names (node test/viewport/make-fixtures.mjs)', () => {
      const names = entries.map((entry) => entry.name);
      assert.deepEqual(
        REQUIRED.filter((name) => !names.includes(name)),
        [],
      );
    });

    for (const entry of entries) {
      for (const renderer of RENDERERS) {
        it(
          `shows ${entry.name} on the ${renderer} path within ±1 of pydicom`,
          { timeout: 60000 },
          async () => {
            const expected = readFileSync(`${FIXTURES}/${entry.name}.rgb`);
            const { page, problems } = await rig.open(pagePath(entry, renderer));
            try {
              const shown = await showAndReadCanvas(page, `/fixtures/${entry.name}.dcm`);
              assert.deepEqual(
                {
                  renderPath: shown.renderPath,
                  hasWebgl2Context: shown.hasWebgl2Context,
                  scale: shown.scale,
                  overlay: shown.overlay,
                  devicePixelRatio: shown.devicePixelRatio,
                  width: shown.width,
                  height: shown.height,
                },
                {
                  renderPath: renderer,
                  hasWebgl2Context: renderer === 'webgl2',
                  scale: 1,
                  overlay: 'off',
                  devicePixelRatio: 1,
                  width: entry.columns,
                  height: entry.rows,
                },
              );
              const canvas = maxDifference(
                Buffer.from(shown.rgba, 'base64'),
                expected,
                entry.columns,
                entry.rows,
              );
              assert.ok(canvas.max <= 1, `canvas differs by ${canvas.max} at ${canvas.at}`);

              const element = await page.$('#viewport');
              const screenshot = decodePng(await element.screenshot({ type: 'png' }));
              assert.deepEqual([screenshot.width, screenshot.height], [entry.columns, entry.rows]);
              const screen = maxDifference(screenshot.rgba, expected, entry.columns, entry.rows);
              assert.ok(screen.max <= 1, `screenshot differs by ${screen.max} at ${screen.at}`);
              assert.deepEqual(await problems(), []);
            } finally {
              await page.close();
            }
          },
        );
      }
    }
  });
}
