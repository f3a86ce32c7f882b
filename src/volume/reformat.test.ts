import { expect } from '@open-wc/testing';
import { physicalLength } from '../render/measurement.js';
import { reformat, slabOffsets } from './reformat.js';
import { PixelStatus, type ReformatPlane, type SlabMode } from './reformat-plane.js';
import { slicesOf } from './slice-geometry.js';
import {
  patientToPlane,
  planeThrough,
  rotateAxes,
  STANDARD_PLANE_AXES,
  type StandardPlane,
} from './standard-planes.js';
import { AXIAL, OBLIQUE, OBLIQUE_NORMAL, singleFrame, type TestSlice } from './test-series.js';
import type { Vec3 } from './vec3.js';
import { planVolume } from './volume-geometry.js';
import { Volume } from './volume.js';

/**
 * The oracle: a phantom whose value is a linear function of the patient position. Trilinear
 * interpolation reproduces a linear field exactly, so every reformatted pixel's expected value
 * is the field at that pixel's position, computed here from the plane's own numbers; a MIP,
 * MinIP or average of a slab is the field at its face or centre.
 */
const GRADIENT: Vec3 = [0.75, -1.5, 2.25]; // value per mm along x, y, z
const field = (p: Vec3): number =>
  100 + GRADIENT[0] * p[0] + GRADIENT[1] * p[1] + GRADIENT[2] * p[2];

interface Acquisition {
  readonly origin: Vec3;
  readonly row: Vec3;
  readonly column: Vec3;
  readonly normal: Vec3;
  readonly spacing: Vec3; // along row, column, normal
  readonly dimensions: readonly [number, number, number];
}

const OBLIQUE_SERIES: Acquisition = {
  origin: [-8, 5, 30],
  row: OBLIQUE.slice(0, 3) as unknown as Vec3,
  column: OBLIQUE.slice(3, 6) as unknown as Vec3,
  normal: OBLIQUE_NORMAL,
  spacing: [0.9, 0.6, 1.25],
  dimensions: [24, 20, 16],
};

const at = (a: Acquisition, i: number, j: number, k: number): Vec3 =>
  [0, 1, 2].map(
    (c) =>
      (a.origin[c] ?? 0) +
      (a.row[c] ?? 0) * a.spacing[0] * i +
      (a.column[c] ?? 0) * a.spacing[1] * j +
      (a.normal[c] ?? 0) * a.spacing[2] * k,
  ) as unknown as Vec3;

const dotp = (u: Vec3, v: Vec3): number => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];

/** Continuous voxel indices of a patient point, from the acquisition's own axes. */
function indexOf(a: Acquisition, p: Vec3): Vec3 {
  const d: Vec3 = [p[0] - a.origin[0], p[1] - a.origin[1], p[2] - a.origin[2]];
  return [
    dotp(d, a.row) / a.spacing[0],
    dotp(d, a.column) / a.spacing[1],
    dotp(d, a.normal) / a.spacing[2],
  ];
}

/** -1 outside, 1 inside, 0 within `margin` voxels of a face (not asserted). */
function insideness(a: Acquisition, p: Vec3, margin = 1e-3): number {
  const index = indexOf(a, p);
  const distances = index.map((v, axis) => Math.min(v, (a.dimensions[axis] ?? 0) - 1 - v));
  const nearest = Math.min(...distances);
  return nearest > margin ? 1 : nearest < -margin ? -1 : 0;
}

const pixelPosition = (plane: ReformatPlane, x: number, y: number): Vec3 =>
  [0, 1, 2].map(
    (c) =>
      (plane.origin[c] ?? 0) +
      (plane.rowDirection[c] ?? 0) * plane.columnSpacing * x +
      (plane.columnDirection[c] ?? 0) * plane.rowSpacing * y,
  ) as unknown as Vec3;

/** Builds the phantom through the same path a series takes: data sets → geometry → slices. */
function phantom(
  a: Acquisition,
  value: (p: Vec3) => number = field,
  skip: readonly number[] = [],
): Volume {
  const [nx, ny, nz] = a.dimensions;
  const slices: TestSlice[] = Array.from({ length: nz }, (_, k) => ({
    position: at(a, 0, 0, k),
    orientation: [...a.row, ...a.column],
    pixelSpacing: [a.spacing[1], a.spacing[0]],
    rows: ny,
    columns: nx,
    slope: 0.5, // a fractional slope: float32 voxels, so the field is held exactly
    intercept: 0,
  }));
  const volume = new Volume(planVolume(slicesOf([...slices].reverse().map((s) => singleFrame(s)))));
  expect(volume.voxelType).to.equal('float32');
  for (let k = 0; k < nz; k++) {
    if (skip.includes(k)) continue;
    const stored = new Float32Array(nx * ny);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) stored[i + j * nx] = 2 * value(at(a, i, j, k));
    volume.setSlice(k, stored);
  }
  return volume;
}

