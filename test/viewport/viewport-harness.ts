import '../../src/components/viewport/cb-viewport.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import type { DicomDataset } from '../../src/dicom/dataset.js';
import type { ImageRenderedEvent } from '../../src/events/image-rendered.js';

export type Path = 'webgl2' | 'canvas2d';

export function nextRendered(viewport: CbViewport): Promise<ImageRenderedEvent> {
  return new Promise((resolve) => {
    viewport.addEventListener('cb-image-rendered', resolve, { once: true });
  });
}

/** A viewport sized to the image, scale 1, no overlay: one image pixel per canvas pixel. */
export async function mountViewport(
  stack: DicomDataset[],
  columns: number,
  rows: number,
  renderer: Path | 'auto',
  configure: (viewport: CbViewport) => void = () => undefined,
): Promise<CbViewport> {
  const viewport = document.createElement('cb-viewport');
  viewport.style.width = `${columns}px`;
  viewport.style.height = `${rows}px`;
  viewport.style.minHeight = '0';
  viewport.overlay = 'off';
  viewport.scale = 1;
  viewport.renderer = renderer;
  configure(viewport);
  const rendered = nextRendered(viewport);
  document.body.append(viewport);
  viewport.stack = stack;
  await rendered;
  return viewport;
}

/** RGBA of the canvas, top row first, read back from whichever context draws it. */
export function readCanvas(viewport: CbViewport): {
  width: number;
  height: number;
  rgba: Uint8Array;
} {
  const canvas = viewport.canvas;
  if (!canvas) throw new Error('no canvas');
  const { width, height } = canvas;
  const gl = viewport.renderPath === 'webgl2' ? canvas.getContext('webgl2') : null;
  if (gl) {
    const bottomUp = new Uint8Array(width * height * 4);
    gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, bottomUp);
    const rgba = new Uint8Array(bottomUp.length);
    for (let y = 0; y < height; y++)
      rgba.set(
        bottomUp.subarray((height - 1 - y) * width * 4, (height - y) * width * 4),
        y * width * 4,
      );
    return { width, height, rgba };
  }
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas has neither webgl2 nor 2d context');
  return {
    width,
    height,
    rgba: new Uint8Array(context.getImageData(0, 0, width, height).data.buffer),
  };
}

/** Largest |difference| between the canvas and expected RGB values (grey: same value in R, G, B). */
export function maxDifference(
  viewport: CbViewport,
  expected: (x: number, y: number) => [number, number, number],
): { max: number; at: string } {
  const { width, height, rgba } = readCanvas(viewport);
  let max = 0;
  let at = '';
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const want = expected(x, y);
      for (let k = 0; k < 3; k++) {
        const diff = Math.abs((rgba[(y * width + x) * 4 + k] ?? -999) - want[k]!);
        if (diff > max) {
          max = diff;
          at = `(${x},${y}) channel ${k}: got ${rgba[(y * width + x) * 4 + k]}, want ${want[k]}`;
        }
      }
    }
  }
  return { max, at };
}

export function grey(value: number): [number, number, number] {
  return [value, value, value];
}

/** Deterministic pseudo-random integers (mulberry32) so failures reproduce. */
export function randomIntegers(count: number, min: number, max: number, seed = 7): number[] {
  let state = seed;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => min + Math.floor(next() * (max - min + 1)));
}
