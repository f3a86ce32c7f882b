import { expect } from '@open-wc/testing';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { FrameLoader } from '../../src/workers/frame-loader.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import { buildDataset, bytesOf, grayscaleModule, lutBytes } from './dataset-builder.js';
import {
  grey,
  maxDifference,
  mountViewport,
  randomIntegers,
  type Path,
} from './viewport-harness.js';

// Expected display values are computed here from PS3.3 formulas with ymin = 0, ymax = 255,
// independently of src/render.
const linear = (x: number, c: number, w: number): number =>
  x <= c - 0.5 - (w - 1) / 2
    ? 0
    : x > c - 0.5 + (w - 1) / 2
      ? 255
      : ((x - (c - 0.5)) / (w - 1) + 0.5) * 255;
const linearExact = (x: number, c: number, w: number): number =>
  x <= c - w / 2 ? 0 : x > c + w / 2 ? 255 : ((x - c) / w + 0.5) * 255;
const sigmoid = (x: number, c: number, w: number): number =>
  255 / (1 + Math.exp((-4 * (x - c)) / w));

const COLUMNS = 64;
const ROWS = 48;
const mounted: CbViewport[] = [];

async function show(path: Path, ...args: Parameters<typeof buildDataset>): Promise<CbViewport> {
  const viewport = await mountViewport([buildDataset(...args)], COLUMNS, ROWS, path);
  mounted.push(viewport);
  return viewport;
}

