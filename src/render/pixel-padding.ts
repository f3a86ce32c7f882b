import type { DicomDataset } from '../dicom/dataset.js';
import type { GrayscalePixels } from '../dicom/decoded-frame.js';
import {
  PixelPaddingRangeLimit,
  PixelPaddingValue,
  PixelRepresentation,
} from '../dicom/tags.generated.js';

/**
 * Stored values that are padding, not patient signal (PS3.3 C.7.5.1.1.2): Pixel Padding
 * Value alone, or the closed range it forms with Pixel Padding Range Limit. Both are in
 * stored-value space, signed when Pixel Representation is 1.
 */
export interface PaddingRange {
  readonly low: number;
  readonly high: number;
}

export function paddingRangeOf(dataset: DicomDataset): PaddingRange | undefined {
  const signed = dataset.number(PixelRepresentation) === 1;
  const value = asStored(dataset.number(PixelPaddingValue), signed);
  if (value === undefined) return undefined;
  const limit = asStored(dataset.number(PixelPaddingRangeLimit), signed) ?? value;
  return { low: Math.min(value, limit), high: Math.max(value, limit) };
}

function asStored(value: number | undefined, signed: boolean): number | undefined {
  if (value === undefined) return undefined;
  return signed && value >= 0x8000 && value <= 0xffff ? value - 0x10000 : value;
}

/** Minimum and maximum stored value, padding excluded; undefined when every pixel is padding. */
export function storedRange(
  pixels: GrayscalePixels,
  padding?: PaddingRange,
): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  const low = padding?.low ?? Infinity;
  const high = padding?.high ?? -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    const value = pixels[i] ?? 0;
    if (value >= low && value <= high) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  return min <= max ? [min, max] : undefined;
}
