import { expect } from '@open-wc/testing';
import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { PixelStatus } from '../volume/reformat-plane.js';
import { slicesOf, type SliceGeometry } from '../volume/slice-geometry.js';
import { planeThrough, STANDARD_PLANE_AXES } from '../volume/standard-planes.js';
import { singleFrame, type TestSlice } from '../volume/test-series.js';
import type { Vec3 } from '../volume/vec3.js';
import { VolumeGeometryError, VolumeTooLargeError } from '../volume/volume-errors.js';
import { DEFAULT_MAX_VOLUME_BYTES } from '../volume/volume.js';
import { createDecodeFrameLoader, type FrameLoader } from './frame-loader.js';
import { loadVolume } from './load-volume.js';
import { STANDALONE_VOLUME_WORKER_PATH } from './start-volume-worker.js';
import { VolumeWorkerClient, VolumeWorkerError } from './volume-worker-client.js';
import { configureWorkers } from './worker-options.js';

// An axial series, 16 × 12 × 9 voxels of 0.7 × 0.8 × 2.5 mm, whose stored value is linear in
// the voxel index (so in patient mm too): any trilinear sample is exactly computable here.
const [NX, NY, NZ] = [16, 12, 9];
const ORIGIN: Vec3 = [-20, 10, 40];
const SPACING: Vec3 = [0.7, 0.8, 2.5];
const stored = (i: number, j: number, k: number): number => 3 * i + 5 * j + 7 * k + 200;
const INTERCEPT = -1024;
/** The modality value at a patient point, from the series' own numbers (CT axial: axes are x, y, z). */
const expectedAt = (p: Vec3): number =>
  stored(
    (p[0] - ORIGIN[0]) / SPACING[0],
    (p[1] - ORIGIN[1]) / SPACING[1],
    (p[2] - ORIGIN[2]) / SPACING[2],
  ) + INTERCEPT;

function series(): DicomDataset[] {
  return Array.from({ length: NZ }, (_, k): TestSlice => {
    const pixels = new Uint16Array(NX * NY);
    for (let j = 0; j < NY; j++) for (let i = 0; i < NX; i++) pixels[i + j * NX] = stored(i, j, k);
    return {
      position: [ORIGIN[0], ORIGIN[1], ORIGIN[2] + k * SPACING[2]],
      pixelSpacing: [SPACING[1], SPACING[0]],
      rows: NY,
      columns: NX,
      intercept: INTERCEPT,
      pixels,
    };
  })
    .reverse()
    .map((slice) => singleFrame(slice));
}

const CROSSHAIR: Vec3 = [ORIGIN[0] + 5.2, ORIGIN[1] + 4, ORIGIN[2] + 9];

