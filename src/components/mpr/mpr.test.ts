import { expect } from '@open-wc/testing';
import { waitFor } from '../../../test/waits.js';
import type { DicomDataset } from '../../dicom/dataset.js';
import { parseDicom } from '../../dicom/parse-dicom.js';
import { fetchBytes } from '../../dicom/test-fixtures.js';
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import type { MeasurementEvent } from '../../events/measurement.js';
import type { VolumeErrorEvent } from '../../events/volume-error.js';
import { PixelStatus, type ReformatPlane } from '../../volume/reformat-plane.js';
import { patientToPlane } from '../../volume/standard-planes.js';
import { singleFrame } from '../../volume/test-series.js';
import { add, type Vec3 } from '../../volume/vec3.js';
import { createDecodeFrameLoader, type FrameLoader } from '../../workers/frame-loader.js';
import type { CbMpr } from './mpr.js';
import './cb-mpr.js';

/** test/volume/make-fixtures.mjs: an obliquely acquired CT phantom and numpy's reformats of it. */
interface Manifest {
  readonly slices: number;
  readonly planes: readonly { readonly plane: ReformatPlane & { readonly name: string } }[];
  readonly sphereCentres: readonly Vec3[];
}

const BASE = '/test/.tmp/volume/';
/** HU: numpy samples in float64, the worker in float64 stored as float32 (as in the reformat tests). */
const TOLERANCE = 1e-2;

let manifest: Manifest;
let phantom: DicomDataset[];
const mounted: CbMpr[] = [];

async function mount(
  stack: DicomDataset[],
  setup: (element: CbMpr) => void = () => undefined,
  loader: FrameLoader = createDecodeFrameLoader(),
): Promise<CbMpr> {
  const element = document.createElement('cb-mpr');
  element.style.cssText = 'display:flex;width:960px;height:420px';
  element.frameLoader = loader;
  setup(element);
  element.stack = stack;
  mounted.push(element);
  document.body.append(element);
  await waitFor(
    () => element.totalSlices > 0 && element.loadedSlices === element.totalSlices,
    'every slice in the volume',
    30000,
  );
  await element.whenDrawn();
  return element;
}

/** numpy's plane `name` against the element's plane `plane`, pixel by pixel where both sampled. */
function expectMatchesNumpy(element: CbMpr, plane: MprPlaneName, name: string): void {
  const entry = manifest.planes.find((candidate) => candidate.plane.name === name);
  if (!entry) throw new Error(`no numpy plane ${name}`);
  compare(element, plane, entry.plane);
}

let reference: Map<string, { values: Float32Array; status: Uint8Array }>;

function compare(
  element: CbMpr,
  plane: MprPlaneName,
  expected: ReformatPlane & { readonly name: string },
): void {
  const drawn = element.planeImage(plane);
  if (!drawn) throw new Error(`${plane} not drawn`);
  const { values, status } = reference.get(expected.name)!;
  // Both planes pass through the phantom's centre: line their pixels up on it.
  const centre = add(
    expected.origin,
    add(
      expected.rowDirection.map((v) => v * expected.columnSpacing * Math.floor(expected.width / 2)) as unknown as Vec3,
      expected.columnDirection.map((v) => v * expected.rowSpacing * Math.floor(expected.height / 2)) as unknown as Vec3,
    ),
  );
  const at = patientToPlane(drawn.plane, centre);
  expect(drawn.plane.columnSpacing).to.be.closeTo(expected.columnSpacing, 1e-9);
  for (let k = 0; k < 3; k++) {
    expect(drawn.plane.rowDirection[k]).to.be.closeTo(expected.rowDirection[k]!, 1e-9);
    expect(drawn.plane.columnDirection[k]).to.be.closeTo(expected.columnDirection[k]!, 1e-9);
  }
  expect(at.distance).to.be.closeTo(0, 1e-6);
  const dx = Math.round(at.x) - Math.floor(expected.width / 2);
  const dy = Math.round(at.y) - Math.floor(expected.height / 2);
  expect(Math.abs(at.x - Math.round(at.x))).to.be.below(1e-6);
  let matched = 0;
  let worst = 0;
  for (let y = 0; y < expected.height; y++) {
    for (let x = 0; x < expected.width; x++) {
      const p = y * expected.width + x;
      const q = (y + dy) * drawn.image.width + (x + dx);
      if (status[p] !== PixelStatus.sampled) continue;
      expect(drawn.image.status[q], `${expected.name} (${x}, ${y})`).to.equal(PixelStatus.sampled);
      worst = Math.max(worst, Math.abs((drawn.image.pixels[q] ?? NaN) - (values[p] ?? NaN)));
      matched++;
    }
  }
  expect(worst, `${expected.name}: largest difference (HU)`).to.be.below(TOLERANCE);
  expect(matched).to.be.greaterThan(1000);
}

