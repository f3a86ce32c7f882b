import { expect } from '@open-wc/testing';
import type { DicomDataset } from '../dicom/dataset.js';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import { transformPoint } from './affine3.js';
import { slicesOf } from './slice-geometry.js';
import {
  AXIAL,
  enhancedMultiFrame,
  OBLIQUE,
  OBLIQUE_NORMAL as obliqueNormal,
  singleFrame,
  TEST_PATIENT_NAME,
  type TestSlice,
} from './test-series.js';
import type { Vec3 } from './vec3.js';
import { VolumeGeometryError, VolumeTooLargeError, type VolumeRefusal } from './volume-errors.js';
import { planVolume, type VolumeGeometryOptions } from './volume-geometry.js';
import { Volume, voxelTypeOf } from './volume.js';

/** The standard's per-slice formula (PS3.3 C.7.6.2.1.1): P = S + Xxyz·Δi·i + Yxyz·Δj·j. */
function standardPosition(slice: TestSlice, i: number, j: number): Vec3 {
  const o = slice.orientation ?? AXIAL;
  const [rowSpacing, columnSpacing] = slice.pixelSpacing ?? [0.8, 0.7];
  const [sx, sy, sz] = slice.position;
  return [
    sx + (o[0] ?? 0) * columnSpacing * i + (o[3] ?? 0) * rowSpacing * j,
    sy + (o[1] ?? 0) * columnSpacing * i + (o[4] ?? 0) * rowSpacing * j,
    sz + (o[2] ?? 0) * columnSpacing * i + (o[5] ?? 0) * rowSpacing * j,
  ];
}

function expectClose(actual: Vec3, expected: Vec3, tolerance = 1e-9): void {
  actual.forEach((value, axis) => expect(value).to.be.closeTo(expected[axis] ?? NaN, tolerance));
}

function stack(
  count: number,
  step: number,
  at: (k: number) => Partial<TestSlice> = () => ({}),
): TestSlice[] {
  return Array.from({ length: count }, (_, k) => ({
    position: [-12, 30, 10 + k * step],
    ...at(k),
  }));
}

function refusal(
  slices: readonly TestSlice[],
  options?: VolumeGeometryOptions,
): VolumeGeometryError {
  try {
    planVolume(slicesOf(slices.map((slice) => singleFrame(slice))), options);
  } catch (error) {
    expect(error).to.be.instanceOf(VolumeGeometryError);
    const refused = error as VolumeGeometryError;
    expect(refused.message).not.to.include(TEST_PATIENT_NAME.split('^')[0]);
    return refused;
  }
  throw new Error('the series was not refused');
}

function refuses(slices: readonly TestSlice[], reason: VolumeRefusal): VolumeGeometryError {
  const error = refusal(slices);
  expect(error.reason).to.equal(reason);
  return error;
}

