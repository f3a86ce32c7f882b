import { DecodeError, DicomParseError } from '../dicom/errors.js';
import { inflateRaw } from '../dicom/inflate.js';
import type { CodecOutput, FrameCodec } from './codec.js';
import { createNativeCodec } from './native.js';
import type { PixelModule } from './pixel-module.js';

const CODEC = 'Deflated Image Frame Compression';
// PS3.5 8.2.16: the inflated frame is native little endian.
const native = createNativeCodec(true);

/**
 * Deflated Image Frame Compression (1.2.840.10008.1.2.8.1; PS3.5 8.2.16 and A.4.13, added by
 * Supplement 244): each frame is its native little-endian bytes as one raw deflate stream
 * (RFC 1951), 1-bit frames packed from a byte boundary. Inflated with the browser's
 * DecompressionStream, never past the frame's own size (a few bytes can inflate to gigabytes),
 * then read as native data.
 */
export const deflateFrameCodec: FrameCodec = {
  name: CODEC,
  async decode(bytes: Uint8Array, module: PixelModule): Promise<CodecOutput> {
    const samples = module.rows * module.columns * module.samplesPerPixel;
    const frameBytes = Math.ceil((samples * module.bitsAllocated) / 8);
    let inflated: Uint8Array;
    try {
      // One spare byte: writers may pad a frame to even length before deflating it.
      inflated = await inflateRaw(bytes, frameBytes + 1, 0);
    } catch (error) {
      if (error instanceof DicomParseError) throw new DecodeError(`${CODEC}: ${error.message}`);
      throw error;
    }
    if (inflated.length < frameBytes) {
      throw new DecodeError(
        `${CODEC}: frame inflates to ${inflated.length} bytes, needs ${frameBytes}`,
      );
    }
    return native.decode(inflated, module);
  },
};
