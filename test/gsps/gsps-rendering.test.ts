/**
 * <cb-viewport presentationState> checked against an independent renderer and the standard:
 * DCMTK's dcmpsmk makes a GSPS from a pydicom image and dcmp2pgm renders image + GSPS (VOI,
 * Presentation LUT, rotation, flip); our canvas must match it pixel for pixel. dcmp2pgm leaves
 * shutters to the display, so the shutter is checked against the standard: outside the open
 * columns and rows (PS3.3 C.7.6.11.1.1) every pixel is the Shutter Presentation Value grey.
 */
import { expect } from '@open-wc/testing';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import { parseDicom } from '../../src/dicom/parse-dicom.js';
import { writePart10 } from '../../src/dicom/part10-writer.js';
import { readPresentationState } from '../../src/dicom/presentation-state.js';
import { requireRig } from '../dicomweb/dicomweb-fixtures.js';
import { mountViewport, type Path } from '../viewport/viewport-harness.js';
import { composite, dcmp2pgm, dcmpsmk, toolImage, type Grey8 } from './gsps-fixtures.js';
import { gspsJson } from './gsps-json.js';

const mounted: CbViewport[] = [];
afterEach(() => {
  for (const viewport of mounted.splice(0)) viewport.remove();
});

/**
 * Largest difference from dcmp2pgm where the shutter is open, and the values found where it is
 * closed. `open(x, y)`: whether display pixel (x, y) is inside the shutter by the standard.
 */
function compare(
  ours: Grey8,
  reference: Grey8,
  open: (x: number, y: number) => boolean,
): { max: number; at: string; shutter: Set<number>; count: number } {
  expect([ours.width, ours.height]).to.deep.equal([reference.width, reference.height]);
  let max = 0;
  let at = '';
  let count = 0;
  const shutter = new Set<number>();
  for (let i = 0; i < ours.pixels.length; i++) {
    const [x, y] = [i % ours.width, Math.floor(i / ours.width)];
    const got = ours.pixels[i] ?? -1;
    if (!open(x, y)) {
      count++;
      shutter.add(got);
      continue;
    }
    const want = reference.pixels[i] ?? -1;
    if (Math.abs(got - want) > max) {
      max = Math.abs(got - want);
      at = `(${String(x)},${String(y)}) got ${String(got)} want ${String(want)}`;
    }
  }
  return { max, at, shutter, count };
}

for (const path of ['webgl2', 'canvas2d'] as Path[]) {
  describe(`GSPS applied by <cb-viewport> (${path}), against DCMTK dcmp2pgm`, function () {
    before(async function () {
      await requireRig(this);
    });

    it("applies dcmpsmk's GSPS like dcmp2pgm (its window), the rectangular shutter in the Shutter Presentation Value grey", async () => {
      const imageBytes = await toolImage();
      const gspsBytes = await dcmpsmk(imageBytes);
      const state = readPresentationState(parseDicom(gspsBytes));
      expect(state.shutters).to.deep.equal({
        shapes: [{ shape: 'RECTANGULAR', left: 5, right: 50, upper: 3, lower: 30 }],
        presentationValue: 0x8000,
      });
      const viewport = await mountViewport([parseDicom(imageBytes)], 64, 40, path, (v) => {
        v.presentationState = state;
      });
      mounted.push(viewport);
      expect(viewport.effectiveWindow).to.deep.equal({
        windowCenter: 2000,
        windowWidth: 4000,
        function: 'LINEAR',
      });
      // Columns 5…50 and rows 3…30 (1-based, inclusive) stay open: 64·40 − 46·28 pixels are shut.
      const open = (x: number, y: number): boolean => x >= 4 && x <= 49 && y >= 2 && y <= 29;
      const result = compare(composite(viewport), await dcmp2pgm(imageBytes, gspsBytes), open);
      expect(result.max, result.at).to.be.at.most(1);
      expect(result.count).to.equal(64 * 40 - 46 * 28);
      // 0x8000 of 0xFFFF P-Values: round(32768 · 255 / 65535) = 128.
      expect([...result.shutter]).to.deep.equal([128]);
    });

    it('rotates 90° then flips (C.10.6), inverts (INVERSE) and windows as the GSPS says, like dcmp2pgm', async () => {
      const imageBytes = await toolImage();
      const image = parseDicom(imageBytes);
      const gsps = datasetFromDicomJson(
        gspsJson(image, {
          rotation: 90,
          flip: true,
          shape: 'INVERSE',
          window: [2000, 4200],
          shutter: { left: 10, right: 40, upper: 5, lower: 35, value: 0xffff },
        }),
      );
      const gspsBytes = writePart10(gsps);
      const viewport = await mountViewport([image], 40, 64, path, (v) => {
        v.presentationState = readPresentationState(parseDicom(gspsBytes));
      });
      mounted.push(viewport);
      // Rotating 90° clockwise then flipping horizontally transposes: display (x, y) shows image
      // (y, x), so columns 10…40 of the image are display rows 9…39 and rows 5…35 display columns 4…34.
      const open = (x: number, y: number): boolean => y >= 9 && y <= 39 && x >= 4 && x <= 34;
      const result = compare(composite(viewport), await dcmp2pgm(imageBytes, gspsBytes), open);
      expect(result.max, result.at).to.be.at.most(1);
      expect(result.count).to.equal(64 * 40 - 31 * 31);
      expect([...result.shutter]).to.deep.equal([255]);
      // The standard's arithmetic for one pixel: image (x 20, y 10) holds 100 + 53·20 + 7·10 = 1230;
      // rotated 90° clockwise it goes to (40 − 1 − 10, 20) = (29, 20), flipped to (40 − 1 − 29, 20).
      const ours = composite(viewport);
      const linear = (1230 - (2000 - 0.5)) / (4200 - 1) + 0.5; // C.11.2.1.2.1
      expect(ours.pixels[20 * 40 + 10]).to.be.closeTo(Math.round((1 - linear) * 255), 1);
    });
  });
}
