import type { DicomDataset } from '../dicom/dataset.js';
import { DecodeError, ImageTooLargeError } from '../dicom/errors.js';
import { readPalette } from './palette-lut.js';
import {
  BitsAllocated,
  BitsStored,
  Columns,
  DoubleFloatPixelData,
  FloatPixelData,
  HighBit,
  PhotometricInterpretation,
  PixelData,
  PixelRepresentation,
  PlanarConfiguration,
  Rows,
  SamplesPerPixel,
} from '../dicom/pixel-tags.generated.js';

/**
 * The Image Pixel Module attributes (PS3.3 C.7.6.3) a decoder needs, as plain data so it
 * can cross into a worker with structured clone.
 */
export interface PixelModule {
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly bitsAllocated: number;
  readonly bitsStored: number;
  readonly highBit: number;
  /** PS3.3 C.7.6.3.1.4: 0 unsigned, 1 two's complement. */
  readonly pixelRepresentation: 0 | 1;
  readonly photometricInterpretation: string;
  /** PS3.3 C.7.6.3.1.3: 0 colour-by-pixel, 1 colour-by-plane. */
  readonly planarConfiguration: 0 | 1;
  /** VR of Pixel Data: big endian OW swaps 16-bit words even when Bits Allocated is 8 (PS3.5 A.3). */
  readonly pixelDataVr?: string;
  readonly palette?: PaletteLuts;
}

/** PALETTE COLOR lookup tables, PS3.3 C.7.6.3.1.5 and C.7.9. */
export interface PaletteLuts {
  /** [entry count (0 means 65536), first mapped value, bits per entry] for red, green, blue. */
  readonly descriptors: readonly [readonly number[], readonly number[], readonly number[]];
  /** Raw little-endian LUT data bytes for red, green, blue. */
  readonly data: readonly [Uint8Array, Uint8Array, Uint8Array];
}

/**
 * Default cap on rows × columns per frame: 2^28 (16384 × 16384), ten times the largest
 * radiograph or mammogram; a frame of 16-bit samples that size is already 512 MiB decoded.
 */
export const DEFAULT_MAX_PIXELS_PER_FRAME = 1 << 28;

/** Reads the pixel module; throws DecodeError when a mandatory attribute is missing or out of range. */
export function readPixelModule(dataset: DicomDataset): PixelModule {
  const required = (tag: number, name: string): number => {
    const value = dataset.number(tag);
    if (value === undefined || !Number.isInteger(value) || value < 0) {
      throw new DecodeError(`Missing or invalid ${name} (${tagText(tag)})`);
    }
    return value;
  };
  const rows = required(Rows, 'Rows');
  const columns = required(Columns, 'Columns');
  const bitsAllocated = required(BitsAllocated, 'Bits Allocated');
  const samplesPerPixel = dataset.number(SamplesPerPixel) ?? 1;
  const bitsStored = dataset.number(BitsStored) ?? bitsAllocated;
  const highBit = dataset.number(HighBit) ?? bitsStored - 1;
  const photometricInterpretation =
    dataset.string(PhotometricInterpretation)?.trim().toUpperCase() ??
    (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2');
  if (![1, 8, 16, 32, 64].includes(bitsAllocated)) {
    throw new DecodeError(`Unsupported Bits Allocated ${bitsAllocated}`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    throw new DecodeError(`Bits Stored ${bitsStored} outside 1..${bitsAllocated}`);
  }
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new DecodeError(`Unsupported Samples per Pixel ${samplesPerPixel}`);
  }
  // OF / OD tell the native codec the samples are IEEE floats (Float and Double Float Pixel Data).
  const vr =
    dataset.vr(PixelData) ?? dataset.vr(FloatPixelData) ?? dataset.vr(DoubleFloatPixelData);
  const palette = photometricInterpretation === 'PALETTE COLOR' ? readPalette(dataset) : undefined;
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation: dataset.number(PixelRepresentation) === 1 ? 1 : 0,
    photometricInterpretation,
    planarConfiguration: dataset.number(PlanarConfiguration) === 1 ? 1 : 0,
    ...(vr === undefined ? {} : { pixelDataVr: vr }),
    ...(palette === undefined ? {} : { palette }),
  };
}

/** Throws ImageTooLargeError before any allocation (the cap protects tabs from lying headers). */
export function assertFrameSize(
  module: Pick<PixelModule, 'rows' | 'columns'>,
  maxPixels: number,
): void {
  const pixels = module.rows * module.columns;
  if (pixels > maxPixels) throw new ImageTooLargeError(pixels, maxPixels);
  if (pixels === 0) throw new DecodeError('Frame has zero rows or columns');
}

/** Fails when a codestream header disagrees with the data set (a lying file). */
export function assertHeaderMatches(
  codec: string,
  module: PixelModule,
  header: { width: number; height: number; components: number },
): void {
  if (header.width !== module.columns || header.height !== module.rows) {
    throw new DecodeError(
      `${codec} codestream is ${header.width}×${header.height}, data set declares ${module.columns}×${module.rows}`,
    );
  }
  if (header.components !== module.samplesPerPixel) {
    throw new DecodeError(
      `${codec} codestream has ${header.components} components, data set declares ${module.samplesPerPixel}`,
    );
  }
}

function tagText(tag: number): string {
  const hex = tag.toString(16).padStart(8, '0').toUpperCase();
  return `${hex.slice(0, 4)},${hex.slice(4)}`;
}