/** Checks every pixel of `plane` against `expected`, and the outside mask against the box. */
function expectPlane(
  a: Acquisition,
  volume: Volume,
  plane: ReformatPlane,
  expected: (p: Vec3) => number | undefined,
  options: Parameters<typeof reformat>[2] = {},
): number {
  const image = reformat(volume, plane, options);
  let checked = 0;
  for (let y = 0; y < plane.height; y++) {
    for (let x = 0; x < plane.width; x++) {
      const p = pixelPosition(plane, x, y);
      const status = image.status[y * plane.width + x];
      const value = image.pixels[y * plane.width + x] ?? NaN;
      const inside = insideness(a, p);
      if (options.slab === undefined && inside !== 0) {
        expect(status, `pixel ${x},${y}`).to.equal(
          inside > 0 ? PixelStatus.sampled : PixelStatus.outside,
        );
      }
      const want = expected(p);
      if (want === undefined) continue;
      expect(status, `pixel ${x},${y}`).to.equal(PixelStatus.sampled);
      expect(value, `pixel ${x},${y}`).to.be.closeTo(want, 2e-3);
      checked++;
    }
  }
  return checked;
}

describe('reformat', () => {
  const volume = phantom(OBLIQUE_SERIES);
  const crosshair = at(OBLIQUE_SERIES, 11.5, 9.25, 7.4);

  for (const name of ['axial', 'coronal', 'sagittal'] as StandardPlane[]) {
    it(`samples the ${name} plane through the crosshair exactly where the patient's millimetres are`, () => {
      const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES[name], crosshair);
      const checked = expectPlane(OBLIQUE_SERIES, volume, plane, (p) =>
        insideness(OBLIQUE_SERIES, p) > 0 ? field(p) : undefined,
      );
      expect(checked).to.be.greaterThan(100);
      const centre = patientToPlane(plane, crosshair);
      expect(centre.x).to.be.closeTo(Math.round(centre.x), 1e-9);
      expect(centre.y).to.be.closeTo(Math.round(centre.y), 1e-9);
      expect(centre.distance).to.be.closeTo(0, 1e-9);
    });
  }

  it('samples an oblique plane rotated about the crosshair', () => {
    const axes = rotateAxes(
      STANDARD_PLANE_AXES.coronal,
      [Math.SQRT1_2, Math.SQRT1_2, 0],
      (35 * Math.PI) / 180,
    );
    const plane = planeThrough(volume.geometry, axes, crosshair, 0.5);
    const checked = expectPlane(OBLIQUE_SERIES, volume, plane, (p) =>
      insideness(OBLIQUE_SERIES, p) > 0 ? field(p) : undefined,
    );
    expect(checked).to.be.greaterThan(100);
  });

  for (const [mode, sign] of [
    ['mip', 1],
    ['minip', -1],
    ['average', 0],
  ] as [SlabMode, number][]) {
    it(`makes a ${mode} slab of 6 mm along the plane normal`, () => {
      const axes = rotateAxes(STANDARD_PLANE_AXES.sagittal, [0, 0, 1], (25 * Math.PI) / 180);
      const plane = planeThrough(volume.geometry, axes, crosshair);
      const n: Vec3 = [
        axes.rowDirection[1] * axes.columnDirection[2] -
          axes.rowDirection[2] * axes.columnDirection[1],
        axes.rowDirection[2] * axes.columnDirection[0] -
          axes.rowDirection[0] * axes.columnDirection[2],
        axes.rowDirection[0] * axes.columnDirection[1] -
          axes.rowDirection[1] * axes.columnDirection[0],
      ];
      const half = 3;
      const checked = expectPlane(
        OBLIQUE_SERIES,
        volume,
        plane,
        (p) => {
          const front: Vec3 = [p[0] + n[0] * half, p[1] + n[1] * half, p[2] + n[2] * half];
          const back: Vec3 = [p[0] - n[0] * half, p[1] - n[1] * half, p[2] - n[2] * half];
          // The box is convex: both faces inside means every sample is.
          if (insideness(OBLIQUE_SERIES, front) <= 0 || insideness(OBLIQUE_SERIES, back) <= 0)
            return undefined;
          return field(p) + sign * Math.abs(dotp(GRADIENT, n)) * half;
        },
        { slab: { thickness: 2 * half, mode } },
      );
      expect(checked).to.be.greaterThan(50);
    });
  }

  it('samples a slab every finest-voxel step, both faces included', () => {
    expect(slabOffsets(volume, 0)).to.deep.equal([0]);
    const offsets = slabOffsets(volume, 3);
    expect(offsets.length).to.equal(Math.ceil(3 / 0.6) + 1);
    expect(offsets[0]).to.equal(-1.5);
    expect(offsets[offsets.length - 1]).to.equal(1.5);
  });

  it('refuses a plane or a slab beyond its bounds instead of allocating it', () => {
    const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES.axial, crosshair);
    expect(() => reformat(volume, { ...plane, width: 100_000, height: 100_000 })).to.throw(
      RangeError,
    );
    expect(() => reformat(volume, { ...plane, rowSpacing: 0 })).to.throw(RangeError);
    expect(() => reformat(volume, plane, { slab: { thickness: 1e6, mode: 'mip' } })).to.throw(
      RangeError,
    );
  });

  it('takes the nearest voxel when asked', () => {
    const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES.axial, crosshair, 0.7);
    expectPlane(
      OBLIQUE_SERIES,
      volume,
      plane,
      (p) => {
        if (insideness(OBLIQUE_SERIES, p, 0.01) <= 0) return undefined;
        const index = indexOf(OBLIQUE_SERIES, p);
        // Skip ties, where rounding may go either way.
        if (index.some((v) => Math.abs((v % 1) - 0.5) < 1e-3)) return undefined;
        const [i, j, k] = index.map(Math.round) as unknown as Vec3;
        return field(at(OBLIQUE_SERIES, i, j, k));
      },
      { interpolation: 'nearest' },
    );
  });

  it('marks the pixels that need an unloaded slice, and only those', () => {
    const partial = phantom(OBLIQUE_SERIES, field, [7]);
    const plane = planeThrough(partial.geometry, STANDARD_PLANE_AXES.coronal, crosshair);
    const image = reformat(partial, plane);
    let notLoaded = 0;
    for (let y = 0; y < plane.height; y++) {
      for (let x = 0; x < plane.width; x++) {
        const p = pixelPosition(plane, x, y);
        if (insideness(OBLIQUE_SERIES, p) <= 0) continue;
        const k = indexOf(OBLIQUE_SERIES, p)[2];
        if (Math.abs(k - 6) < 1e-6 || Math.abs(k - 8) < 1e-6) continue;
        const status = image.status[y * plane.width + x];
        const needs7 = k > 6 && k < 8;
        expect(status, `pixel ${x},${y}`).to.equal(
          needs7 ? PixelStatus.notLoaded : PixelStatus.sampled,
        );
        if (needs7) notLoaded++;
      }
    }
    expect(notLoaded).to.be.greaterThan(10);
  });
});

