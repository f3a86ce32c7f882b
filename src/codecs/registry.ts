import { UnsupportedTransferSyntaxError } from '../dicom/errors.js';
import type { FrameCodec } from './codec.js';
import { htj2kCodec } from './htj2k.js';
import { jpegBaselineCodec } from './jpeg-baseline.js';
import { jpegExtendedCodec } from './jpeg-extended.js';
import { jpegLosslessCodec } from './jpeg-lossless.js';
import { jpegLsCodec } from './jpeg-ls.js';
import { jpeg2000Codec } from './jpeg2000.js';
import { createNativeCodec } from './native.js';
import { rleCodec } from './rle.js';
import { normalizeUid, TransferSyntax } from './transfer-syntax.js';

const native = createNativeCodec(TransferSyntax.ExplicitVrLittleEndian);

const codecs = new Map<string, FrameCodec>([
  [TransferSyntax.ImplicitVrLittleEndian, native],
  [TransferSyntax.ExplicitVrLittleEndian, native],
  // Deflate applies to the whole data set (PS3.5 A.5); the parser inflates, frames are native.
  [TransferSyntax.DeflatedExplicitVrLittleEndian, native],
  [TransferSyntax.ExplicitVrBigEndian, createNativeCodec(TransferSyntax.ExplicitVrBigEndian)],
  [TransferSyntax.RleLossless, rleCodec],
  [TransferSyntax.JpegBaseline, jpegBaselineCodec],
  [TransferSyntax.JpegExtended, jpegExtendedCodec],
  [TransferSyntax.JpegLossless, jpegLosslessCodec],
  [TransferSyntax.JpegLosslessSv1, jpegLosslessCodec],
  [TransferSyntax.JpegLsLossless, jpegLsCodec],
  [TransferSyntax.JpegLsNearLossless, jpegLsCodec],
  [TransferSyntax.Jpeg2000Lossless, jpeg2000Codec],
  [TransferSyntax.Jpeg2000, jpeg2000Codec],
  [TransferSyntax.Htj2kLossless, htj2kCodec],
  [TransferSyntax.Htj2kLosslessRpcl, htj2kCodec],
  [TransferSyntax.Htj2k, htj2kCodec],
]);

/** The codec for a transfer syntax; MPEG-2/MPEG-4/HEVC video and unknown UIDs throw. */
export function codecFor(transferSyntaxUid: string): FrameCodec {
  const uid = normalizeUid(transferSyntaxUid);
  const codec = codecs.get(uid);
  if (!codec) throw new UnsupportedTransferSyntaxError(uid);
  return codec;
}
