import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput } from './codec.js';
import { paletteToRgb, toRgb } from './color.js';
import { assertFrameSize, type PixelModule } from './pixel-module.js';
import { codecFor } from './registry.js';
import { toStoredValues } from './stored-values.js';

export interface DecodePixelsRequest {
  readonly bytes: Uint8Array;
  readonly transferSyntaxUid: string;
  readonly module: PixelModule;
  readonly maxPixelsPerFrame: number;
}

/**
 * The whole decode of one frame, run inside a decode worker: size cap, codec, then stored
 * values (grayscale) or interleaved 8-bit RGB (colour). The result's pixels own their buffer
 * exactly, so the worker can transfer it.
 */
export async function decodePixels(request: DecodePixelsRequest): Promise<DecodedFrame> {
  const { module } = request;
  assertFrameSize(module, request.maxPixelsPerFrame);
  const codec = await codecFor(request.transferSyntaxUid);
  const output = await codec.decode(request.bytes, module);
  const frame = framePixels(codec.name, output, module);
  return output.partial === true ? { ...frame, partial: true } : frame;
}

/**
 * A codec's output as a DecodedFrame of `module`'s size: stored values (grayscale) or
 * interleaved 8-bit RGB (colour, palette colour).
 */
export function framePixels(codec: string, output: CodecOutput, module: PixelModule): DecodedFrame {
  const pixelCount = module.rows * module.columns;
  if (module.samplesPerPixel === 3) {
    return rgbFrame(module, toRgb(output, module));
  }
  if (output.samples.length < pixelCount) {
    throw new DecodeError(
      `${codec}: decoded ${output.samples.length} samples, the frame has ${pixelCount} pixels`,
    );
  }
  if (module.photometricInterpretation === 'PALETTE COLOR') {
    return rgbFrame(module, paletteToRgb(toStoredValues(output.samples, module), module));
  }
  const stored = toStoredValues(output.samples, module);
  const pixels =
    stored.length === pixelCount &&
    stored.byteOffset === 0 &&
    stored.byteLength === stored.buffer.byteLength
      ? stored
      : stored.slice(0, pixelCount);
  return {
    rows: module.rows,
    columns: module.columns,
    samplesPerPixel: 1,
    bitsStored: module.bitsStored,
    signed: module.pixelRepresentation === 1,
    photometricInterpretation: module.photometricInterpretation,
    pixels,
  };
}

function rgbFrame(module: PixelModule, pixels: Uint8Array): DecodedFrame {
  return {
    rows: module.rows,
    columns: module.columns,
    samplesPerPixel: 3,
    bitsStored: 8,
    signed: false,
    photometricInterpretation: 'RGB',
    pixels,
  };
}