describe('volume worker', () => {
  let client: VolumeWorkerClient | undefined;

  afterEach(() => {
    client?.dispose();
    client = undefined;
    configureWorkers({});
  });

  it('starts through the host hook from assetBase, as the decode worker does', async () => {
    const seen: string[] = [];
    configureWorkers({
      assetBase: 'https://cdn.example/courbaril/1.0/',
      createWorker: (url) => {
        seen.push(url.href);
        return new Worker(new URL('./volume-worker.ts', import.meta.url), { type: 'module' });
      },
    });
    client = new VolumeWorkerClient();
    const volume = await client.create(slicesOf(series()));
    expect(volume.geometry.dimensions).to.deep.equal([NX, NY, NZ]);
    expect(seen).to.deep.equal([
      `https://cdn.example/courbaril/1.0/${STANDALONE_VOLUME_WORKER_PATH}`,
    ]);
  });

  it('builds the volume in a module worker as slices stream in, marking the slices not yet loaded', async () => {
    client = new VolumeWorkerClient();
    const datasets = series();
    const decoding = createDecodeFrameLoader();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const heldSlice = datasets[4]!; // k = 4 (the list is reversed): the middle of the stack
    const loader: FrameLoader = {
      load: async (dataset, frame, options) => {
        if (dataset === heldSlice) await held;
        return decoding.load(dataset, frame, options);
      },
    };
    const counts: number[] = [];
    let allButOne = (): void => undefined;
    const almost = new Promise<void>((resolve) => (allButOne = resolve));
    const { volume, complete } = await loadVolume(client, datasets, loader, {
      onSlice: (loaded, total) => {
        counts.push(loaded);
        if (loaded === total - 1) allButOne();
      },
    });
    expect(volume.voxelType).to.equal('int16');
    expect(volume.geometry.dimensions).to.deep.equal([NX, NY, NZ]);
    const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES.coronal, CROSSHAIR);
    await almost;
    const partial = await volume.reformat(plane);
    release();
    await complete;
    expect(counts).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const full = await volume.reformat(plane);
    let sampled = 0;
    let notLoaded = 0;
    for (let y = 0; y < plane.height; y++) {
      for (let x = 0; x < plane.width; x++) {
        const p: Vec3 = [
          plane.origin[0] + x * plane.columnSpacing,
          plane.origin[1],
          plane.origin[2] - y * plane.rowSpacing,
        ];
        const k = (p[2] - ORIGIN[2]) / SPACING[2];
        const i = (p[0] - ORIGIN[0]) / SPACING[0];
        const index = y * plane.width + x;
        if (i < -1e-6 || i > NX - 1 + 1e-6 || k < -1e-6 || k > NZ - 1 + 1e-6) {
          expect(full.status[index]).to.equal(PixelStatus.outside);
          continue;
        }
        expect(full.status[index], `pixel ${x},${y}`).to.equal(PixelStatus.sampled);
        expect(full.pixels[index], `pixel ${x},${y}`).to.be.closeTo(expectedAt(p), 1e-3);
        sampled++;
        const needsHeld = k > 3 + 1e-6 && k < 5 - 1e-6;
        expect(partial.status[index]).to.equal(
          needsHeld ? PixelStatus.notLoaded : PixelStatus.sampled,
        );
        if (needsHeld) notLoaded++;
      }
    }
    expect(sampled).to.be.greaterThan(100);
    expect(notLoaded).to.be.greaterThan(10);
  });

  it('transfers each slice into the worker instead of copying it', async () => {
    client = new VolumeWorkerClient();
    const volume = await client.create(slicesOf(series()));
    const source = volume.geometry.sliceSources[0]!;
    const pixels = new Uint16Array(NX * NY).fill(1500);
    expect(await volume.setSlice(source, pixels)).to.equal(1);
    expect(pixels.buffer.byteLength).to.equal(0);
    const image = await volume.reformat(
      planeThrough(volume.geometry, STANDARD_PLANE_AXES.axial, ORIGIN),
    );
    expect(image.pixels[0]).to.equal(1500 + INTERCEPT);
  });

  it('copies frames its loader keeps in a memory tier before sending them', async () => {
    client = new VolumeWorkerClient();
    const kept: DecodedFrame[] = [];
    const decoding = createDecodeFrameLoader();
    const loader: FrameLoader = {
      holdsDecodedFrames: true,
      load: async (dataset, frame, options) => {
        const decoded = await decoding.load(dataset, frame, options);
        kept.push(decoded);
        return decoded;
      },
    };
    const { complete } = await loadVolume(client, series(), loader);
    await complete;
    expect(kept.length).to.equal(NZ);
    for (const frame of kept) expect(frame.pixels.length).to.equal(NX * NY);
  });

  it('refuses a tilted series with a typed error from the worker', async () => {
    client = new VolumeWorkerClient();
    const tilted = slicesOf(series()).map((slice): SliceGeometry => ({
      ...slice,
      position: [slice.position[0], slice.position[1] + 0.3 * slice.position[2], slice.position[2]],
    }));
    const error = await client.create(tilted).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(VolumeGeometryError);
    expect((error as VolumeGeometryError).reason).to.equal('gantry-tilt');
  });

  it('refuses a volume above its byte limit, and holds a 512 × 512 × 600 CT under the default', async () => {
    client = new VolumeWorkerClient();
    const error = await client.create(slicesOf(series()), { maxVolumeBytes: 1000 }).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(VolumeTooLargeError);
    expect((error as VolumeTooLargeError).bytes).to.equal(NX * NY * NZ * 2);

    const first = slicesOf(series())[0]!;
    const ct = Array.from({ length: 600 }, (_, k): SliceGeometry => ({
      ...first,
      source: { instance: k, frame: 0 },
      position: [0, 0, k * 0.625],
      rows: 512,
      columns: 512,
    }));
    const volume = await client.create(ct);
    expect(volume.voxelType).to.equal('int16');
    expect(volume.bytes).to.equal(512 * 512 * 600 * 2);
    expect(volume.bytes).to.be.at.most(DEFAULT_MAX_VOLUME_BYTES);
    await volume.release();
  });

  it('rejects with VolumeWorkerError when the worker cannot start', async () => {
    client = new VolumeWorkerClient(
      () => new Worker(new URL('./no-such-volume-worker.js', import.meta.url), { type: 'module' }),
    );
    const error = await client.create(slicesOf(series())).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).to.be.instanceOf(VolumeWorkerError);
  });
});
