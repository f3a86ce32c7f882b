import type { PixelModule } from './pixel-module.js';

/** Sample values as a decoder produced them, one element per sample. */
export type SampleArray =
  | Uint8Array<ArrayBuffer>
  | Int8Array<ArrayBuffer>
  | Uint16Array<ArrayBuffer>
  | Int16Array<ArrayBuffer>
  | Int32Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Float32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>;

export interface CodecOutput {
  readonly samples: SampleArray;
  /** Colour samples are colour-by-plane (RRR…GGG…BBB…) rather than interleaved. */
  readonly planar: boolean;
  /** The decoder already converted YCbCr to RGB (libjpeg does for JFIF-style JPEG). */
  readonly rgb: boolean;
  /** Decoded from a codestream cut short: what arrived, not the whole image. */
  readonly partial?: boolean;
}

/** A decode at a reduced resolution: the image is smaller than the data set's Rows × Columns. */
export interface ReducedCodecOutput extends CodecOutput {
  readonly rows: number;
  readonly columns: number;
}

/**
 * One codec family. `decode` runs inside a decode worker; it must throw DecodeError for bad
 * input and check the codestream's own header against `module` before decoding.
 */
export interface FrameCodec {
  readonly name: string;
  decode(bytes: Uint8Array, module: PixelModule): Promise<CodecOutput> | CodecOutput;
  /**
   * Resolution-scalable codecs (JPEG 2000, HTJ2K): decode dropping `level` wavelet
   * decomposition levels, so each dimension is divided by 2^level (rounded up).
   */
  decodeReduced?(
    bytes: Uint8Array,
    module: PixelModule,
    level: number,
  ): Promise<ReducedCodecOutput>;
  /** Fetches and compiles the codec's WebAssembly ahead of the first frame. */
  warm?(): Promise<void>;
}