function pane(element: CbMpr, name: MprPlaneName): HTMLElement {
  return element.shadowRoot!.querySelector<HTMLElement>(`.pane[data-plane=${name}]`)!;
}

function pointer(target: HTMLElement, type: string, x: number, y: number): void {
  target.dispatchEvent(
    new PointerEvent(type, {
      bubbles: true,
      composed: true,
      clientX: x,
      clientY: y,
      button: 0,
      buttons: type === 'pointerup' ? 0 : 1,
      pointerId: 1,
      pointerType: 'mouse',
      isPrimary: true,
    }),
  );
}

/** Where a bright blob is on screen: centroid of canvas pixels passing `test`, in client px. */
function blobOnScreen(
  canvas: HTMLCanvasElement,
  test: (grey: number) => boolean,
): { x: number; y: number; count: number } {
  const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (let y = 0; y < canvas.height; y++)
    for (let x = 0; x < canvas.width; x++) {
      if (!test(data[(y * canvas.width + x) * 4] ?? 0)) continue;
      sx += x + 0.5;
      sy += y + 0.5;
      count++;
    }
  // The browser's own layout of the canvas, not the element's mapping, places the blob.
  const box = canvas.getBoundingClientRect();
  return {
    x: box.left + (sx / count) * (box.width / canvas.width),
    y: box.top + (sy / count) * (box.height / canvas.height),
    count,
  };
}

describe('<cb-mpr> (oblique CT phantom, real decode and volume workers, numpy reference)', () => {
  before(async () => {
    const response = await fetch(`${BASE}manifest.json`);
    if (!response.ok)
      throw new Error('Missing test/.tmp/volume: run node scripts/test/fixtures-volume.mjs');
    manifest = (await response.json()) as Manifest;
    phantom = await Promise.all(
      Array.from({ length: manifest.slices }, async (_, n) =>
        parseDicom(await fetchBytes(`${BASE}slice-${String(n).padStart(2, '0')}.dcm`)),
      ),
    );
    reference = new Map();
    for (const { plane } of manifest.planes) {
      const values = new Float32Array(await (await fetch(`${BASE}${plane.name}.f32`)).arrayBuffer());
      const status = new Uint8Array(await (await fetch(`${BASE}${plane.name}.u8`)).arrayBuffer());
      reference.set(plane.name, { values, status });
    }
  });

  afterEach(() => {
    for (const element of mounted.splice(0)) element.remove();
  });

  it('draws the three planes as numpy reformats them', async () => {
    const element = await mount(phantom, (e) => {
      e.pixelSpacing = 0.5;
    });
    for (const name of ['axial', 'coronal', 'sagittal'] as const) {
      const canvas = element.shadowRoot!.querySelector<HTMLCanvasElement>(`canvas[data-plane=${name}]`)!;
      expect(canvas.width, name).to.be.greaterThan(40);
      expect(canvas.getBoundingClientRect().width, name).to.be.greaterThan(40);
    }
    expectMatchesNumpy(element, 'coronal', 'coronal');
    expectMatchesNumpy(element, 'sagittal', 'sagittal');
  });
});

void expectMatchesNumpy;
void singleFrame;
void (null as unknown as MeasurementEvent | VolumeErrorEvent | null);
void blobOnScreen;
void pointer;
void pane;
