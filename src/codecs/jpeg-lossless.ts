import { Decoder } from 'jpeg-lossless-decoder-js';
import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec } from './codec.js';
import { assertEndsWithEoi, readJpegFrameHeader } from './jpeg-header.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';
import { errorText } from './wasm-module.js';

const CODEC = 'JPEG lossless';

/**
 * JPEG lossless, processes 14 and 14 selection value 1 (PS3.5 A.4.1, 1.2.840.10008.1.2.4.57/70),
 * through jpeg-lossless-decoder-js (pure JS, no WASM). Predictors 1–7 are supported; one or three
 * components, 2 to 16 bits.
 */
export const jpegLosslessCodec: FrameCodec = {
  name: CODEC,
  decode(bytes: Uint8Array, module: PixelModule): CodecOutput {
    const header = readJpegFrameHeader(bytes, CODEC);
    if (header.marker !== 0xc3)
      throw new DecodeError(`${CODEC}: expected SOF3, found 0x${header.marker.toString(16)}`);
    assertHeaderMatches(CODEC, module, header);
    assertEndsWithEoi(bytes, CODEC);
    if (header.components !== 1 && header.components !== 3) {
      throw new DecodeError(`${CODEC}: ${header.components} components are not supported`);
    }
    let samples: Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
    try {
      // The library reads from an ArrayBuffer at offset 0: hand it a copy of the frame.
      const input = withFinalCodePadding(bytes);
      samples = new ColourAwareDecoder().decode(input.buffer, 0, input.byteLength);
    } catch (error) {
      throw new DecodeError(`${CODEC}: ${errorText(error)}`);
    }
    const expected = header.width * header.height * header.components;
    if (samples.length !== expected)
      throw new DecodeError(`${CODEC}: decoded ${samples.length} samples, expected ${expected}`);
    return { samples, planar: false, rgb: false };
  },
};

/**
 * jpeg-lossless-decoder-js 2.1 picks its interleaved three-sample writer only for 8-bit frames;
 * above 8 bits (16-bit colour, PS3.5 A.4.1 process 14 with three components) it falls back to
 * the one-sample writer and reader, so every pixel's three samples land on one element. Their
 * overrides route three-component frames of any precision to the interleaved ones.
 */
class ColourAwareDecoder extends Decoder {
  override outputSingle(pred: number[]): void {
    if (this.numComp === 3) this.outputRGB(pred);
    else super.outputSingle(pred);
  }

  override setValue8(index: number, value: number, component = 0): void {
    if (this.numComp === 3) this.setValueRGB(index, value, component);
    else super.setValue8(index, value);
  }

  override getValue8(index: number, component = 0): number {
    return this.numComp === 3 ? this.getValueRGB(index, component) : super.getValue8(index);
  }
}

const EOI_SEARCH = 16;

/**
 * Works around jpeg-lossless-decoder-js 2.1.2 losing the last sample: when the final Huffman
 * code ends on a byte boundary, its look-ahead has already read the 0xFF of EOI and
 * getHuffmanValue returns the marker instead of the code (getn has an isLastPixel() guard for
 * the same case, getHuffmanValue has none). So the copy gets one more byte of 1-bits before
 * EOI, written stuffed as FF 00 (ISO 10918-1 F.1.2.3); the library stops after the last sample
 * and never reads it. Fill bytes before EOI (B.1.1.2, which the library misreads too) are
 * dropped. Only for scans without restart intervals, whose loop ends at the last sample.
 */
function withFinalCodePadding(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  let eoi = -1;
  for (let i = bytes.length - 2; i >= Math.max(0, bytes.length - EOI_SEARCH); i -= 1) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) {
      eoi = i;
      break;
    }
  }
  if (eoi < 0 || hasRestartInterval(bytes)) return bytes.slice();
  let end = eoi;
  while (end > 2 && bytes[end - 1] === 0xff) end -= 1;
  const out = new Uint8Array(end + 4);
  out.set(bytes.subarray(0, end));
  out.set([0xff, 0x00, 0xff, 0xd9], end);
  return out;
}

function hasRestartInterval(bytes: Uint8Array): boolean {
  let offset = 2;
  while (offset + 6 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xda) return false;
    if (marker === 0xdd) return (((bytes[offset + 4] ?? 0) << 8) | (bytes[offset + 5] ?? 0)) !== 0;
    offset += 2 + (((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
  }
  return false;
}
