import { DecodeError } from '../dicom/errors.js';
import type { ReducedCodecOutput } from './codec.js';
import type { J2kImageHeader } from './j2k-header.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';
import { clampToPrecision } from './precision-clamp.js';
import { copyOutOfHeap } from './wasm-module.js';

/** What OpenJPEG's and OpenJPH's wrappers report after a decode (always the full image size). */
export interface J2kDecodedInfo {
  readonly width: number;
  readonly height: number;
  readonly componentCount: number;
  readonly bitsPerSample: number;
  readonly isSigned: boolean;
}

/** Image size after dropping `level` decomposition levels: ceil(size / 2^level) (ISO/IEC 15444-1 B.5). */
export function reducedSize(size: number, level: number): number {
  return Math.ceil(size / 2 ** level);
}

/**
 * Copies a JPEG 2000 / HTJ2K decoder's interleaved output out of the WASM heap, checked
 * against the data set and the expected size at `level`, and clipped to the SIZ precision.
 */
export function j2kSamples(
  codec: string,
  module: PixelModule,
  header: J2kImageHeader,
  info: J2kDecodedInfo,
  decoded: Uint8Array,
  level: number,
): ReducedCodecOutput {
  if (info.width === 0 || decoded.length === 0) {
    throw new DecodeError(`${codec}: the decoder produced no image from this codestream`);
  }
  assertHeaderMatches(codec, module, {
    width: info.width,
    height: info.height,
    components: info.componentCount,
  });
  const columns = reducedSize(info.width, level);
  const rows = reducedSize(info.height, level);
  const expected = columns * rows * info.componentCount;
  const bytesPerSample = info.bitsPerSample <= 8 ? 1 : 2;
  if (decoded.length !== expected * bytesPerSample) {
    throw new DecodeError(
      `${codec}: decoded ${decoded.length} bytes, expected ${expected * bytesPerSample}`,
    );
  }
  const samples = copyOutOfHeap(decoded, info.bitsPerSample, info.isSigned, codec);
  if (header.precision < info.bitsPerSample || header.precision % 8 !== 0)
    clampToPrecision(samples, header.precision, info.isSigned);
  return { samples, planar: false, rgb: info.componentCount === 3, rows, columns };
}
