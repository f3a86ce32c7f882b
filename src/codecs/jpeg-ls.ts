import charlsFactory, {
  type CharLSModule,
  type JpegLSDecoder,
} from '@cornerstonejs/codec-charls/decodewasmjs';
import wasmUrl from '@cornerstonejs/codec-charls/decodewasm?url&no-inline';
import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec } from './codec.js';
import { assertEndsWithEoi, readJpegFrameHeader } from './jpeg-header.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';
import { checkedSamples, LazyWasmModule, withWasmDecoder } from './wasm-module.js';

const CODEC = 'JPEG-LS';
const charls = new LazyWasmModule<CharLSModule>(CODEC, charlsFactory, wasmUrl);
const cache: { decoder: JpegLSDecoder | undefined } = { decoder: undefined };

/** JPEG-LS lossless and near-lossless (PS3.5 A.4.3, 1.2.840.10008.1.2.4.80/81) through CharLS. */
export const jpegLsCodec: FrameCodec = {
  name: CODEC,
  async decode(bytes: Uint8Array, module: PixelModule): Promise<CodecOutput> {
    const header = readJpegFrameHeader(bytes, CODEC);
    if (header.marker !== 0xf7)
      throw new DecodeError(`${CODEC}: codestream has no SOF55 frame header`);
    assertHeaderMatches(CODEC, module, header);
    assertEndsWithEoi(bytes, CODEC);
    return withWasmDecoder(
      charls,
      cache,
      (m) => new m.JpegLSDecoder(),
      CODEC,
      (decoder) => {
        decoder.getEncodedBuffer(bytes.length).set(bytes);
        decoder.decode();
        const info = decoder.getFrameInfo();
        // JPEG-LS codes the stored bit pattern; signedness is applied later from Pixel Representation.
        const samples = checkedSamples(
          CODEC,
          module,
          info,
          decoder.getDecodedBuffer(),
          info.bitsPerSample,
        );
        // CharLS keeps the scan's interleave mode in its output: mode 0 (none) is colour-by-plane.
        return {
          samples,
          planar: info.componentCount > 1 && decoder.getInterleaveMode() === 0,
          rgb: false,
        };
      },
    );
  },
  async warm() {
    await charls.get();
  },
};
