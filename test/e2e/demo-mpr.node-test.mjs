// Issue 20 "done when", through the demo portal: a reader opens the demo's CT, switches it to
// MPR with the viewer's toolbar action, scrolls the axial plane with the wheel, rotates the
// other planes from the keyboard, draws a distance on the coronal plane that the series' own
// geometry checks, and reads a MIP slab (the CT angiography preset) — real
// Chromium input on the Vite demo, the demo patient in the Orthanc `npm test` starts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../../scripts/test/browser.mjs';
import { startDemoServer } from './demo-server.mjs';

const orthanc = process.env.ORTHANC_URL;

/** What the planes show now: crosshair, the axial plane's height, the coronal row direction, slab, a coronal checksum. */
function planes() {
  const mpr = window.MPR();
  const coronal = mpr.planeImage('coronal');
  let sum = 0;
  for (const value of coronal.image.pixels) sum += value;
  const axial = mpr.planeImage('axial');
  return {
    crosshair: [...mpr.crosshair],
    axialZ: axial.plane.origin[2],
    coronalRow: [...coronal.plane.rowDirection],
    slab: mpr.reformatOptions.slab ?? null,
    coronalSum: sum,
  };
}

test(
  'the demo CT switches to MPR, scrolls, rotates and shows a MIP slab',
  { skip: !orthanc && 'ORTHANC_URL not set (run through npm test)', timeout: 240_000 },
  async () => {
    const { server, port } = await startDemoServer(`${orthanc}/dicom-web`);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setViewport({ width: 1400, height: 900 });
      // The `<cb-mpr>` inside the demo's viewer, for the page functions below.
      await page.evaluateOnNewDocument(() => {
        window.MPR = () => document.querySelector('cb-viewer')?.shadowRoot?.querySelector('cb-mpr');
      });
      await page.goto(`http://127.0.0.1:${port}/`);
      // The demo patient's CT, from the portal's study list.
      const ct = await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.study-list button')].find((button) =>
            /\bCT\b/.test(button.textContent ?? ''),
          ),
        { timeout: 120_000 },
      );
      await ct.asElement().click();
      const mprButton = await page.waitForFunction(
        () => {
          const button = document
            .querySelector('cb-viewer')
            ?.shadowRoot?.querySelector('button.mpr');
          return button && !button.disabled ? button : undefined;
        },
        { timeout: 120_000 },
      );
      await mprButton.asElement().click();
      await page.waitForFunction(
        () => {
          const mpr = document.querySelector('cb-viewer')?.shadowRoot?.querySelector('cb-mpr');
          return mpr && mpr.totalSlices > 0 && mpr.loadedSlices === mpr.totalSlices;
        },
        { timeout: 120_000 },
      );
      await page.evaluate(() => window.MPR().whenDrawn());
      const start = await page.evaluate(planes);

      // Scroll: the wheel over the axial pane moves its plane (and the crosshair) along z.
      const axial = await page.evaluateHandle(() =>
        window.MPR().shadowRoot.querySelector('.pane[data-plane=axial]'),
      );
      const box = await axial.asElement().boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel({ deltaY: 100 });
      await page.mouse.wheel({ deltaY: 100 });
      await page.waitForFunction((z) => window.MPR().crosshair[2] !== z, {}, start.crosshair[2]);
      await page.evaluate(() => window.MPR().whenDrawn());
      const scrolled = await page.evaluate(planes);
      assert.ok(scrolled.crosshair[2] < start.crosshair[2], 'the axial plane moved down');
      assert.equal(scrolled.crosshair[0], start.crosshair[0]);
      assert.ok(scrolled.axialZ < start.axialZ, 'the axial plane drawn is the lower one');
      // The coronal plane holds the line the crosshair moved along: it stays as it was.
      assert.equal(scrolled.coronalSum, start.coronalSum);

      // A distance on the coronal plane, drawn with the length tool and the real mouse, from the
      // highest to the lowest slice the plane samples (mid-width): the series' own Image
      // Position (Patient) values say how far apart those slices are.
      // Where the plane is on screen before and after the drag (box and canvas size): if it moved
      // meanwhile (a layout shift of the demo page under load), the drag is made again, up to 3
      // tries. Once in CI-like conditions (load ~8) the distance came out 12 % short, not
      // reproduced at low load; a layout shift under the mouse is the suspected cause, not proven.
      const spanOnScreen = () => {
        const mpr = window.MPR();
        const z = mpr.stack.map((dataset) => dataset.numbers(0x00200032)[2]);
        const { plane, image } = mpr.planeImage('coronal');
        const column = Math.floor(image.width / 2);
        const rows = [];
        for (let row = 0; row < image.height; row++)
          if (image.status[row * image.width + column] === 0) rows.push(row);
        const canvas = mpr.shadowRoot.querySelector('canvas[data-plane=coronal]');
        const box = canvas.getBoundingClientRect();
        const screen = (row) => ({
          x: box.left + (column + 0.5) * (box.width / canvas.width),
          y: box.top + (row + 0.5) * (box.height / canvas.height),
        });
        mpr.tool = 'length';
        return {
          extent: Math.max(...z) - Math.min(...z),
          pixel: plane.rowSpacing,
          from: screen(rows[0]),
          to: screen(rows[rows.length - 1]),
          where: [box.left, box.top, box.width, box.height, canvas.width, canvas.height].join(),
          count: mpr.measurements.length,
        };
      };
      let span;
      let measured;
      for (let attempt = 1; ; attempt++) {
        span = await page.evaluate(spanOnScreen);
        await page.mouse.move(span.from.x, span.from.y);
        await page.mouse.down();
        await page.mouse.move(span.to.x, span.to.y, { steps: 5 });
        await page.mouse.up();
        const length = await page.waitForFunction(
          (count) => window.MPR().measurements[count]?.value,
          { timeout: 30_000 },
          span.count,
        );
        measured = await length.jsonValue();
        const after = await page.evaluate(spanOnScreen);
        if (after.where === span.where || attempt === 3) break;
      }
      assert.ok(span.extent > 50, 'the series spans the body');
      // The first and last sampled rows lie within one plane pixel of the end slices.
      assert.ok(
        Math.abs(measured - span.extent) <= 2 * span.pixel,
        `coronal distance ${measured} mm for slices ${span.extent} mm apart`,
      );
      await page.evaluate(() => {
        window.MPR().tool = 'crosshair';
      });

      // Rotate: `]` in the focused axial pane turns the coronal and sagittal planes about z.
      await axial.asElement().focus();
      await page.keyboard.press(']');
      await page.keyboard.press(']');
      await page.evaluate(() => window.MPR().whenDrawn());
      const rotated = await page.evaluate(planes);
      const turn = (10 * Math.PI) / 180;
      assert.ok(Math.abs(rotated.coronalRow[0] - Math.cos(turn)) < 1e-9);
      assert.ok(Math.abs(rotated.coronalRow[1] - Math.sin(turn)) < 1e-9);

      // MIP slab: the CT angiography preset from the MPR toolbar.
      await page.evaluate(() => {
        const { image } = window.MPR().planeImage('coronal');
        window.__thin = { pixels: image.pixels.slice(), status: image.status.slice() };
      });
      const preset = await page.evaluateHandle(() =>
        window.MPR().shadowRoot.querySelector('button[data-preset=ct-angiography]'),
      );
      await preset.asElement().click();
      await page.waitForFunction(() => window.MPR().reformatOptions.slab?.mode === 'mip');
      await page.evaluate(() => window.MPR().whenDrawn());
      const slab = await page.evaluate(planes);
      assert.deepEqual(slab.slab, { mode: 'mip', thickness: 15 });
      // Where both sampled the patient, a maximum over 15 mm is at least the thin plane's value
      // (up to interpolation between the slab's samples), and brighter in many places.
      const compared = await page.evaluate(() => {
        const { image } = window.MPR().planeImage('coronal');
        const thin = window.__thin;
        let both = 0;
        let lower = 0;
        let brighter = 0;
        for (let p = 0; p < image.pixels.length; p++) {
          if (image.status[p] !== 0 || thin.status[p] !== 0) continue;
          both++;
          if (image.pixels[p] < thin.pixels[p] - 50) lower++;
          if (image.pixels[p] > thin.pixels[p] + 50) brighter++;
        }
        return { both, lower, brighter };
      });
      assert.ok(compared.both > 1000, 'pixels sampled in both');
      assert.ok(compared.lower < compared.both / 100, 'the MIP is no darker than the thin plane');
      assert.ok(compared.brighter > compared.both / 20, 'the MIP brightened the coronal plane');
    } finally {
      await browser.close();
      await server.close();
    }
  },
);
