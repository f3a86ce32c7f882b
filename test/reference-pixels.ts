// Reference pixels written by the fixture scripts (scripts/test/fixtures-codecs.mjs,
// fixtures-realworld.mjs): little-endian numpy arrays named by their numpy dtype, compared
// with what decodeFrame returns.
import { expect } from '@open-wc/testing';
import type { DecodedFrame } from '../src/index.js';

/** What a manifest entry says every decoded frame of its file must be. */
export interface ReferenceEntry {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly photometricInterpretation: string;
  readonly dtype: string;
  /** Largest absolute difference allowed from the reference (0: lossless). */
  readonly tolerance: number;
}

/**
 * `decoded` is frame `frame` of `entry`'s file: its size, layout and array type, not flagged
 * partial (every reference is of a whole codestream), and its values within the tolerance.
 */
export function expectReferenceFrame(
  decoded: DecodedFrame,
  entry: ReferenceEntry,
  expected: ArrayLike<number>,
  frame: number,
): void {
  expect(decoded.rows).to.equal(entry.rows);
  expect(decoded.columns).to.equal(entry.columns);
  expect(decoded.samplesPerPixel).to.equal(entry.samplesPerPixel);
  expect(decoded.photometricInterpretation).to.equal(entry.photometricInterpretation);
  expect(decoded.pixels.constructor.name).to.equal(referenceArrayTypes[entry.dtype]);
  expect(decoded.pixels.length).to.equal(expected.length);
  expect(decoded.partial ?? false, 'flagged partial').to.equal(false);
  expect(maxAbsDiff(decoded.pixels, expected), `frame ${frame} max abs diff`).to.be.at.most(
    entry.tolerance,
  );
}

/** The typed array decodeFrame must return for each reference dtype. */
export const referenceArrayTypes: Readonly<Record<string, string>> = {
  uint8: 'Uint8Array',
  int8: 'Int8Array',
  uint16: 'Uint16Array',
  int16: 'Int16Array',
  uint32: 'Uint32Array',
  int32: 'Int32Array',
  float32: 'Float32Array',
  float64: 'Float64Array',
};

/** A reference file's values, read as its numpy dtype (uint8 when the dtype is unknown). */
export function referenceView(buffer: ArrayBuffer, dtype: string): ArrayLike<number> {
  switch (dtype) {
    case 'int8':
      return new Int8Array(buffer);
    case 'uint16':
      return new Uint16Array(buffer);
    case 'int16':
      return new Int16Array(buffer);
    case 'uint32':
      return new Uint32Array(buffer);
    case 'int32':
      return new Int32Array(buffer);
    case 'float32':
      return new Float32Array(buffer);
    case 'float64':
      return new Float64Array(buffer);
    default:
      return new Uint8Array(buffer);
  }
}

/**
 * The largest |actual − expected| over `expected`; NaN as soon as one value is missing or NaN on
 * either side (so a NaN is never hidden by a later finite difference, and never passes a tolerance).
 */
export function maxAbsDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < expected.length; i += 1) {
    const d = Math.abs((actual[i] ?? Number.NaN) - (expected[i] ?? Number.NaN));
    if (Number.isNaN(d)) return Number.NaN;
    if (d > max) max = d;
  }
  return max;
}
