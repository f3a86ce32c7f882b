import type { Accumulator } from './reformat-accumulate.js';
import { inGrid, type IndexFrame, type VoxelGrid } from './reformat-index-frame.js';
import { PixelStatus } from './reformat-plane.js';

/**
 * A component this small, times the samples along it, moves a sample by under 1e-7 voxel:
 * the plane is along the grid's axes (an axial, coronal or sagittal view of a straight stack).
 */
const ALIGNED = 1e-7;

/** One output axis (x, y or the slab's offsets) sampling one grid axis: separable weights. */
interface AxisTable {
  /** Inside range of the output axis (first > last: none). */
  readonly first: number;
  readonly last: number;
  /** Voxel offset (index × the axis' stride) of the lower neighbour, and its weight's partner. */
  readonly offset: Int32Array;
  readonly weight: Float64Array;
  /** The sample needs a slice not loaded (only the slice axis, k, can). */
  readonly needs: Uint8Array;
  /** Offset to the upper neighbour (0 on an axis one voxel long). */
  readonly step: number;
  readonly unweighted: boolean;
}

/**
 * The grid axis of each output axis (x, y, slab normal), when the plane is along the grid:
 * then every sample's weights are a product of one weight per output axis, and a slab is
 * a stack of 2-D resamplings of the grid's own sections, combined with one lerp a sample.
 */
export function alignedAxes(frame: IndexFrame): readonly [number, number, number] | undefined {
  const { dx, dy, dn, width, height, offsets } = frame;
  const sole = (v: readonly number[], count: number): number | undefined => {
    const axes = [0, 1, 2].filter((c) => Math.abs(v[c] ?? 0) * count >= ALIGNED);
    return axes.length === 1 ? axes[0] : undefined;
  };
  const ax = sole(dx, width + height);
  const ay = sole(dy, width + height);
  if (ax === undefined || ay === undefined || ax === ay) return undefined;
  const az = 3 - ax - ay;
  const reach = Math.max(...offsets.map(Math.abs));
  if (Math.abs(dn[ax] ?? 0) * reach >= ALIGNED || Math.abs(dn[ay] ?? 0) * reach >= ALIGNED) {
    return undefined;
  }
  return [ax, ay, az];
}

export function reformatAligned(
  grid: VoxelGrid,
  frame: IndexFrame,
  [ax, ay, az]: readonly [number, number, number],
  target: Accumulator,
): void {
  const { start, dx, dy, dn, width } = frame;
  const table = (axis: number, slope: number, positions: ArrayLike<number>): AxisTable =>
    axisTable(grid, axis, frame.nearest, positions, (q) => (start[axis] ?? 0) + q * slope);
  const count = (n: number): number[] => Array.from({ length: n }, (_, q) => q);
  const X = table(ax, dx[ax] ?? 0, count(frame.width));
  const Y = table(ay, dy[ay] ?? 0, count(frame.height));
  const Z = table(az, dn[az] ?? 0, frame.offsets);
  if (X.first > X.last || Y.first > Y.last || Z.first > Z.last) return;
  const rw = X.last - X.first + 1;
  const rh = Y.last - Y.first + 1;
  const slabNeeds = Z.needs.subarray(Z.first, Z.last + 1).includes(1);
  // Which samples are inside, and which need a missing slice, is a product of the tables:
  // the status is set once here, not per sample.
  for (let y = Y.first; y <= Y.last; y++) {
    for (let x = X.first; x <= X.last; x++) {
      target.status[y * width + x] =
        slabNeeds || X.needs[x] === 1 || Y.needs[y] === 1
          ? PixelStatus.notLoaded
          : PixelStatus.sampled;
    }
  }
  // Sections of the grid at whole indices along the slab axis, resampled on the output
  // pixels; a slab needs at most two at a time (its offsets are in order).
  const cache = new Map<number, Float32Array>();
  const section = (offset: number, keep = offset): Float32Array => {
    let values = cache.get(offset);
    if (!values) {
      values = cache.size >= 2 ? evict(cache, offset, keep) : new Float32Array(rw * rh);
      resample(grid.voxels, offset, X, Y, values);
      cache.set(offset, values);
    }
    return values;
  };
  const rect = { first: Y.first * width + X.first, width, rw, rh };
  for (let s = Z.first; s <= Z.last; s++) {
    const lower = section(Z.offset[s] ?? 0);
    const w = Z.weight[s] ?? 0;
    const upper = w === 0 ? lower : section((Z.offset[s] ?? 0) + Z.step, Z.offset[s] ?? 0);
    accumulate(target, lower, upper, w, rect);
  }
}

interface Rect {
  /** Output index of the section's first value; output rows are `width` apart. */
  readonly first: number;
  readonly width: number;
  readonly rw: number;
  readonly rh: number;
}

