import type { Vec3 } from './vec3.js';
import type { Volume } from './volume.js';

/** Index-space tolerance at the grid's faces (floating-point error of a plane on a face). */
export const EDGE = 1e-4;

/**
 * A reformat in continuous voxel indices: sample (x, y) at slab offset t (mm along the normal)
 * is at `start + y·dy + t·dn + x·dx`, summed in that order by every sampler, so all of them
 * decide inside/outside (and interpolate) from the same numbers.
 */
export interface IndexFrame {
  readonly start: Vec3;
  readonly dx: Vec3;
  readonly dy: Vec3;
  readonly dn: Vec3;
  readonly offsets: readonly number[];
  readonly width: number;
  readonly height: number;
  readonly nearest: boolean;
}

/** What the samplers read: the grid, and whether any slice is still missing. */
export interface VoxelGrid {
  readonly voxels: ArrayLike<number>;
  readonly nx: number;
  readonly ny: number;
  readonly nz: number;
  readonly loaded: Uint8Array;
  /** Every slice is in: the samplers skip the per-sample loaded check. */
  readonly complete: boolean;
}

export function gridOf(volume: Volume): VoxelGrid {
  const [nx, ny, nz] = volume.geometry.dimensions;
  return {
    voxels: volume.voxels,
    nx,
    ny,
    nz,
    loaded: volume.loaded,
    complete: volume.loadedCount === nz,
  };
}

export function inGrid(value: number, size: number): boolean {
  return value >= -EDGE && value <= size - 1 + EDGE;
}
