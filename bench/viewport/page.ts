// Runs inside headless Chromium (bundled by run.mjs). Frames come from an in-memory FrameLoader so
// the figures are the viewport's own cost: index change → texture upload / CPU LUT → draw →
// cb-image-rendered. Decode cost is measured separately by bench/decode.
import '../../src/components/viewport/cb-viewport.js';
import type { FrameLoader } from '../../src/workers/frame-loader.js';
import type { DicomDataset } from '../../src/dicom/dataset.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import { buildDataset, grayscaleModule } from '../../test/viewport/dataset-builder.js';

interface Case {
  readonly renderer: 'webgl2' | 'canvas2d';
  readonly columns: number;
  readonly rows: number;
  readonly bits: number;
  readonly signed: boolean;
  readonly images: number;
  readonly steps: number;
}

function phantom(c: Case, seed: number): DecodedFrame {
  const pixels = c.signed
    ? new Int16Array(c.columns * c.rows)
    : new Uint16Array(c.columns * c.rows);
  const max = 2 ** c.bits - 1;
  for (let y = 0; y < c.rows; y++) {
    for (let x = 0; x < c.columns; x++) {
      const r = Math.hypot(x - c.columns / 2, y - c.rows / 2) / Math.min(c.columns, c.rows);
      const body = r < 0.45 ? 1000 + 300 * Math.sin((x + seed * 3) / 17) * Math.cos(y / 23) : 0;
      pixels[y * c.columns + x] = c.signed ? body - 1024 : Math.min(max, body);
    }
  }
  return {
    rows: c.rows,
    columns: c.columns,
    samplesPerPixel: 1,
    bitsStored: c.bits,
    signed: c.signed,
    photometricInterpretation: 'MONOCHROME2',
    pixels,
  };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function run(
  c: Case,
): Promise<{ scrollMs: number; windowMs: number; path: string | undefined }> {
  const frames = new Map<DicomDataset, DecodedFrame>();
  const stack = Array.from({ length: c.images }, (_, i) => {
    const dataset = buildDataset({
      ...grayscaleModule(c.rows, c.columns, c.bits, c.signed),
      0x00281050: 40,
      0x00281051: 400,
      0x00281052: c.signed ? 0 : -1024,
      0x00281053: 1,
    });
    frames.set(dataset, phantom(c, i));
    return dataset;
  });
  const loader: FrameLoader = { load: (dataset) => Promise.resolve(frames.get(dataset)!) };
  const viewport = document.createElement('cb-viewport');
  viewport.style.cssText = `width:${Math.min(c.columns, 1024)}px;height:${Math.min(c.rows, 1024)}px;min-height:0`;
  viewport.overlay = 'off';
  viewport.renderer = c.renderer;
  viewport.frameLoader = loader;
  const rendered = (): Promise<void> =>
    new Promise((resolve) => {
      viewport.addEventListener(
        'cb-image-rendered',
        () => {
          resolve();
        },
        { once: true },
      );
    });
  let next = rendered();
  document.body.append(viewport);
  viewport.stack = stack;
  await next;
  const scroll: number[] = [];
  for (let step = 1; step <= c.steps; step++) {
    next = rendered();
    const start = performance.now();
    viewport.index = step % c.images;
    await next;
    scroll.push(performance.now() - start);
  }
  const windowTimes: number[] = [];
  for (let step = 0; step < 10; step++) {
    const start = performance.now();
    viewport.voi = { windowCenter: 40 + step * 10, windowWidth: 400 };
    await viewport.updateComplete;
    await new Promise(requestAnimationFrame);
    // The draw runs in the rAF callback queued before ours: by now it is on screen.
    windowTimes.push(performance.now() - start);
  }
  const path = viewport.renderPath;
  viewport.remove();
  return { scrollMs: median(scroll), windowMs: median(windowTimes), path };
}

(window as unknown as { runViewportBench: typeof run }).runViewportBench = run;
