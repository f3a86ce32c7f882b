import openjphFactory, {
  type HTJ2KDecoder,
  type OpenJphModule,
} from '@cornerstonejs/codec-openjph/wasmjs';
import wasmUrl from '@cornerstonejs/codec-openjph/wasm?url&no-inline';
import { DecodeError } from '../dicom/errors.js';
import type { CodecOutput, FrameCodec, ReducedCodecOutput } from './codec.js';
import { readJ2kHeader } from './j2k-header.js';
import { assertHeaderMatches, type PixelModule } from './pixel-module.js';
import { clampToPrecision } from './precision-clamp.js';
import { j2kSamples } from './j2k-samples.js';
import {
  copyOutOfHeap,
  LazyWasmModule,
  withFreshWasmDecoder,
  withWasmDecoder,
} from './wasm-module.js';

const CODEC = 'HTJ2K';
const openjph = new LazyWasmModule<OpenJphModule>(CODEC, openjphFactory, wasmUrl);
const cache: { decoder: HTJ2KDecoder | undefined } = { decoder: undefined };

/**
 * High-Throughput JPEG 2000 (PS3.5 A.4.9, 1.2.840.10008.1.2.4.201/202/203) through OpenJPH,
 * which like OpenJPEG applies the inverse colour transform and interleaves components.
 */
export const htj2kCodec: FrameCodec = {
  name: CODEC,
  async decode(bytes: Uint8Array, module: PixelModule): Promise<CodecOutput> {
    const header = readJ2kHeader(bytes, CODEC);
    assertHeaderMatches(CODEC, module, header);
    return withWasmDecoder(
      openjph,
      cache,
      (m) => new m.HTJ2KDecoder(),
      CODEC,
      (decoder) => {
        decoder.getEncodedBuffer(bytes.length).set(bytes);
        decoder.decode();
        const info = decoder.getFrameInfo();
        assertHeaderMatches(CODEC, module, {
          width: info.width,
          height: info.height,
          components: info.componentCount,
        });
        const samples = copyOutOfHeap(
          decoder.getDecodedBuffer(),
          info.bitsPerSample,
          info.isSigned,
          CODEC,
        );
        const expected = info.width * info.height * info.componentCount;
        if (samples.length !== expected)
          throw new DecodeError(
            `${CODEC}: decoded ${samples.length} samples, expected ${expected}`,
          );
        if (header.precision < info.bitsPerSample || header.precision % 8 !== 0)
          clampToPrecision(samples, header.precision, info.isSigned);
        return { samples, planar: false, rgb: info.componentCount === 3 };
      },
    );
  },
  async decodeReduced(
    bytes: Uint8Array,
    module: PixelModule,
    level: number,
  ): Promise<ReducedCodecOutput> {
    const header = readJ2kHeader(bytes, CODEC);
    assertHeaderMatches(CODEC, module, header);
    return withFreshWasmDecoder(
      openjph,
      (m) => new m.HTJ2KDecoder(),
      CODEC,
      (decoder) => {
        decoder.getEncodedBuffer(bytes.length).set(bytes);
        decoder.decodeSubResolution(level);
        return j2kSamples(
          CODEC,
          module,
          header,
          decoder.getFrameInfo(),
          decoder.getDecodedBuffer(),
          level,
        );
      },
    );
  },
  async warm(): Promise<void> {
    await openjph.get();
  },
};
