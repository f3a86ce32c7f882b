import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec, SampleArray } from './codec.js';
import type { PixelModule } from './pixel-module.js';

/**
 * Native (uncompressed) pixel data, PS3.5 8.1.1 and 8.2: little endian as is, explicit VR big
 * endian byte-swapped per 16/32-bit word (an 8-bit OW value is swapped too, PS3.5 A.3), and
 * 1-bit data unpacked (bit 0 of each byte is the first pixel).
 */
export function createNativeCodec(littleEndian: boolean): FrameCodec {
  const bigEndian = !littleEndian;
  return {
    name: bigEndian ? 'Native big endian' : 'Native',
    decode(bytes: Uint8Array, module: PixelModule): CodecOutput {
      if (module.photometricInterpretation === 'YBR_FULL_422' && module.samplesPerPixel === 3)
        return expand422(bytes, module);
      const samples = module.rows * module.columns * module.samplesPerPixel;
      const expectedBytes = Math.ceil((samples * module.bitsAllocated) / 8);
      if (bytes.length < expectedBytes) {
        throw new DecodeError(
          `Native pixel data has ${bytes.length} bytes, the frame needs ${expectedBytes}`,
        );
      }
      const planar = module.samplesPerPixel > 1 && module.planarConfiguration === 1;
      if (module.bitsAllocated === 1)
        return { samples: unpackOneBitSamples(bytes, samples), planar, rgb: false };
      const wordBytes =
        bigEndian && module.bitsAllocated === 8 && module.pixelDataVr === 'OW'
          ? 2
          : module.bitsAllocated / 8;
      const own = new Uint8Array(expectedBytes);
      own.set(bytes.subarray(0, expectedBytes));
      if (bigEndian && wordBytes > 1) swapBytes(own, wordBytes);
      return { samples: typed(own.buffer, module), planar, rgb: false };
    },
  };
}

function typed(buffer: ArrayBuffer, module: PixelModule): SampleArray {
  const float = module.pixelDataVr === 'OF' || module.pixelDataVr === 'OD';
  switch (module.bitsAllocated) {
    case 8:
      return new Uint8Array(buffer);
    case 16:
      return new Uint16Array(buffer);
    case 32:
      return float ? new Float32Array(buffer) : new Uint32Array(buffer);
    case 64:
      if (float) return new Float64Array(buffer);
      break;
    default:
      break;
  }
  throw new DecodeError(
    `Native pixel data with Bits Allocated ${module.bitsAllocated} is not supported`,
  );
}

function swapBytes(bytes: Uint8Array, wordBytes: number): void {
  for (let i = 0; i + wordBytes <= bytes.length; i += wordBytes) {
    for (let a = i, b = i + wordBytes - 1; a < b; a += 1, b -= 1) {
      const t = bytes[a] ?? 0;
      bytes[a] = bytes[b] ?? 0;
      bytes[b] = t;
    }
  }
}

/** 1-bit samples packed eight to a byte, least significant bit first (PS3.5 D.2), one byte each. */
export function unpackOneBitSamples(bytes: Uint8Array, samples: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(samples);
  for (let i = 0; i < samples; i += 1) out[i] = ((bytes[i >> 3] ?? 0) >> (i & 7)) & 1;
  return out;
}

/**
 * Uncompressed YBR_FULL_422 (PS3.3 C.7.6.3.1.2) stores Y1 Y2 Cb Cr for each pair of pixels:
 * expand to full YBR samples, repeating the chroma of each pair.
 */
function expand422(bytes: Uint8Array, module: PixelModule): CodecOutput {
  const pixels = module.rows * module.columns;
  if (module.bitsAllocated !== 8 || module.columns % 2 !== 0) {
    throw new DecodeError('Native YBR_FULL_422 needs 8-bit samples and an even number of columns');
  }
  if (bytes.length < pixels * 2)
    throw new DecodeError(
      `Native YBR_FULL_422 has ${bytes.length} bytes, the frame needs ${pixels * 2}`,
    );
  const out = new Uint8Array(pixels * 3);
  for (let pair = 0; pair < pixels / 2; pair += 1) {
    const i = pair * 4;
    const o = pair * 6;
    const cb = bytes[i + 2] ?? 0;
    const cr = bytes[i + 3] ?? 0;
    out[o] = bytes[i] ?? 0;
    out[o + 1] = cb;
    out[o + 2] = cr;
    out[o + 3] = bytes[i + 1] ?? 0;
    out[o + 4] = cb;
    out[o + 5] = cr;
  }
  return { samples: out, planar: false, rgb: false };
}
