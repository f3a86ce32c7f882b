import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec, SampleArray } from './codec.js';
import { unpackOneBitSamples } from './native.js';
import type { PixelModule } from './pixel-module.js';

const CODEC = 'RLE';

/**
 * RLE Lossless (PS3.5 Annex G, 1.2.840.10008.1.2.5). Hand-written: no maintained library
 * decodes DICOM RLE, and it is small. Each frame is a 64-byte header of segment offsets and one
 * PackBits segment per byte plane, most significant byte of each sample first (G.2), one
 * sample after the other: the result is colour-by-plane whatever Planar Configuration says.
 */
export const rleCodec: FrameCodec = {
  name: CODEC,
  decode(bytes: Uint8Array, module: PixelModule): CodecOutput {
    if (module.bitsAllocated === 1) return decodeBitPlane(bytes, module);
    const bytesPerSample = module.bitsAllocated / 8;
    if (!Number.isInteger(bytesPerSample) || bytesPerSample > 4) {
      throw new DecodeError(`${CODEC}: Bits Allocated ${module.bitsAllocated} is not supported`);
    }
    const expectedSegments = bytesPerSample * module.samplesPerPixel;
    checkSegmentCount(bytes, expectedSegments);
    const pixels = module.rows * module.columns;
    const planes = decodeSegments(bytes, expectedSegments, pixels);
    return {
      samples: joinBytePlanes(planes, pixels, bytesPerSample, module.samplesPerPixel),
      planar: true,
      rgb: false,
    };
  },
};

/**
 * Bits Allocated 1 (PS3.5 G.2, as DICOM segmentations use it): one segment holding the frame's
 * pixels packed eight to a byte from a byte boundary, least significant bit first, as native data.
 */
function decodeBitPlane(bytes: Uint8Array, module: PixelModule): CodecOutput {
  if (module.samplesPerPixel !== 1)
    throw new DecodeError(`${CODEC}: 1-bit data needs one sample per pixel`);
  const pixels = module.rows * module.columns;
  checkSegmentCount(bytes, 1);
  const packed = decodeSegments(bytes, 1, Math.ceil(pixels / 8));
  return { samples: unpackOneBitSamples(packed, pixels), planar: false, rgb: false };
}

function checkSegmentCount(bytes: Uint8Array, expected: number): void {
  if (bytes.length < 64) throw new DecodeError(`${CODEC}: frame shorter than its 64-byte header`);
  const count = new DataView(bytes.buffer, bytes.byteOffset, 64).getUint32(0, true);
  if (count !== expected)
    throw new DecodeError(`${CODEC}: ${count} segments, expected ${expected}`);
}

/** The frame's segments, each PackBits-decoded to `planeBytes` bytes, one after the other. */
function decodeSegments(
  bytes: Uint8Array,
  segmentCount: number,
  planeBytes: number,
): Uint8Array<ArrayBuffer> {
  const header = new DataView(bytes.buffer, bytes.byteOffset, 64);
  const planes = new Uint8Array(planeBytes * segmentCount);
  for (let s = 0; s < segmentCount; s += 1) {
    const start = header.getUint32(4 + 4 * s, true);
    const end = s + 1 < segmentCount ? header.getUint32(8 + 4 * s, true) : bytes.length;
    if (start < 64 || start > end || end > bytes.length) {
      throw new DecodeError(
        `${CODEC}: segment ${s} offsets ${start}..${end} outside the frame of ${bytes.length} bytes`,
      );
    }
    unpackPackBits(
      bytes.subarray(start, end),
      planes.subarray(s * planeBytes, (s + 1) * planeBytes),
      s,
    );
  }
  return planes;
}

/** PackBits (G.3.1): n ≥ 0 copies n+1 bytes, −127 ≤ n ≤ −1 repeats the next byte 1−n times, −128 is a no-op. */
function unpackPackBits(source: Uint8Array, target: Uint8Array, segment: number): void {
  let in_ = 0;
  let out = 0;
  while (out < target.length && in_ < source.length) {
    const n = source[in_] ?? 0;
    in_ += 1;
    if (n < 128) {
      const count = n + 1;
      if (in_ + count > source.length) break;
      target.set(source.subarray(in_, in_ + Math.min(count, target.length - out)), out);
      in_ += count;
      out += count;
    } else if (n > 128) {
      const count = 257 - n;
      if (in_ >= source.length) break;
      target.fill(source[in_] ?? 0, out, Math.min(out + count, target.length));
      in_ += 1;
      out += count;
    }
  }
  if (out < target.length)
    throw new DecodeError(
      `${CODEC}: segment ${segment} decodes to ${out} of ${target.length} bytes`,
    );
}

function joinBytePlanes(
  planes: Uint8Array<ArrayBuffer>,
  pixels: number,
  bytesPerSample: number,
  samplesPerPixel: number,
): SampleArray {
  if (bytesPerSample === 1) return planes;
  const count = pixels * samplesPerPixel;
  const out = bytesPerSample === 2 ? new Uint16Array(count) : new Uint32Array(count);
  for (let sample = 0; sample < samplesPerPixel; sample += 1) {
    const base = sample * bytesPerSample * pixels;
    for (let i = 0; i < pixels; i += 1) {
      let value = 0;
      for (let b = 0; b < bytesPerSample; b += 1)
        value = value * 256 + (planes[base + b * pixels + i] ?? 0);
      out[sample * pixels + i] = value;
    }
  }
  return out;
}
