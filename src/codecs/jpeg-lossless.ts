import { Decoder } from 'jpeg-lossless-decoder-js';
import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec } from './codec.js';
import { readJpegFrameHeader } from './jpeg-header.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';
import { errorText } from './wasm-module.js';

const CODEC = 'JPEG lossless';

/**
 * JPEG lossless, processes 14 and 14 selection value 1 (PS3.5 A.4.1, 1.2.840.10008.1.2.4.57/70),
 * through jpeg-lossless-decoder-js (pure JS, no WASM). Predictors 1–7 are supported.
 */
export const jpegLosslessCodec: FrameCodec = {
  name: CODEC,
  decode(bytes: Uint8Array, module: PixelModule): CodecOutput {
    const header = readJpegFrameHeader(bytes, CODEC);
    if (header.marker !== 0xc3) throw new DecodeError(`${CODEC}: expected SOF3, found 0x${header.marker.toString(16)}`);
    assertHeaderMatches(CODEC, module, header);
    if (header.components !== 1 && header.precision > 8) {
      // The library writes multi-component samples above 8 bits into one plane (wrong output).
      throw new DecodeError(`${CODEC}: ${header.precision}-bit colour is not supported`);
    }
    let samples: Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer>;
    try {
      // The library reads from an ArrayBuffer at offset 0: hand it an exact copy of the frame.
      const input = bytes.slice();
      samples = new Decoder().decode(input.buffer, 0, input.byteLength);
    } catch (error) {
      throw new DecodeError(`${CODEC}: ${errorText(error)}`);
    }
    const expected = header.width * header.height * header.components;
    if (samples.length !== expected) throw new DecodeError(`${CODEC}: decoded ${samples.length} samples, expected ${expected}`);
    return { samples, planar: false, rgb: false };
  },
};
