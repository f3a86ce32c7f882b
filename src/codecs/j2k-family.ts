import type { FrameCodec } from './codec.js';
import { readJ2kHeader } from './j2k-header.js';
import { assertCompleteCodestream } from './partial-codestream.js';
import { j2kSamples, type J2kDecodedInfo } from './j2k-samples.js';
import { assertHeaderMatches } from './pixel-module.js';
import { LazyWasmModule, withFreshWasmDecoder, withWasmDecoder } from './wasm-module.js';

/** What OpenJPEG's J2KDecoder and OpenJPH's HTJ2KDecoder have in common (embind objects). */
export interface J2kFamilyDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): J2kDecodedInfo;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

export interface J2kFamilySpec<M, D extends J2kFamilyDecoder> {
  readonly name: string;
  readonly factory: ConstructorParameters<typeof LazyWasmModule<M>>[1];
  readonly wasmUrl: string;
  readonly create: (module: M) => D;
  /** Decodes dropping `level` wavelet decomposition levels (each halves both sizes). */
  readonly decodeSubResolution: (decoder: D, level: number) => void;
}

/**
 * A codec of the JPEG 2000 family. Both libraries undo the multiple component transform
 * (RCT/ICT) and interleave components, so colour comes out as RGB samples; both report
 * the full image's size after a reduced decode. Full decodes reuse one decoder object per
 * worker; reduced (preview) decodes of truncated codestreams use a fresh one, since a failed
 * decode can leave the previous image in a reused object.
 */
export function createJ2kFamilyCodec<M, D extends J2kFamilyDecoder>(
  spec: J2kFamilySpec<M, D>,
): FrameCodec {
  const { name } = spec;
  const wasm = new LazyWasmModule<M>(name, spec.factory, spec.wasmUrl);
  const cache: { decoder: D | undefined } = { decoder: undefined };
  return {
    name,
    async decode(bytes, module) {
      const header = readJ2kHeader(bytes, name);
      assertHeaderMatches(name, module, header);
      assertCompleteCodestream(bytes, name);
      return withWasmDecoder(wasm, cache, spec.create, name, (decoder) => {
        decoder.getEncodedBuffer(bytes.length).set(bytes);
        decoder.decode();
        const { samples, planar, rgb } = j2kSamples(
          name,
          module,
          header,
          decoder.getFrameInfo(),
          decoder.getDecodedBuffer(),
          0,
        );
        return { samples, planar, rgb };
      });
    },
    async decodeReduced(bytes, module, level) {
      const header = readJ2kHeader(bytes, name);
      assertHeaderMatches(name, module, header);
      return withFreshWasmDecoder(wasm, spec.create, name, (decoder) => {
        decoder.getEncodedBuffer(bytes.length).set(bytes);
        spec.decodeSubResolution(decoder, level);
        return j2kSamples(
          name,
          module,
          header,
          decoder.getFrameInfo(),
          decoder.getDecodedBuffer(),
          level,
        );
      });
    },
    async warm() {
      await wasm.get();
    },
  };
}
