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
      expected.rowDirection.map(
        (v) => v * expected.columnSpacing * Math.floor(expected.width / 2),
      ) as unknown as Vec3,
      expected.columnDirection.map(
        (v) => v * expected.rowSpacing * Math.floor(expected.height / 2),
      ) as unknown as Vec3,
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
      const values = new Float32Array(
        await (await fetch(`${BASE}${plane.name}.f32`)).arrayBuffer(),
      );
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
      const canvas = element.shadowRoot!.querySelector<HTMLCanvasElement>(
        `canvas[data-plane=${name}]`,
      )!;
      expect(canvas.width, name).to.be.greaterThan(40);
      expect(canvas.getBoundingClientRect().width, name).to.be.greaterThan(40);
    }
    expectMatchesNumpy(element, 'coronal', 'coronal');
    expectMatchesNumpy(element, 'sagittal', 'sagittal');
  });
  it('moves the other planes with the crosshair, which a click in the axial plane places', async () => {
    const element = await mount(phantom);
    const before = element.crosshair;
    const coronalBefore = element.planeImage('coronal')!;
    const axial = pane(element, 'axial');
    const box = axial.getBoundingClientRect();
    const mapping = element.mappingOf('axial')!;
    const from = mapping.toCss(before);
    const target = { x: box.left + from.x + 25, y: box.top + from.y + 15 };
    pointer(axial, 'pointerdown', target.x, target.y);
    pointer(axial, 'pointerup', target.x, target.y);
    await element.whenDrawn();
    const after = element.crosshair;
    // 25 and 15 CSS pixels at the pane's scale, along L and P; the axial depth (z) is kept.
    expect(after[0] - before[0]).to.be.closeTo(25 / mapping.scale, 1e-6);
    expect(after[1] - before[1]).to.be.closeTo(15 / mapping.scale, 1e-6);
    expect(after[2]).to.be.closeTo(before[2], 1e-9);
    const coronal = element.planeImage('coronal')!;
    const sagittal = element.planeImage('sagittal')!;
    expect(patientToPlane(coronal.plane, after).distance).to.be.closeTo(0, 1e-6);
    expect(patientToPlane(sagittal.plane, after).distance).to.be.closeTo(0, 1e-6);
    expect(coronal.plane.origin[1]).not.to.be.closeTo(coronalBefore.plane.origin[1], 1e-3);
    expect(coronal.image.pixels).not.to.deep.equal(coronalBefore.image.pixels);
    // The coronal plane's reference line in the axial pane now passes through the click.
    const line = axial.querySelector<SVGLineElement>('line.reference.coronal:not(.slab)')!;
    const y1 = Number(line.getAttribute('y1'));
    const y2 = Number(line.getAttribute('y2'));
    expect((y1 + y2) / 2 + box.top).to.be.closeTo(target.y, 1e-6);
  });

  it('measures a distance on the coronal plane equal to the phantom spheres’ known millimetres', async () => {
    const element = await mount(phantom, (e) => {
      e.voi = { center: 400, width: 20 };
    });
    // The 900 HU sphere is 6 mm left of the phantom's centre; the 400 HU sphere 6 mm anterior
    // and 4 mm down. A coronal plane 3 mm anterior of the centre cuts both: in it their centres
    // lie 6 mm apart along L and 4 mm along H, so √52 mm apart.
    const centre = element.crosshair;
    element.crosshair = [centre[0], centre[1] - 3, centre[2]];
    await element.whenDrawn();
    const canvas = element.shadowRoot!.querySelector<HTMLCanvasElement>(
      'canvas[data-plane=coronal]',
    )!;
    const bright = blobOnScreen(canvas, (grey) => grey === 255);
    const mid = blobOnScreen(canvas, (grey) => grey >= 125 && grey <= 145);
    expect(bright.count).to.be.greaterThan(10);
    expect(mid.count).to.be.greaterThan(10);
    element.tool = 'length';
    await element.updateComplete;
    const measured = new Promise<MeasurementEvent>((resolve) => {
      element.addEventListener('cb-measurement', resolve, { once: true });
    });
    const coronal = pane(element, 'coronal');
    pointer(coronal, 'pointerdown', bright.x, bright.y);
    pointer(coronal, 'pointermove', mid.x, mid.y);
    pointer(coronal, 'pointerup', mid.x, mid.y);
    const event = await measured;
    expect(event.detail.unit).to.equal('mm');
    expect(event.detail.value).to.be.closeTo(Math.sqrt(52), 0.25);
    await element.updateComplete;
    expect(coronal.querySelector('.measurement text')?.textContent).to.contain('mm');
  });

  it('rotates the other planes about the axial normal from the keyboard', async () => {
    const element = await mount(phantom);
    const before = element.planeImage('coronal')!;
    const axial = pane(element, 'axial');
    axial.focus();
    for (let i = 0; i < 3; i++)
      axial.dispatchEvent(
        new KeyboardEvent('keydown', { key: ']', bubbles: true, composed: true }),
      );
    await element.whenDrawn();
    const turned = (15 * Math.PI) / 180;
    const coronal = element.planeImage('coronal')!;
    expect(coronal.plane.rowDirection[0]).to.be.closeTo(Math.cos(turned), 1e-9);
    expect(coronal.plane.rowDirection[1]).to.be.closeTo(Math.sin(turned), 1e-9);
    expect(coronal.plane.columnDirection[2]).to.be.closeTo(-1, 1e-9);
    expect(element.planeAxes.axial.rowDirection).to.deep.equal([1, 0, 0]);
    expect(coronal.image.pixels).not.to.deep.equal(before.image.pixels);
  });

  it('shows the oblique plane numpy computes once the planes are rotated 35° about (1, 1, 0)', async () => {
    const element = await mount(phantom, (e) => {
      e.pixelSpacing = 0.45;
    });
    element.rotate([1, 1, 0], 35);
    await element.whenDrawn();
    expectMatchesNumpy(element, 'coronal', 'oblique');
  });

  it('draws an 8 mm MIP slab as numpy does, and the CT angiography preset changes the pixels', async () => {
    const element = await mount(phantom, (e) => {
      e.pixelSpacing = 0.5;
    });
    const thin = element.planeImage('coronal')!.image.pixels;
    element.slabMode = 'mip';
    element.slabThickness = 8;
    await element.whenDrawn();
    expectMatchesNumpy(element, 'coronal', 'coronal-mip-8mm');
    expect(element.planeImage('coronal')!.image.pixels).not.to.deep.equal(thin);
    element
      .shadowRoot!.querySelector<HTMLButtonElement>('button[data-preset=ct-angiography]')!
      .click();
    await element.whenDrawn();
    expect(element.reformatOptions).to.deep.equal({ slab: { mode: 'mip', thickness: 15 } });
    expect(element.effectiveWindow).to.deep.equal({ center: 300, width: 800 });
    expect(pane(element, 'axial').querySelectorAll('line.reference.slab').length).to.equal(4);
  });

  it('fills the planes in as slices arrive, marking what is not loaded yet', async () => {
    const inner = createDecodeFrameLoader();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let served = 0;
    // Holds back all but the first slices (the middle of the stack, loaded first).
    const loader: FrameLoader = {
      async load(dataset, frame, options) {
        if (++served > 6) await gate;
        return inner.load(dataset, frame, options);
      },
    };
    const element = document.createElement('cb-mpr');
    element.style.cssText = 'display:flex;width:960px;height:420px';
    element.frameLoader = loader;
    element.stack = phantom;
    mounted.push(element);
    const partial = new Promise<void>((resolve) => {
      element.addEventListener('cb-mpr-rendered', (event) => {
        if (event.detail.plane === 'coronal' && event.detail.loadedSlices >= 6) resolve();
      });
    });
    document.body.append(element);
    await partial;
    await element.updateComplete;
    const status = element.planeImage('coronal')!.image.status;
    expect(status.includes(PixelStatus.notLoaded)).to.equal(true);
    expect(status.includes(PixelStatus.sampled)).to.equal(true);
    expect(element.shadowRoot!.querySelector('.notice')?.textContent).to.match(/\d+\/30/);
    release();
    await waitFor(() => element.loadedSlices === 30, 'every slice', 30000);
    await element.whenDrawn();
    expect(element.planeImage('coronal')!.image.status.includes(PixelStatus.notLoaded)).to.equal(
      false,
    );
  });

  it('refuses a series with a gap, with its reason, instead of drawing it', async () => {
    const positions = [0, 2, 4, 6, 10, 12];
    const stack = positions.map((z) =>
      singleFrame({ position: [0, 0, z], pixels: new Uint16Array(20) }),
    );
    const element = document.createElement('cb-mpr');
    element.style.cssText = 'display:flex;width:600px;height:300px';
    element.frameLoader = createDecodeFrameLoader();
    const refused = new Promise<VolumeErrorEvent>((resolve) => {
      element.addEventListener('cb-volume-error', resolve, { once: true });
    });
    element.stack = stack;
    mounted.push(element);
    document.body.append(element);
    const event = await refused;
    expect(event.detail.reason).to.equal('gap');
    await element.updateComplete;
    const alert = element.shadowRoot!.querySelector('[role=alert]')!;
    expect(alert.textContent).to.contain(event.detail.message);
    expect(alert.textContent).not.to.contain('Doe');
    expect(element.shadowRoot!.querySelector('canvas')).to.equal(null);
  });
});
