import { DecodeError, UnsupportedTransferSyntaxError } from '../dicom/errors.js';
import type { FrameCodec } from './codec.js';
import { createNativeCodec } from './native.js';
import { normalizeUid, TransferSyntax } from './transfer-syntax.js';

type CodecLoader = () => Promise<FrameCodec>;

const nativeLittleEndian = createNativeCodec(TransferSyntax.ExplicitVrLittleEndian);
const native: CodecLoader = () => Promise.resolve(nativeLittleEndian);
const nativeBigEndian = createNativeCodec(TransferSyntax.ExplicitVrBigEndian);

/*
 * Each compressed family is a dynamic import, so the bundler gives it its own chunk (its
 * emscripten glue and its .wasm URL with it) and a worker fetches only the families its
 * frames use: a JPEG-LS study never downloads OpenJPEG, OpenJPH or libjpeg-turbo. The import
 * specifiers stay literal so Vite and Rollup can see and split them.
 */
const rle: CodecLoader = () => import('./rle.js').then((m) => m.rleCodec);
const deflateFrame: CodecLoader = () =>
  import('./deflate-frame.js').then((m) => m.deflateFrameCodec);
const jpegBaseline: CodecLoader = () =>
  import('./jpeg-baseline.js').then((m) => m.jpegBaselineCodec);
const jpegExtended: CodecLoader = () =>
  import('./jpeg-extended.js').then((m) => m.jpegExtendedCodec);
const jpegLossless: CodecLoader = () =>
  import('./jpeg-lossless.js').then((m) => m.jpegLosslessCodec);
const jpegLs: CodecLoader = () => import('./jpeg-ls.js').then((m) => m.jpegLsCodec);
const jpeg2000: CodecLoader = () => import('./jpeg2000.js').then((m) => m.jpeg2000Codec);
const htj2k: CodecLoader = () => import('./htj2k.js').then((m) => m.htj2kCodec);

const loaders = new Map<string, CodecLoader>([
  [TransferSyntax.ImplicitVrLittleEndian, native],
  [TransferSyntax.ExplicitVrLittleEndian, native],
  // Deflate applies to the whole data set (PS3.5 A.5); the parser inflates, frames are native.
  [TransferSyntax.DeflatedExplicitVrLittleEndian, native],
  [TransferSyntax.ExplicitVrBigEndian, () => Promise.resolve(nativeBigEndian)],
  [TransferSyntax.RleLossless, rle],
  [TransferSyntax.DeflatedImageFrame, deflateFrame],
  [TransferSyntax.JpegBaseline, jpegBaseline],
  [TransferSyntax.JpegExtended, jpegExtended],
  [TransferSyntax.JpegLossless, jpegLossless],
  [TransferSyntax.JpegLosslessSv1, jpegLossless],
  [TransferSyntax.JpegLsLossless, jpegLs],
  [TransferSyntax.JpegLsNearLossless, jpegLs],
  [TransferSyntax.Jpeg2000Lossless, jpeg2000],
  [TransferSyntax.Jpeg2000, jpeg2000],
  [TransferSyntax.Htj2kLossless, htj2k],
  [TransferSyntax.Htj2kLosslessRpcl, htj2k],
  [TransferSyntax.Htj2k, htj2k],
]);

/**
 * The codec for a transfer syntax, its code loaded on first use (later calls reuse the module).
 * MPEG-2/MPEG-4/HEVC video and unknown UIDs reject with UnsupportedTransferSyntaxError; a codec
 * chunk that cannot be fetched rejects with DecodeError.
 */
export async function codecFor(transferSyntaxUid: string): Promise<FrameCodec> {
  const uid = normalizeUid(transferSyntaxUid);
  const load = loaders.get(uid);
  if (!load) throw new UnsupportedTransferSyntaxError(uid);
  try {
    return await load();
  } catch (error) {
    throw new DecodeError(
      `Could not load the decoder for ${uid} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
