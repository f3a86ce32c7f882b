import { transformPoint, transformVector } from './affine3.js';
import {
  PixelStatus,
  type ReformatImage,
  type ReformatOptions,
  type ReformatPlane,
} from './reformat-plane.js';
import { cross, normalize, scale } from './vec3.js';
import type { Volume } from './volume.js';

/** Index-space tolerance at the grid's faces (floating-point error of a plane on a face). */
const EDGE = 1e-4;
const OUTSIDE = Number.NaN;
const NOT_LOADED = Number.POSITIVE_INFINITY;

/**
 * Where a slab samples along the plane normal: every `min(volume spacing)` mm, both faces
 * included, so `n = ceil(thickness / step) + 1` samples at `-thickness/2 + s · thickness/(n-1)`.
 * A thin reformat samples the plane alone. (The independent reference in the tests follows
 * this documented rule.)
 */
export function slabOffsets(volume: Volume, thickness: number): number[] {
  if (!(thickness > 0)) return [0];
  const step = Math.min(...volume.geometry.spacing);
  const n = Math.max(2, Math.ceil(thickness / step - 1e-9) + 1);
  return Array.from({ length: n }, (_, s) => -thickness / 2 + (s * thickness) / (n - 1));
}

/**
 * Samples `volume` on `plane`: each output pixel's patient position is mapped to continuous
 * voxel indices by the inverse of the volume's index→patient matrix (PS3.3 C.7.6.2.1.1) and
 * interpolated there; a slab combines samples along the plane normal. Samples beyond the
 * outermost voxel centres are outside (no extrapolation); a sample that needs an unloaded
 * slice marks its pixel not loaded.
 */
export function reformat(
  volume: Volume,
  plane: ReformatPlane,
  options: ReformatOptions = {},
): ReformatImage {
  const { width, height } = plane;
  const pixels = new Float32Array(width * height);
  const status = new Uint8Array(width * height);
  const m = volume.geometry.patientToIndex;
  const start = transformPoint(m, plane.origin);
  const dx = transformVector(m, scale(plane.rowDirection, plane.columnSpacing));
  const dy = transformVector(m, scale(plane.columnDirection, plane.rowSpacing));
  const dn = transformVector(m, normalize(cross(plane.rowDirection, plane.columnDirection)));
  const offsets = slabOffsets(volume, options.slab?.thickness ?? 0);
  const mode = options.slab?.mode ?? 'average';
  const sample =
    options.interpolation === 'nearest' ? nearestSampler(volume) : trilinearSampler(volume);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = start[0] + x * dx[0] + y * dy[0];
      const j = start[1] + x * dx[1] + y * dy[1];
      const k = start[2] + x * dx[2] + y * dy[2];
      let acc = mode === 'mip' ? -Infinity : mode === 'minip' ? Infinity : 0;
      let inside = 0;
      let missing = false;
      for (const t of offsets) {
        const value = sample(i + t * dn[0], j + t * dn[1], k + t * dn[2]);
        if (Number.isNaN(value)) continue;
        if (value === NOT_LOADED) {
          missing = true;
          break;
        }
        inside++;
        acc =
          mode === 'mip'
            ? Math.max(acc, value)
            : mode === 'minip'
              ? Math.min(acc, value)
              : acc + value;
      }
      const p = y * width + x;
      if (missing) status[p] = PixelStatus.notLoaded;
      else if (inside === 0) status[p] = PixelStatus.outside;
      else pixels[p] = mode === 'average' ? acc / inside : acc;
    }
  }
  return { width, height, pixels, status };
}

type Sampler = (i: number, j: number, k: number) => number;

function inGrid(value: number, size: number): boolean {
  return value >= -EDGE && value <= size - 1 + EDGE;
}

function nearestSampler(volume: Volume): Sampler {
  const [nx, ny, nz] = volume.geometry.dimensions;
  const { voxels, loaded } = volume;
  return (i, j, k) => {
    if (!inGrid(i, nx) || !inGrid(j, ny) || !inGrid(k, nz)) return OUTSIDE;
    const ci = Math.min(nx - 1, Math.max(0, Math.round(i)));
    const cj = Math.min(ny - 1, Math.max(0, Math.round(j)));
    const ck = Math.min(nz - 1, Math.max(0, Math.round(k)));
    if (loaded[ck] !== 1) return NOT_LOADED;
    return voxels[ci + nx * (cj + ny * ck)] ?? 0;
  };
}

/** The lower corner and the weight of the upper one along an axis of `size` voxels. */
function corner(value: number, size: number): [number, number] {
  const clamped = Math.min(size - 1, Math.max(0, value));
  const lower = Math.min(Math.floor(clamped), Math.max(0, size - 2));
  return [lower, size === 1 ? 0 : clamped - lower];
}

function trilinearSampler(volume: Volume): Sampler {
  const [nx, ny, nz] = volume.geometry.dimensions;
  const { voxels, loaded } = volume;
  const sliceSize = nx * ny;
  const stepX = nx > 1 ? 1 : 0;
  const stepY = ny > 1 ? nx : 0;
  return (i, j, k) => {
    if (!inGrid(i, nx) || !inGrid(j, ny) || !inGrid(k, nz)) return OUTSIDE;
    const [i0, fi] = corner(i, nx);
    const [j0, fj] = corner(j, ny);
    const [k0, fk] = corner(k, nz);
    if ((fk < 1 && loaded[k0] !== 1) || (fk > 0 && loaded[k0 + 1] !== 1)) return NOT_LOADED;
    const a = i0 + nx * j0 + sliceSize * k0;
    const lower = bilinear(voxels, a, stepX, stepY, fi, fj);
    if (fk === 0) return lower;
    const upper = bilinear(voxels, a + sliceSize, stepX, stepY, fi, fj);
    return lower + (upper - lower) * fk;
  };
}

function bilinear(
  voxels: ArrayLike<number>,
  a: number,
  stepX: number,
  stepY: number,
  fi: number,
  fj: number,
): number {
  const v00 = voxels[a] ?? 0;
  const v10 = voxels[a + stepX] ?? 0;
  const v01 = voxels[a + stepY] ?? 0;
  const v11 = voxels[a + stepX + stepY] ?? 0;
  const top = v00 + (v10 - v00) * fi;
  const bottom = v01 + (v11 - v01) * fi;
  return top + (bottom - top) * fj;
}
