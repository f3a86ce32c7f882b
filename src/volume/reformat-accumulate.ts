import { PixelStatus, type SlabMode } from './reformat-plane.js';

/**
 * Where a reformat's samples are combined, pixel by pixel. `status` starts `outside` for every
 * pixel; a sample inside the grid clears it to `sampled` (`status &= notLoaded` keeps a
 * not-loaded mark), a sample that needs an unloaded slice sets `notLoaded`. MIP and MinIP keep
 * their running value in the output's own float32 pixels (rounding to float32 is monotone, so
 * the float32 maximum of the rounded samples is the rounded maximum); an average sums in
 * float64 and counts.
 */
export interface Accumulator {
  readonly mode: SlabMode;
  readonly pixels: Float32Array;
  readonly status: Uint8Array;
  /** Average only: the running sums and sample counts. */
  readonly sum: Float64Array | undefined;
  readonly count: Uint16Array | undefined;
}

/** A thin reformat is a one-sample MIP: its sample, written straight into the output. */
export function createAccumulator(
  pixelCount: number,
  mode: SlabMode,
  samples: number,
): Accumulator {
  const effective: SlabMode = samples === 1 ? 'mip' : mode;
  const pixels = new Float32Array(pixelCount);
  if (effective !== 'average') pixels.fill(effective === 'mip' ? -Infinity : Infinity);
  const average = effective === 'average';
  return {
    mode: effective,
    pixels,
    status: new Uint8Array(pixelCount).fill(PixelStatus.outside),
    sum: average ? new Float64Array(pixelCount) : undefined,
    count: average ? new Uint16Array(pixelCount) : undefined,
  };
}

/**
 * Combines `values[from + q]` into pixels `first + q`, q < length (all inside the grid). A
 * not-loaded sample is NaN: it loses every comparison, and its pixel is already marked.
 */
export function combine(
  target: Accumulator,
  values: Float32Array | Float64Array,
  from: number,
  first: number,
  length: number,
): void {
  const { pixels, status } = target;
  const end = first + length;
  if (target.mode === 'mip') {
    for (let p = first, q = from; p < end; p++, q++) {
      const v = values[q] ?? 0;
      if (v > (pixels[p] ?? 0)) pixels[p] = v;
      status[p] = (status[p] ?? 0) & PixelStatus.notLoaded;
    }
  } else if (target.mode === 'minip') {
    for (let p = first, q = from; p < end; p++, q++) {
      const v = values[q] ?? 0;
      if (v < (pixels[p] ?? 0)) pixels[p] = v;
      status[p] = (status[p] ?? 0) & PixelStatus.notLoaded;
    }
  } else {
    const { sum, count } = target;
    if (!sum || !count) return;
    for (let p = first, q = from; p < end; p++, q++) {
      sum[p] = (sum[p] ?? 0) + (values[q] ?? 0);
      count[p] = (count[p] ?? 0) + 1;
      status[p] = (status[p] ?? 0) & PixelStatus.notLoaded;
    }
  }
}

/** Final values: the combination where sampled, 0 where outside or not loaded. */
export function finish(target: Accumulator): void {
  const { pixels, status, sum, count } = target;
  for (let p = 0; p < pixels.length; p++) {
    if (status[p] !== PixelStatus.sampled) pixels[p] = 0;
    else if (sum && count) pixels[p] = (sum[p] ?? 0) / (count[p] ?? 1);
  }
}
