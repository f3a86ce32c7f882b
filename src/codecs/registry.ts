import { DecodeError } from '../dicom/errors.js';
import { decodableTransferSyntax, type CodecFamily } from '../dicom/transfer-syntax.js';
import type { FrameCodec } from './codec.js';
import { createNativeCodec } from './native.js';

type CodecLoader = (byteOrder: { readonly littleEndian: boolean }) => Promise<FrameCodec>;

const nativeLittleEndian = createNativeCodec(true);
const nativeBigEndian = createNativeCodec(false);

/*
 * Each compressed family is a dynamic import, so the bundler gives it its own chunk (its
 * emscripten glue and its .wasm URL with it) and a worker fetches only the families its
 * frames use: a JPEG-LS study never downloads OpenJPEG, OpenJPH or libjpeg-turbo. The import
 * specifiers stay literal so Vite and Rollup can see and split them. Which transfer syntax
 * uses which family is the registry's fact (src/dicom/transfer-syntax.ts), not this table's.
 */
export const CODEC_LOADERS = {
  // Native frames, deflated data sets included (the parser inflates them, PS3.5 A.5).
  native: ({ littleEndian }) =>
    Promise.resolve(littleEndian ? nativeLittleEndian : nativeBigEndian),
  rle: () => import('./rle.js').then((m) => m.rleCodec),
  'deflate-frame': () => import('./deflate-frame.js').then((m) => m.deflateFrameCodec),
  'jpeg-baseline': () => import('./jpeg-baseline.js').then((m) => m.jpegBaselineCodec),
  'jpeg-extended': () => import('./jpeg-extended.js').then((m) => m.jpegExtendedCodec),
  'jpeg-lossless': () => import('./jpeg-lossless.js').then((m) => m.jpegLosslessCodec),
  'jpeg-ls': () => import('./jpeg-ls.js').then((m) => m.jpegLsCodec),
  jpeg2000: () => import('./jpeg2000.js').then((m) => m.jpeg2000Codec),
  htj2k: () => import('./htj2k.js').then((m) => m.htj2kCodec),
} as const satisfies Record<CodecFamily, CodecLoader>;

/**
 * The codec for a transfer syntax, its code loaded on first use (later calls reuse the module).
 * MPEG-2/MPEG-4/HEVC video and unknown UIDs reject with UnsupportedTransferSyntaxError; a codec
 * chunk that cannot be fetched rejects with DecodeError.
 */
export async function codecFor(transferSyntaxUid: string): Promise<FrameCodec> {
  const syntax = decodableTransferSyntax(transferSyntaxUid);
  const load: CodecLoader = CODEC_LOADERS[syntax.codec];
  try {
    return await load(syntax);
  } catch (error) {
    throw new DecodeError(
      `Could not load the decoder for ${syntax.uid} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
