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

/** Transfer syntaxes (PS3.6 Annex A) whose pixel data Courbaril decodes. */
export const TransferSyntax = {
  ImplicitVrLittleEndian: '1.2.840.10008.1.2',
  ExplicitVrLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVrLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVrBigEndian: '1.2.840.10008.1.2.2',
  RleLossless: '1.2.840.10008.1.2.5',
  JpegBaseline: '1.2.840.10008.1.2.4.50',
  JpegExtended: '1.2.840.10008.1.2.4.51',
  JpegLossless: '1.2.840.10008.1.2.4.57',
  JpegLosslessSv1: '1.2.840.10008.1.2.4.70',
  JpegLsLossless: '1.2.840.10008.1.2.4.80',
  JpegLsNearLossless: '1.2.840.10008.1.2.4.81',
  Jpeg2000Lossless: '1.2.840.10008.1.2.4.90',
  Jpeg2000: '1.2.840.10008.1.2.4.91',
  Htj2kLossless: '1.2.840.10008.1.2.4.201',
  Htj2kLosslessRpcl: '1.2.840.10008.1.2.4.202',
  Htj2k: '1.2.840.10008.1.2.4.203',
} as const;

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

/** True when `decodeFrame` can decode this transfer syntax (video and unknown UIDs are not). */
export function isTransferSyntaxSupported(transferSyntaxUid: string): boolean {
  return codecs.has(transferSyntaxUid.trim());
}

/** The codec for a transfer syntax; MPEG-2/MPEG-4/HEVC video and unknown UIDs throw. */
export function codecFor(transferSyntaxUid: string): FrameCodec {
  const uid = transferSyntaxUid.replace(/\0/g, '').trim();
  const codec = codecs.get(uid);
  if (!codec) throw new UnsupportedTransferSyntaxError(uid);
  return codec;
}
