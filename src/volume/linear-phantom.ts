// Test support for the reformat tests (imported by *.test.ts only): a phantom whose value is a
// linear function of the patient position, built through the same path a series takes.
import type { ReformatPlane } from './reformat-plane.js';
import { slicesOf } from './slice-geometry.js';
import { OBLIQUE, OBLIQUE_NORMAL, singleFrame, type TestSlice } from './test-series.js';
import type { Vec3 } from './vec3.js';
import { planVolume } from './volume-geometry.js';
import { Volume } from './volume.js';

/**
 * The oracle: a phantom whose value is a linear function of the patient position. Trilinear
 * interpolation reproduces a linear field exactly, so every reformatted pixel's expected value
 * is the field at that pixel's position, computed here from the plane's own numbers; a MIP,
 * MinIP or average of a slab is the field at its face or centre.
 */
export const GRADIENT: Vec3 = [0.75, -1.5, 2.25]; // value per mm along x, y, z
export const field = (p: Vec3): number =>
  100 + GRADIENT[0] * p[0] + GRADIENT[1] * p[1] + GRADIENT[2] * p[2];

export interface Acquisition {
  readonly origin: Vec3;
  readonly row: Vec3;
  readonly column: Vec3;
  readonly normal: Vec3;
  readonly spacing: Vec3; // along row, column, normal
  readonly dimensions: readonly [number, number, number];
}

export const OBLIQUE_SERIES: Acquisition = {
  origin: [-8, 5, 30],
  row: OBLIQUE.slice(0, 3) as unknown as Vec3,
  column: OBLIQUE.slice(3, 6) as unknown as Vec3,
  normal: OBLIQUE_NORMAL,
  spacing: [0.9, 0.6, 1.25],
  dimensions: [24, 20, 16],
};

export const at = (a: Acquisition, i: number, j: number, k: number): Vec3 =>
  [0, 1, 2].map(
    (c) =>
      (a.origin[c] ?? 0) +
      (a.row[c] ?? 0) * a.spacing[0] * i +
      (a.column[c] ?? 0) * a.spacing[1] * j +
      (a.normal[c] ?? 0) * a.spacing[2] * k,
  ) as unknown as Vec3;

export const dotp = (u: Vec3, v: Vec3): number => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];

/** Continuous voxel indices of a patient point, from the acquisition's own axes. */
export function indexOf(a: Acquisition, p: Vec3): Vec3 {
  const d: Vec3 = [p[0] - a.origin[0], p[1] - a.origin[1], p[2] - a.origin[2]];
  return [
    dotp(d, a.row) / a.spacing[0],
    dotp(d, a.column) / a.spacing[1],
    dotp(d, a.normal) / a.spacing[2],
  ];
}

/** -1 outside, 1 inside, 0 within `margin` voxels of a face (not asserted). */
export function insideness(a: Acquisition, p: Vec3, margin = 1e-3): number {
  const index = indexOf(a, p);
  const distances = index.map((v, axis) => Math.min(v, (a.dimensions[axis] ?? 0) - 1 - v));
  const nearest = Math.min(...distances);
  return nearest > margin ? 1 : nearest < -margin ? -1 : 0;
}

export const pixelPosition = (plane: ReformatPlane, x: number, y: number): Vec3 =>
  [0, 1, 2].map(
    (c) =>
      (plane.origin[c] ?? 0) +
      (plane.rowDirection[c] ?? 0) * plane.columnSpacing * x +
      (plane.columnDirection[c] ?? 0) * plane.rowSpacing * y,
  ) as unknown as Vec3;

/** Builds the phantom through the same path a series takes: data sets → geometry → slices. */
export function phantom(
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
  if (volume.voxelType !== 'float32') throw new Error('the phantom must hold float32 voxels');
  for (let k = 0; k < nz; k++) {
    if (skip.includes(k)) continue;
    const stored = new Float32Array(nx * ny);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) stored[i + j * nx] = 2 * value(at(a, i, j, k));
    volume.setSlice(k, stored);
  }
  return volume;
}
