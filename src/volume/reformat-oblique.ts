import { combine, type Accumulator } from './reformat-accumulate.js';
import { PixelStatus } from './reformat-plane.js';
import { EDGE, inGrid, type IndexFrame, type VoxelGrid } from './reformat-index-frame.js';

/**
 * Any plane, any slab: offset by offset, row by row. Consecutive rows at one offset share
 * their voxel rows, so the working set is about two rows of voxels (row by row with the
 * offsets inside, it is the whole slab's width of them: thirty times more for 20 mm). Each row is clipped to the grid once — a straight line meets a box in one
 * segment — so the inner loop samples without bounds checks and without allocating.
 */
export function reformatOblique(grid: VoxelGrid, frame: IndexFrame, target: Accumulator): void {
  const { start, dx, dy, dn, width, height } = frame;
  const row = new Float64Array(width);
  for (const t of frame.offsets) {
    for (let y = 0; y < height; y++) {
      const i0 = start[0] + y * dy[0] + t * dn[0];
      const j0 = start[1] + y * dy[1] + t * dn[1];
      const k0 = start[2] + y * dy[2] + t * dn[2];
      const inside = (x: number): boolean =>
        inGrid(i0 + x * dx[0], grid.nx) &&
        inGrid(j0 + x * dx[1], grid.ny) &&
        inGrid(k0 + x * dx[2], grid.nz);
      const [first, last] = segment(inside, [i0, j0, k0], dx, grid, width);
      if (first > last) continue;
      const p = y * width;
      if (frame.nearest) nearestRow(grid, i0, j0, k0, dx, first, last, row, target.status, p);
      else trilinearRow(grid, i0, j0, k0, dx, first, last, row, target.status, p);
      combine(target, row, first, p + first, last - first + 1);
    }
  }
}

/**
 * The x range whose samples are inside: solved per axis, then settled against `inside` itself
 * (index = base + x·slope is monotone in x even in floating point, so the set is contiguous).
 */
function segment(
  inside: (x: number) => boolean,
  base: readonly [number, number, number],
  slope: readonly [number, number, number],
  grid: VoxelGrid,
  width: number,
): [number, number] {
  let low = 0;
  let high = width - 1;
  const sizes = [grid.nx, grid.ny, grid.nz];
  for (let axis = 0; axis < 3; axis++) {
    const b = base[axis] ?? 0;
    const s = slope[axis] ?? 0;
    const top = (sizes[axis] ?? 1) - 1 + EDGE;
    if (s === 0) {
      if (b < -EDGE || b > top) return [1, 0];
      continue;
    }
    const a = (-EDGE - b) / s;
    const c = (top - b) / s;
    low = Math.max(low, Math.ceil(Math.min(a, c)));
    high = Math.min(high, Math.floor(Math.max(a, c)));
  }
  if (low > high) {
    // Rounding may have cut a single sample on a face: try the ends of the empty range.
    const probe = Math.min(Math.max(low, 0), width - 1);
    if (inside(probe)) low = high = probe;
    else if (high >= 0 && high < width && inside(high)) low = high;
    else return [1, 0];
  }
  while (low <= high && !inside(low)) low++;
  while (low > 0 && inside(low - 1)) low--;
  while (high >= low && !inside(high)) high--;
  while (high >= low && high < width - 1 && inside(high + 1)) high++;
  return [low, high];
}

function trilinearRow(
  grid: VoxelGrid,
  i0: number,
  j0: number,
  k0: number,
  dx: readonly [number, number, number],
  first: number,
  last: number,
  out: Float64Array,
  status: Uint8Array,
  p: number,
): void {
  const { voxels, nx, ny, nz, loaded, complete } = grid;
  const [di, dj, dk] = dx;
  const maxI = nx - 1;
  const maxJ = ny - 1;
  const maxK = nz - 1;
  // The lower corner stays below the last voxel so the upper one exists (weight 1 at the face).
  const lastI = nx > 1 ? nx - 2 : 0;
  const lastJ = ny > 1 ? ny - 2 : 0;
  const lastK = nz > 1 ? nz - 2 : 0;
  const sx = nx > 1 ? 1 : 0;
  const sy = ny > 1 ? nx : 0;
  const slice = nx * ny;
  const sz = nz > 1 ? slice : 0;
  for (let x = first; x <= last; x++) {
    let i = i0 + x * di;
    let j = j0 + x * dj;
    let k = k0 + x * dk;
    i = i < 0 ? 0 : i > maxI ? maxI : i;
    j = j < 0 ? 0 : j > maxJ ? maxJ : j;
    k = k < 0 ? 0 : k > maxK ? maxK : k;
    let a = i | 0;
    let b = j | 0;
    let c = k | 0;
    if (a > lastI) a = lastI;
    if (b > lastJ) b = lastJ;
    if (c > lastK) c = lastK;
    const fi = i - a;
    const fj = j - b;
    const fk = k - c;
    if (!complete && ((fk < 1 && loaded[c] !== 1) || (fk > 0 && loaded[c + 1] !== 1))) {
      out[x] = Number.NaN;
      status[p + x] = PixelStatus.notLoaded;
      continue;
    }
    const o = a + nx * b + slice * c;
    const v000 = voxels[o] ?? 0;
    const v100 = voxels[o + sx] ?? 0;
    const v010 = voxels[o + sy] ?? 0;
    const v110 = voxels[o + sx + sy] ?? 0;
    const v001 = voxels[o + sz] ?? 0;
    const v101 = voxels[o + sz + sx] ?? 0;
    const v011 = voxels[o + sz + sy] ?? 0;
    const v111 = voxels[o + sz + sx + sy] ?? 0;
    const top0 = v000 + (v100 - v000) * fi;
    const bottom0 = v010 + (v110 - v010) * fi;
    const lower = top0 + (bottom0 - top0) * fj;
    const top1 = v001 + (v101 - v001) * fi;
    const bottom1 = v011 + (v111 - v011) * fi;
    const upper = top1 + (bottom1 - top1) * fj;
    out[x] = lower + (upper - lower) * fk;
  }
}

function nearestRow(
  grid: VoxelGrid,
  i0: number,
  j0: number,
  k0: number,
  dx: readonly [number, number, number],
  first: number,
  last: number,
  out: Float64Array,
  status: Uint8Array,
  p: number,
): void {
  const { voxels, nx, ny, nz, loaded, complete } = grid;
  for (let x = first; x <= last; x++) {
    const ci = Math.min(nx - 1, Math.max(0, Math.round(i0 + x * dx[0])));
    const cj = Math.min(ny - 1, Math.max(0, Math.round(j0 + x * dx[1])));
    const ck = Math.min(nz - 1, Math.max(0, Math.round(k0 + x * dx[2])));
    if (!complete && loaded[ck] !== 1) {
      out[x] = Number.NaN;
      status[p + x] = PixelStatus.notLoaded;
      continue;
    }
    out[x] = voxels[ci + nx * (cj + ny * ck)] ?? 0;
  }
}