describe('planVolume', () => {
  it('orders shuffled axial slices along the normal and takes the step from the positions, not Slice Thickness', () => {
    const slices = stack(6, 2.5);
    const shuffled = [3, 0, 5, 1, 4, 2].map((k) => slices[k]!);
    const geometry = planVolume(slicesOf(shuffled.map((slice) => singleFrame(slice))));
    expect(geometry.dimensions).to.deep.equal([5, 4, 6]);
    // Pixel Spacing is [row, column]: i runs along a row, so its spacing is the second value.
    expectClose(geometry.spacing, [0.7, 0.8, 2.5]);
    expectClose(geometry.origin, [-12, 30, 10]);
    expect(geometry.sliceSources.map((source) => source.instance)).to.deep.equal([
      1, 3, 5, 0, 4, 2,
    ]);
    expect(geometry.sheared).to.be.false;
    expect(geometry.maxSpacingDeviation).to.be.closeTo(0, 1e-9);
  });

  it('maps every voxel of an oblique acquisition where the standard puts it, and back', () => {
    const slices = Array.from({ length: 5 }, (_, k): TestSlice => {
      const base: Vec3 = [3, -7, 40];
      return {
        position: [0, 1, 2].map(
          (a) => (base[a] ?? 0) + (obliqueNormal[a] ?? 0) * 1.25 * k,
        ) as unknown as Vec3,
        orientation: OBLIQUE,
        pixelSpacing: [0.6, 0.9],
      };
    });
    // Stored feet-first: the last slice first.
    const geometry = planVolume(slicesOf([...slices].reverse().map((slice) => singleFrame(slice))));
    expect(geometry.sliceSources.map((source) => source.instance)).to.deep.equal([4, 3, 2, 1, 0]);
    for (const [i, j, k] of [
      [0, 0, 0],
      [4, 3, 4],
      [2, 1, 3],
    ] as const) {
      const expected = standardPosition(slices[k]!, i, j);
      expectClose(transformPoint(geometry.indexToPatient, [i, j, k]), expected, 1e-6);
      expectClose(transformPoint(geometry.patientToIndex, expected), [i, j, k], 1e-6);
    }
    expectClose(geometry.direction[2], obliqueNormal, 1e-6);
  });

  it('reads an enhanced multi-frame image from its per-frame and shared functional groups', () => {
    const slices = stack(4, 3, (k) => ({ slope: k + 1, intercept: -k }));
    const geometry = planVolume(slicesOf([enhancedMultiFrame([...slices].reverse())]));
    expect(geometry.dimensions).to.deep.equal([5, 4, 4]);
    expectClose(geometry.spacing, [0.7, 0.8, 3]);
    expect(geometry.sliceSources.map((source) => source.frame)).to.deep.equal([3, 2, 1, 0]);
    expect(geometry.sliceRescales).to.deep.equal(
      slices.map((s) => ({ slope: s.slope, intercept: s.intercept })),
    );
  });

  it('refuses a gantry-tilted stack, and builds it sheared, exactly, when allowed', () => {
    const tan = Math.tan((15 * Math.PI) / 180);
    const tilted = stack(5, 2, (k) => ({ position: [-12, 30 + k * 2 * tan, 10 + k * 2] }));
    const error = refuses(tilted, 'gantry-tilt');
    expect(error.message).to.include('15.00°');
    const geometry = planVolume(slicesOf(tilted.map((slice) => singleFrame(slice))), {
      allowShear: true,
    });
    expect(geometry.sheared).to.be.true;
    tilted.forEach((slice, k) => {
      expectClose(
        transformPoint(geometry.indexToPatient, [3, 2, k]),
        standardPosition(slice, 3, 2),
        1e-9,
      );
    });
  });

  it('refuses a gap and says how many slices are missing', () => {
    const slices = stack(8, 2).filter((_, k) => k !== 4 && k !== 5);
    expect(refuses(slices, 'gap').message).to.include('about 2 slices are missing');
    // Three slices, one step doubled: still a gap, not a doubled nominal step.
    expect(
      refuses(
        stack(4, 2).filter((_, k) => k !== 2),
        'gap',
      ).message,
    ).to.include('about 1 slice is missing');
  });

  it('refuses non-uniform spacing beyond the tolerance and reports the deviation', () => {
    const slices = stack(6, 2, (k) => (k === 3 ? { position: [-12, 30, 10 + 3 * 2 + 0.4] } : {}));
    const error = refuses(slices, 'non-uniform-spacing');
    expect(error.deviation).to.be.closeTo(0.4, 1e-9);
    const within = stack(6, 2, (k) => (k === 3 ? { position: [-12, 30, 10 + 3 * 2 + 0.05] } : {}));
    expect(
      planVolume(slicesOf(within.map((s) => singleFrame(s)))).maxSpacingDeviation,
    ).to.be.closeTo(0.05, 1e-9);
  });

  it('refuses mixed orientations, sizes, pixel spacings, frames of reference and duplicates', () => {
    const turned = Math.cos((5 * Math.PI) / 180);
    const side = Math.sin((5 * Math.PI) / 180);
    refuses(
      stack(5, 2, (k) => (k === 2 ? { orientation: [turned, side, 0, -side, turned, 0] } : {})),
      'mixed-orientation',
    );
    refuses(
      stack(5, 2, (k) => (k === 1 ? { rows: 8 } : {})),
      'mixed-dimensions',
    );
    refuses(
      stack(5, 2, (k) => (k === 1 ? { pixelSpacing: [0.8, 0.75] } : {})),
      'mixed-pixel-spacing',
    );
    refuses(
      stack(5, 2, (k) => (k === 4 ? { frameOfReferenceUid: '1.2.3.5' } : {})),
      'mixed-frame-of-reference',
    );
    refuses(
      stack(5, 2, (k) => (k === 4 ? { position: [-12, 30, 10 + 3 * 2] } : {})),
      'duplicate-position',
    );
  });

  it('refuses fewer slices than asked for, and a slice without a position', () => {
    refuses(stack(2, 2), 'too-few-slices');
    expect(refusal(stack(5, 2), { minSlices: 6 }).reason).to.equal('too-few-slices');
    const broken = singleFrame(stack(1, 2)[0]!);
    expect(() => slicesOf([broken, withoutPosition()])).to.throw(
      VolumeGeometryError,
      /Image Position \(Patient\)/,
    );
  });
});

describe('Volume', () => {
  const geometryOf = (bitsStored: number, signed: boolean, slope: number, intercept: number) =>
    planVolume(
      slicesOf(
        stack(3, 1, () => ({ slope, intercept })).map((s) => singleFrame(s, bitsStored, signed)),
      ),
    );

  it('holds modality values in the narrowest type their range needs', () => {
    expect(voxelTypeOf(geometryOf(12, false, 1, -1024))).to.equal('int16');
    expect(voxelTypeOf(geometryOf(16, false, 1, 0))).to.equal('uint16');
    expect(voxelTypeOf(geometryOf(16, true, 1, -1024))).to.equal('float32');
    expect(voxelTypeOf(geometryOf(12, false, 0.5, 0))).to.equal('float32');
  });

  it('rescales each slice with its own slope and intercept and marks it loaded', () => {
    const volume = new Volume(geometryOf(12, false, 2, -1024));
    expect(volume.voxels).to.be.instanceOf(Int16Array);
    volume.setSlice(1, new Uint16Array(20).fill(1000));
    expect(Array.from(volume.loaded)).to.deep.equal([0, 1, 0]);
    expect(volume.voxels[20]).to.equal(1000 * 2 - 1024);
    expect(volume.voxels[0]).to.equal(0);
    expect(() => {
      volume.setSlice(1, new Uint16Array(19));
    }).to.throw(RangeError);
  });

  it('refuses to allocate above its byte limit', () => {
    expect(() => new Volume(geometryOf(12, false, 1, 0), 100)).to.throw(
      VolumeTooLargeError,
      /120 bytes/,
    );
  });
});

/** A slice whose Image Position (Patient) is absent. */
function withoutPosition(): DicomDataset {
  return datasetFromDicomJson({
    '00200037': { vr: 'DS', Value: [...AXIAL] },
    '00280030': { vr: 'DS', Value: [0.8, 0.7] },
    '00280010': { vr: 'US', Value: [4] },
    '00280011': { vr: 'US', Value: [5] },
  });
}