describe('measurements on a reformat', () => {
  it('measures a coronal distance in the phantom’s millimetres', () => {
    // Axial CT-like series, 0.5 × 0.5 × 1 mm: two marks 30 mm apart left-right and 40 mm
    // apart head-feet in one coronal plane, so 50 mm apart.
    const a: Acquisition = {
      origin: [-40, -30, -50],
      row: AXIAL.slice(0, 3) as unknown as Vec3,
      column: AXIAL.slice(3, 6) as unknown as Vec3,
      normal: [0, 0, 1],
      spacing: [0.5, 0.5, 1],
      dimensions: [120, 80, 70],
    };
    const first: Vec3 = [-20, 0, -30];
    const second: Vec3 = [10, 0, 10];
    const near = (p: Vec3, q: Vec3): boolean =>
      Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]) < 1e-6;
    const volume = phantom(a, (p) => (near(p, first) || near(p, second) ? 1000 : 0));
    const plane = planeThrough(volume.geometry, STANDARD_PLANE_AXES.coronal, first);
    const image = reformat(volume, plane);
    const marks: { x: number; y: number }[] = [];
    image.pixels.forEach((value, p) => {
      if (value === 1000) marks.push({ x: p % plane.width, y: Math.floor(p / plane.width) });
    });
    expect(marks.length).to.equal(2);
    const [m, n] = marks;
    const length = physicalLength(m!, n!, {
      kind: 'pixel-spacing',
      rowSpacing: plane.rowSpacing,
      columnSpacing: plane.columnSpacing,
    });
    expect(length).to.be.closeTo(50, 1e-9);
  });
});
