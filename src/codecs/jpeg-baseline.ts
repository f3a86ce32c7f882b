import libjpegFactory, {
  type JPEGDecoder,
  type LibJpegTurboModule,
} from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';
import wasmUrl from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url&no-inline';
import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec } from './codec.js';
import { codedColorModel, colorModelHint, readJpegColorMarkers } from './jpeg-color-model.js';
import { assertEndsWithEoi, readJpegFrameHeader } from './jpeg-header.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';
import { checkedSamples, LazyWasmModule, withWasmDecoder } from './wasm-module.js';

const CODEC = 'JPEG baseline';
const libjpeg = new LazyWasmModule<LibJpegTurboModule>(CODEC, libjpegFactory, wasmUrl);
const cache: { decoder: JPEGDecoder | undefined } = { decoder: undefined };

/**
 * 8-bit JPEG (PS3.5 A.4.1, process 1 and 8-bit process 2/4) through libjpeg-turbo, which
 * upsamples chroma and converts YCbCr to RGB itself, so colour output is interleaved RGB.
 * Whether a 3-component frame is YCbCr or untransformed RGB comes from the Photometric
 * Interpretation (PS3.5 8.2.1), not from libjpeg's guess: see jpeg-color-model.ts.
 */
export const jpegBaselineCodec: FrameCodec = {
  name: CODEC,
  async decode(bytes: Uint8Array, module: PixelModule): Promise<CodecOutput> {
    const header = readJpegFrameHeader(bytes, CODEC);
    if (header.precision !== 8)
      throw new DecodeError(
        `${CODEC}: ${header.precision}-bit precision needs the extended decoder`,
      );
    if (header.marker === 0xc3 || header.marker > 0xc2)
      throw new DecodeError(
        `${CODEC}: SOF marker 0x${header.marker.toString(16)} is not DCT-based Huffman`,
      );
    assertHeaderMatches(CODEC, module, header);
    assertEndsWithEoi(bytes, CODEC);
    const hint = header.components === 3 ? colorHint(bytes, module) : undefined;
    return withWasmDecoder(
      libjpeg,
      cache,
      (m) => new m.JPEGDecoder(),
      CODEC,
      (decoder) => {
        if (hint) {
          const input = decoder.getEncodedBuffer(bytes.length + hint.length);
          input.set(bytes.subarray(0, 2));
          input.set(hint, 2);
          input.set(bytes.subarray(2), 2 + hint.length);
        } else {
          decoder.getEncodedBuffer(bytes.length).set(bytes);
        }
        decoder.decode();
        const info = decoder.getFrameInfo();
        const samples = checkedSamples(CODEC, module, info, decoder.getDecodedBuffer(), 8);
        return { samples, planar: false, rgb: info.componentCount === 3 };
      },
    );
  },
  async warm() {
    await libjpeg.get();
  },
};

/** The marker that makes libjpeg decode this frame's colour model as the data set declares it. */
function colorHint(bytes: Uint8Array, module: PixelModule): Uint8Array | undefined {
  const markers = readJpegColorMarkers(bytes, CODEC);
  return colorModelHint(markers, codedColorModel(module.photometricInterpretation, markers));
}
