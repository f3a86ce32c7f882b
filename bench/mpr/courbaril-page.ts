// Courbaril side of the MPR bench, in headless Chromium: the real volume worker (a module
// worker, no SharedArrayBuffer, no cross-origin isolation) holds a 512×512×300 CT; the page asks
// for reformats and draws each through a window LUT on a 2-D canvas. Times are from the request
// to the image drawn: worker compute + transfer back + draw.
import { VolumeWorkerClient } from '../../src/workers/volume-worker-client.js';
import type {
  ReformatImage,
  ReformatOptions,
  ReformatPlane,
} from '../../src/volume/reformat-plane.js';
import type { SliceGeometry } from '../../src/volume/slice-geometry.js';
import {
  planeThrough,
  rotateAxes,
  STANDARD_PLANE_AXES,
  type PlaneAxes,
} from '../../src/volume/standard-planes.js';
import type { Vec3 } from '../../src/volume/vec3.js';
import { ctSlice, SERIES } from './phantom.js';

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function draw(canvas: HTMLCanvasElement, image: ReformatImage): void {
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2-D context');
  const rgba = context.createImageData(image.width, image.height);
  const data = new Uint32Array(rgba.data.buffer);
  // Window 40/400 (soft tissue): grey = (HU − (40 − 200)) / 400.
  for (let p = 0; p < image.pixels.length; p++) {
    const g = Math.max(0, Math.min(255, (((image.pixels[p] ?? 0) + 160) * 255) / 400)) | 0;
    data[p] = 0xff000000 | (g << 16) | (g << 8) | g;
  }
  context.putImageData(rgba, 0, 0);
}

interface Result {
  readonly loadMs: number;
  readonly threePlanesMs: number;
  readonly rows: Record<string, { readonly median: number; readonly size: string }>;
}

async function run(steps: number): Promise<Result> {
  const canvases = [0, 1, 2].map(() => document.body.appendChild(document.createElement('canvas')));
  const client = new VolumeWorkerClient(
    () => new Worker('/volume-worker.js', { type: 'module', name: 'volume' }),
  );
  const slices: SliceGeometry[] = Array.from({ length: SERIES.slices }, (_, k) => ({
    source: { instance: k, frame: 0 },
    position: [0, 0, k * SERIES.step],
    rowDirection: [1, 0, 0],
    columnDirection: [0, 1, 0],
    rows: SERIES.size,
    columns: SERIES.size,
    rowSpacing: SERIES.pixelSpacing,
    columnSpacing: SERIES.pixelSpacing,
    bitsStored: 12,
    signed: false,
    rescale: { slope: 1, intercept: -1024 },
    frameOfReferenceUid: '1.2.826.0.1.3680043.10.1002.9',
  }));
  const loadStart = performance.now();
  const volume = await client.create(slices);
  for (let k = 0; k < SERIES.slices; k += 4) {
    await Promise.all(
      slices.slice(k, k + 4).map((slice, n) => volume.setSlice(slice.source, ctSlice(k + n))),
    );
  }
  const loadMs = performance.now() - loadStart;
  const g = volume.geometry;
  const centre: Vec3 = [
    ((SERIES.size - 1) / 2) * SERIES.pixelSpacing,
    ((SERIES.size - 1) / 2) * SERIES.pixelSpacing,
    ((SERIES.slices - 1) / 2) * SERIES.step,
  ];
  const show = async (
    canvas: HTMLCanvasElement,
    plane: ReformatPlane,
    options: ReformatOptions = {},
  ): Promise<void> => {
    draw(canvas, await volume.reformat(plane, options));
  };
  // Series loaded → the three planes drawn.
  const threeStart = performance.now();
  await Promise.all(
    (['axial', 'coronal', 'sagittal'] as const).map((name, n) =>
      show(canvases[n]!, planeThrough(g, STANDARD_PLANE_AXES[name], centre)),
    ),
  );
  const threePlanesMs = performance.now() - threeStart;

  const rows: Result['rows'] = {};
  const measure = async (
    label: string,
    planeAt: (step: number) => ReformatPlane,
    options: ReformatOptions,
  ): Promise<void> => {
    const times: number[] = [];
    await show(canvases[0]!, planeAt(0), options); // warm-up
    for (let step = 1; step <= steps; step++) {
      const plane = planeAt(step);
      const start = performance.now();
      await show(canvases[0]!, plane, options);
      times.push(performance.now() - start);
    }
    const plane = planeAt(0);
    rows[label] = { median: median(times), size: `${plane.width}×${plane.height}` };
  };
  // An oblique rotation: the coronal plane turned about the crosshair, 2° a step.
  const rotated = (step: number): PlaneAxes =>
    rotateAxes(
      STANDARD_PLANE_AXES.coronal,
      [Math.SQRT1_2, Math.SQRT1_2, 0],
      ((20 + 2 * step) * Math.PI) / 180,
    );
  const oblique = (step: number): ReformatPlane => planeThrough(g, rotated(step), centre);
  // A 20 mm MIP scrolled through the stack, 1 mm a step; and one on the rotating oblique.
  const axialAt = (step: number): ReformatPlane =>
    planeThrough(g, STANDARD_PLANE_AXES.axial, [centre[0], centre[1], centre[2] + step]);
  const mip = { slab: { thickness: 20, mode: 'mip' } } as const;
  for (const quality of ['full', 'interactive'] as const) {
    await measure(`oblique rotation (${quality})`, oblique, { quality });
    await measure(`20 mm axial MIP, scrolled (${quality})`, axialAt, { ...mip, quality });
    await measure(`20 mm oblique MIP, rotated (${quality})`, oblique, { ...mip, quality });
  }
  await volume.release();
  client.dispose();
  return { loadMs, threePlanesMs, rows };
}

(window as unknown as { runMprBench: typeof run }).runMprBench = run;