/** Combines the samples between two sections (weight `w` on `upper`) into the output. */
function accumulate(
  target: Accumulator,
  lower: Float32Array,
  upper: Float32Array,
  w: number,
  { first, width, rw, rh }: Rect,
): void {
  const { pixels, sum, count } = target;
  for (let y = 0, q = 0; y < rh; y++) {
    const p0 = first + y * width;
    const end = q + rw;
    if (target.mode === 'mip') {
      for (let p = p0; q < end; p++, q++) {
        const a = lower[q] ?? 0;
        const v = a + ((upper[q] ?? 0) - a) * w;
        if (v > (pixels[p] ?? 0)) pixels[p] = v;
      }
    } else if (target.mode === 'minip') {
      for (let p = p0; q < end; p++, q++) {
        const a = lower[q] ?? 0;
        const v = a + ((upper[q] ?? 0) - a) * w;
        if (v < (pixels[p] ?? 0)) pixels[p] = v;
      }
    } else if (sum && count) {
      for (let p = p0; q < end; p++, q++) {
        const a = lower[q] ?? 0;
        sum[p] = (sum[p] ?? 0) + a + ((upper[q] ?? 0) - a) * w;
        count[p] = (count[p] ?? 0) + 1;
      }
    }
  }
}

/** Frees the cached section furthest from `wanted` (never `keep`) and hands its buffer back. */
function evict(cache: Map<number, Float32Array>, wanted: number, keep: number): Float32Array {
  let furthest = wanted;
  for (const key of cache.keys()) {
    if (key !== keep && Math.abs(key - wanted) > Math.abs(furthest - wanted)) furthest = key;
  }
  const values = cache.get(furthest);
  cache.delete(furthest);
  if (!values) throw new Error('the section cache holds the section it evicts');
  return values;
}

function axisTable(
  grid: VoxelGrid,
  axis: number,
  nearest: boolean,
  positions: ArrayLike<number>,
  at: (position: number) => number,
): AxisTable {
  const size = axis === 0 ? grid.nx : axis === 1 ? grid.ny : grid.nz;
  const stride = axis === 0 ? 1 : axis === 1 ? grid.nx : grid.nx * grid.ny;
  const n = positions.length;
  const offset = new Int32Array(n);
  const weight = new Float64Array(n);
  const needs = new Uint8Array(n);
  const lastLower = size > 1 ? size - 2 : 0;
  let first = n;
  let last = -1;
  let unweighted = true;
  for (let q = 0; q < n; q++) {
    const v = at(positions[q] ?? 0);
    if (!inGrid(v, size)) continue;
    first = Math.min(first, q);
    last = q;
    let lower: number;
    let w: number;
    if (nearest) {
      lower = Math.min(size - 1, Math.max(0, Math.round(v)));
      w = 0;
    } else {
      const clamped = v < 0 ? 0 : v > size - 1 ? size - 1 : v;
      lower = Math.min(Math.floor(clamped), lastLower);
      w = clamped - lower;
    }
    offset[q] = lower * stride;
    weight[q] = w;
    if (w !== 0) unweighted = false;
    if (axis === 2 && !grid.complete) {
      const missing =
        (w < 1 && grid.loaded[lower] !== 1) || (w > 0 && grid.loaded[lower + 1] !== 1);
      needs[q] = missing ? 1 : 0;
    }
  }
  return { first, last, offset, weight, needs, step: size > 1 ? stride : 0, unweighted };
}

/** The grid's section at `base`, bilinearly resampled on the output pixels inside it. */
function resample(
  voxels: ArrayLike<number>,
  base: number,
  X: AxisTable,
  Y: AxisTable,
  out: Float32Array,
): void {
  const sx = X.step;
  const sy = Y.step;
  let q = 0;
  for (let y = Y.first; y <= Y.last; y++) {
    const rowBase = base + (Y.offset[y] ?? 0);
    const wy = Y.weight[y] ?? 0;
    if (wy === 0 && X.unweighted) {
      for (let x = X.first; x <= X.last; x++) out[q++] = voxels[rowBase + (X.offset[x] ?? 0)] ?? 0;
    } else if (wy === 0) {
      for (let x = X.first; x <= X.last; x++) {
        const a = rowBase + (X.offset[x] ?? 0);
        const v0 = voxels[a] ?? 0;
        out[q++] = v0 + ((voxels[a + sx] ?? 0) - v0) * (X.weight[x] ?? 0);
      }
    } else {
      for (let x = X.first; x <= X.last; x++) {
        const a = rowBase + (X.offset[x] ?? 0);
        const wx = X.weight[x] ?? 0;
        const v00 = voxels[a] ?? 0;
        const v01 = voxels[a + sy] ?? 0;
        const top = v00 + ((voxels[a + sx] ?? 0) - v00) * wx;
        const bottom = v01 + ((voxels[a + sx + sy] ?? 0) - v01) * wx;
        out[q++] = top + (bottom - top) * wy;
      }
    }
  }
}
