import { expect } from '@open-wc/testing';
import { parseDicom } from '../../src/dicom/parse-dicom.js';
import { fetchBytes } from '../../src/dicom/test-fixtures.js';
import { createDecodeFrameLoader } from '../../src/workers/frame-loader.js';
import { loadVolume } from '../../src/workers/load-volume.js';
import { VolumeWorkerClient } from '../../src/workers/volume-worker-client.js';
import { PixelStatus, type ReformatPlane, type Slab } from '../../src/volume/reformat-plane.js';
import { patientToPlane } from '../../src/volume/standard-planes.js';
import type { Vec3 } from '../../src/volume/vec3.js';

/** test/volume/make-fixtures.mjs: an oblique CT phantom and numpy's reformats of it. */
interface Manifest {
  readonly slices: number;
  readonly planes: readonly {
    readonly plane: ReformatPlane & { readonly name: string };
    readonly slab: Slab | null;
    readonly sampled: number;
  }[];
  readonly sphereCentres: readonly Vec3[];
}

const BASE = '/test/.tmp/volume/';
/** HU: numpy samples in float64, the worker in float64 stored as float32. */
const TOLERANCE = 1e-2;

describe('reformats against numpy (oblique CT phantom, Part 10 slices, real decode and volume workers)', () => {
  let client: VolumeWorkerClient | undefined;
  let manifest: Manifest;

  before(async () => {
    const response = await fetch(`${BASE}manifest.json`);
    if (!response.ok)
      throw new Error('Missing test/.tmp/volume: run node scripts/test/fixtures-volume.mjs');
    manifest = (await response.json()) as Manifest;
  });

  afterEach(() => {
    client?.dispose();
    client = undefined;
  });

  it('matches every plane and slab numpy computed, pixel for pixel', async () => {
    const datasets = await Promise.all(
      Array.from({ length: manifest.slices }, async (_, n) =>
        parseDicom(await fetchBytes(`${BASE}slice-${String(n).padStart(2, '0')}.dcm`)),
      ),
    );
    client = new VolumeWorkerClient();
    const { volume, complete } = await loadVolume(client, datasets, createDecodeFrameLoader());
    await complete;
    // Slice Thickness says 5 mm; the positions say 1.25.
    expect(volume.geometry.spacing[2]).to.be.closeTo(1.25, 1e-6);
    for (const { plane, slab, sampled } of manifest.planes) {
      const image = await volume.reformat(plane, slab ? { slab } : {});
      const values = new Float32Array(
        await (await fetch(`${BASE}${plane.name}.f32`)).arrayBuffer(),
      );
      const status = new Uint8Array(await (await fetch(`${BASE}${plane.name}.u8`)).arrayBuffer());
      expect(image.pixels.length, plane.name).to.equal(values.length);
      let matched = 0;
      let worst = 0;
      for (let p = 0; p < values.length; p++) {
        expect(image.status[p], `${plane.name} pixel ${p}`).to.equal(status[p]);
        if (status[p] !== PixelStatus.sampled) continue;
        worst = Math.max(worst, Math.abs((image.pixels[p] ?? NaN) - (values[p] ?? NaN)));
        matched++;
      }
      expect(worst, `${plane.name}: largest difference (HU)`).to.be.below(TOLERANCE);
      expect(matched, plane.name).to.equal(sampled);
      expect(matched, plane.name).to.be.greaterThan(1000);
    }
  });

  it('shows the 900 HU sphere where its millimetres put it on the coronal reformat', async () => {
    const datasets = await Promise.all(
      Array.from({ length: manifest.slices }, async (_, n) =>
        parseDicom(await fetchBytes(`${BASE}slice-${String(n).padStart(2, '0')}.dcm`)),
      ),
    );
    client = new VolumeWorkerClient();
    const { volume, complete } = await loadVolume(client, datasets, createDecodeFrameLoader());
    await complete;
    const coronal = manifest.planes.find((entry) => entry.plane.name === 'coronal')!.plane;
    const image = await volume.reformat(coronal);
    const sphere = manifest.sphereCentres[0]!;
    const at = patientToPlane(coronal, sphere);
    expect(at.distance).to.be.closeTo(0, 1e-6);
    const x = Math.round(at.x);
    const y = Math.round(at.y);
    expect(image.pixels[y * coronal.width + x]).to.equal(900);
    // 4 mm radius: 5 mm away along the row, outside the sphere.
    expect(image.pixels[y * coronal.width + x + 10]).not.to.equal(900);
  });
});
