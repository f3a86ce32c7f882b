/**
 * 1:1 mode: one stored pixel on one device pixel, at devicePixelRatio 1 and 2 (Chromium's
 * device metrics emulation, as `--force-device-scale-factor` would set it). The canvas is read
 * back and compared, device pixel by device pixel, with the stored values through the standard's
 * LINEAR window (PS3.3 C.11.2.1.2.1): a line pair one pixel wide survives only without resampling.
 */
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { OneToOneChangeEvent } from '../../src/events/one-to-one-change.js';
import { linear } from './ct-stack.js';
import { buildDataset, bytesOf, grayscaleModule } from './dataset-builder.js';
import { mountViewport, readCanvas, type Path } from './viewport-harness.js';

/** Line pairs of one pixel (columns, then rows), a checkerboard and a ramp, 12 bits. */
function linePairs(
  columns: number,
  rows: number,
): { stored: Uint16Array; dataset: ReturnType<typeof buildDataset> } {
  const stored = new Uint16Array(columns * rows);
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < columns; x++) {
      const band = Math.floor((y * 4) / rows);
      stored[y * columns + x] =
        band === 0
          ? (x % 2) * 4095
          : band === 1
            ? (y % 2) * 4095
            : band === 2
              ? ((x + y) % 2) * 4095
              : Math.round((x / (columns - 1)) * 4095);
    }
  const dataset = buildDataset(
    { ...grayscaleModule(rows, columns, 12, false), 0x00281050: 2048, 0x00281051: 4096 },
    [bytesOf(stored)],
  );
  return { stored, dataset };
}

/** Largest difference between each device pixel the image covers and its stored pixel's grey. */
function compareOneToOne(
  viewport: CbViewport,
  stored: Uint16Array,
  columns: number,
  rows: number,
): { max: number; at: string; covered: number } {
  const dpr = window.devicePixelRatio;
  const m = viewport.imageToCss()!;
  // One image pixel is one device pixel, and the image's corner sits on a device pixel's corner.
  expect(m.a * dpr).to.equal(1);
  expect(m.d * dpr).to.equal(1);
  const ox = m.e * dpr;
  const oy = m.f * dpr;
  expect(Number.isInteger(ox) && Number.isInteger(oy), `origin ${ox},${oy}`).to.equal(true);
  const { width, height, rgba } = readCanvas(viewport);
  let max = 0;
  let at = '';
  let covered = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const ix = x - ox;
      const iy = y - oy;
      if (ix < 0 || iy < 0 || ix >= columns || iy >= rows) continue;
      covered++;
      const want = Math.round(linear(stored[iy * columns + ix]!, 2048, 4096));
      const got = rgba[(y * width + x) * 4]!;
      if (Math.abs(got - want) > max) {
        max = Math.abs(got - want);
        at = `device (${x},${y}) = image (${ix},${iy}): got ${got}, want ${want}`;
      }
    }
  return { max, at, covered };
}

const mounted: CbViewport[] = [];

describe('<cb-viewport> 1:1 mode', () => {
  afterEach(async () => {
    for (const viewport of mounted.splice(0)) viewport.remove();
    await setViewport({ width: 800, height: 600, deviceScaleFactor: 1 });
  });

  for (const dpr of [1, 2])
    for (const path of ['webgl2', 'canvas2d'] as Path[])
      it(`draws one stored pixel per device pixel at devicePixelRatio ${dpr} (${path})`, async () => {
        await setViewport({ width: 800, height: 600, deviceScaleFactor: dpr });
        expect(window.devicePixelRatio).to.equal(dpr);
        const { stored, dataset } = linePairs(150, 100);
        const viewport = await mountViewport([dataset], 201, 151, path, (v) => {
          // 1:1 wins over any scale: leaving the mode goes back to it.
          v.scale = 3;
          v.oneToOne = true;
        });
        mounted.push(viewport);
        await new Promise(requestAnimationFrame);
        expect(viewport.renderPath).to.equal(path);
        expect(viewport.canvas!.width).to.equal(Math.round(201 * dpr));
        const result = compareOneToOne(viewport, stored, 150, 100);
        expect(result.covered).to.equal(150 * 100);
        expect(result.max, result.at).to.be.at.most(1);
        viewport.oneToOne = false;
        await viewport.updateComplete;
        expect(viewport.imageToCss()!.a).to.equal(3);
      });

  it('pans over an image larger than the viewport, never off it, at devicePixelRatio 2', async () => {
    await setViewport({ width: 800, height: 600, deviceScaleFactor: 2 });
    const { stored, dataset } = linePairs(600, 400);
    const viewport = await mountViewport([dataset], 200, 120, 'webgl2', (v) => {
      v.oneToOne = true;
    });
    mounted.push(viewport);
    // 600 × 400 device pixels = 300 × 200 CSS pixels in a 200 × 120 viewport: 50 and 40 of slack.
    viewport.pan = { x: 1e6, y: -1e6 };
    await viewport.updateComplete;
    expect(viewport.pan).to.deep.equal({ x: 50, y: -40 });
    await new Promise(requestAnimationFrame);
    await new Promise(requestAnimationFrame);
    const left = compareOneToOne(viewport, stored, 600, 400);
    expect(left.covered).to.equal(400 * 240);
    expect(left.max, left.at).to.be.at.most(1);
    // The top-left corner of the image is in the top-left corner of the viewport.
    expect(viewport.imageToCss()!.e).to.equal(0);
    // At 1:1 Ctrl+Arrow pans by 90 % of the viewport (180 px here), within the same bounds.
    viewport.focus();
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'ArrowLeft' });
    await viewport.updateComplete;
    expect(viewport.pan.x).to.equal(-50);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ up: 'Control' });
    await viewport.updateComplete;
    expect(viewport.pan.y).to.equal(40);
  });

  it('toggles with X and the toolbar button, and a zoom leaves it, each announced', async () => {
    const { dataset } = linePairs(64, 48);
    const viewport = await mountViewport([dataset], 200, 150, 'auto', (v) => {
      v.scale = 'fit';
      v.overlay = 'on';
    });
    mounted.push(viewport);
    const events: boolean[] = [];
    viewport.addEventListener('cb-one-to-one-change', (e: OneToOneChangeEvent) =>
      events.push(e.detail.oneToOne),
    );
    viewport.focus();
    await sendKeys({ press: 'x' });
    await viewport.updateComplete;
    expect(viewport.oneToOne).to.equal(true);
    expect(viewport.hasAttribute('one-to-one')).to.equal(true);
    const overlay = viewport.shadowRoot!.querySelector('.bottom-right')!.textContent;
    expect(overlay).to.contain('1:1');
    const button = viewport.shadowRoot!.querySelector<HTMLButtonElement>('button.one-to-one')!;
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    button.click();
    await viewport.updateComplete;
    expect(viewport.oneToOne).to.equal(false);
    button.click();
    await viewport.updateComplete;
    await sendKeys({ press: '+' });
    await viewport.updateComplete;
    expect(viewport.oneToOne).to.equal(false);
    expect(viewport.scale).to.be.closeTo(1.25 / window.devicePixelRatio, 1e-9);
    expect(events).to.deep.equal([true, false, true, false]);
  });
});