for (const path of ['webgl2', 'canvas2d'] as const) {
  describe(`<cb-viewport> grey values on the ${path} path`, () => {
    afterEach(() => {
      for (const viewport of mounted.splice(0)) viewport.remove();
    });

    it('draws on the requested render path', async () => {
      const stored = new Uint16Array(COLUMNS * ROWS);
      const viewport = await show(path, grayscaleModule(ROWS, COLUMNS, 12, false), [
        bytesOf(stored),
      ]);
      expect(viewport.renderPath).to.equal(path);
      const canvas = viewport.canvas!;
      expect(canvas.getContext('webgl2') !== null).to.equal(path === 'webgl2');
    });

    it('shows unsigned 12-bit CT through rescale and the header window', async () => {
      const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 4095));
      const viewport = await show(
        path,
        {
          ...grayscaleModule(ROWS, COLUMNS, 12, false),
          0x00281052: -1024,
          0x00281053: 1,
          0x00281050: '40\\400',
          0x00281051: '400\\2000',
        },
        [bytesOf(stored)],
      );
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round(linear(stored[y * COLUMNS + x]! - 1024, 40, 400))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });

    it('shows signed 16-bit CT with a non-unit slope', async () => {
      const stored = Int16Array.from(randomIntegers(COLUMNS * ROWS, -2000, 3000));
      const viewport = await show(
        path,
        {
          ...grayscaleModule(ROWS, COLUMNS, 16, true),
          0x00281052: -1000,
          0x00281053: 0.5,
          0x00281050: -300,
          0x00281051: 1500,
        },
        [bytesOf(stored)],
      );
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round(linear(stored[y * COLUMNS + x]! * 0.5 - 1000, -300, 1500))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });

    it('inverts MONOCHROME1 after the window', async () => {
      const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 1023));
      const viewport = await show(
        path,
        {
          ...grayscaleModule(ROWS, COLUMNS, 10, false, 'MONOCHROME1'),
          0x00281050: 600,
          0x00281051: 500,
        },
        [bytesOf(stored)],
      );
      const result = maxDifference(viewport, (x, y) =>
        grey(255 - Math.round(linear(stored[y * COLUMNS + x]!, 600, 500))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });

    it('applies the SIGMOID VOI LUT function', async () => {
      const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 4095));
      const viewport = await show(
        path,
        {
          ...grayscaleModule(ROWS, COLUMNS, 12, false),
          0x00281050: 2048,
          0x00281051: 1200,
          0x00281056: 'SIGMOID',
        },
        [bytesOf(stored)],
      );
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round(sigmoid(stored[y * COLUMNS + x]!, 2048, 1200))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });

    it('applies the LINEAR_EXACT VOI LUT function', async () => {
      const stored = Uint8Array.from(randomIntegers(COLUMNS * ROWS, 0, 255));
      const viewport = await show(
        path,
        {
          ...grayscaleModule(ROWS, COLUMNS, 8, false),
          0x00281050: 100.5,
          0x00281051: 37,
          0x00281056: 'LINEAR_EXACT',
        },
        [bytesOf(stored)],
      );
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round(linearExact(stored[y * COLUMNS + x]!, 100.5, 37))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });

    it('applies a VOI LUT Sequence table with 12-bit entries to rescaled values', async () => {
      const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 1200));
      // Table covers modality values −100 … 899 (first mapped −100 written as US 65436).
      const entries = Array.from({ length: 1000 }, (_, i) => Math.round(4095 * Math.sqrt(i / 999)));
      const lut = buildDataset({
        0x00283002: [1000, 65436, 12],
        0x00283006: lutBytes(entries),
        0x00283003: 'SQRT',
      });
      const viewport = await show(
        path,
        {
          ...grayscaleModule(ROWS, COLUMNS, 12, false),
          0x00281052: -200,
          0x00281053: 1,
          0x00283010: [lut],
        },
        [bytesOf(stored)],
      );
      const expected = (value: number): number => {
        const index = Math.min(Math.max(value - 200 - -100, 0), 999);
        return Math.round((entries[index]! / 4095) * 255);
      };
      const result = maxDifference(viewport, (x, y) => grey(expected(stored[y * COLUMNS + x]!)));
      expect(result.max, result.at).to.be.at.most(1);
    });

    it('applies a Modality LUT Sequence before the window', async () => {
      const stored = Uint16Array.from(randomIntegers(COLUMNS * ROWS, 0, 300));
      const table = Array.from({ length: 256 }, (_, i) => ((i * 7) % 1000) + 10);
      const lut = buildDataset({
        0x00283002: [256, 20, 16],
        0x00283006: lutBytes(table),
        0x00283004: 'US',
      });
      const viewport = await show(
        path,
        {
          ...grayscaleModule(ROWS, COLUMNS, 12, false),
          0x00283000: [lut],
          0x00281050: 500,
          0x00281051: 800,
        },
        [bytesOf(stored)],
      );
      const modality = (value: number): number => table[Math.min(Math.max(value - 20, 0), 255)]!;
      const result = maxDifference(viewport, (x, y) =>
        grey(Math.round(linear(modality(stored[y * COLUMNS + x]!), 500, 800))),
      );
      expect(result.max, result.at).to.be.at.most(1);
    });

    it('windows over the data range, padding excluded, when the header has no VOI', async () => {
      const values = randomIntegers(COLUMNS * ROWS, 100, 900);
      values[0] = 0; // Pixel Padding Value: must not stretch the window
      values[5] = 0;
      values[9] = 100;
      values[10] = 900;
      const stored = Uint16Array.from(values);
      const viewport = await show(
        path,
        { ...grayscaleModule(ROWS, COLUMNS, 12, false), 0x00280120: 0 },
        [bytesOf(stored)],
      );
      // min 100 → 0, max 900 → 255, linear in between (a LINEAR window of width max − min + 1).
      const result = maxDifference(viewport, (x, y) => {
        const value = stored[y * COLUMNS + x]!;
        return grey(Math.round(Math.min(Math.max(((value - 100) / 800) * 255, 0), 255)));
      });
      expect(result.max, result.at).to.be.at.most(1);
    });

    for (const [kind, pixels] of [
      ['Float32', Float32Array.from(randomIntegers(COLUMNS * ROWS, -500, 1500), (v) => v + 0.25)],
      ['Int8', Int8Array.from(randomIntegers(COLUMNS * ROWS, -128, 127))],
      ['Int32', Int32Array.from(randomIntegers(COLUMNS * ROWS, -70000, 70000))],
    ] as const) {
      it(`windows ${kind} stored values handed over by a FrameLoader`, async () => {
        const frame: DecodedFrame = {
          rows: ROWS,
          columns: COLUMNS,
          samplesPerPixel: 1,
          bitsStored: 32,
          signed: true,
          photometricInterpretation: 'MONOCHROME2',
          pixels,
        };
        const loader: FrameLoader = { load: () => Promise.resolve(frame) };
        const dataset = buildDataset({
          0x00281050: 10,
          0x00281051: 200,
          0x00281053: 2,
          0x00281052: 5,
        });
        const viewport = await mountViewport([dataset], COLUMNS, ROWS, path, (v) => {
          v.frameLoader = loader;
        });
        mounted.push(viewport);
        const result = maxDifference(viewport, (x, y) =>
          grey(Math.round(linear(pixels[y * COLUMNS + x]! * 2 + 5, 10, 200))),
        );
        expect(result.max, result.at).to.be.at.most(1);
      });
    }

    it('shows RGB samples unchanged', async () => {
      const rgb = Uint8Array.from(randomIntegers(COLUMNS * ROWS * 3, 0, 255));
      const viewport = await show(
        path,
        {
          0x00280002: 3,
          0x00280004: 'RGB',
          0x00280006: 0,
          0x00280010: ROWS,
          0x00280011: COLUMNS,
          0x00280100: 8,
          0x00280101: 8,
          0x00280103: 0,
        },
        [rgb],
      );
      const result = maxDifference(viewport, (x, y) => {
        const i = (y * COLUMNS + x) * 3;
        return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
      });
      expect(result.max, result.at).to.be.at.most(1);
    });
  });
}
