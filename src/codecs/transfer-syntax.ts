import { UnsupportedTransferSyntaxError } from '../dicom/errors.js';

/**
 * Transfer syntaxes (PS3.6 Annex A) whose pixel data Courbaril decodes. Kept apart from the
 * codec registry so the main thread can check support without loading any decoder.
 */
export const TransferSyntax = {
  ImplicitVrLittleEndian: '1.2.840.10008.1.2',
  ExplicitVrLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVrLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVrBigEndian: '1.2.840.10008.1.2.2',
  RleLossless: '1.2.840.10008.1.2.5',
  DeflatedImageFrame: '1.2.840.10008.1.2.8.1',
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

const supported = new Set<string>(Object.values(TransferSyntax));

/** UIDs may arrive with DICOM's trailing NUL/space padding (PS3.5 9.1). */
export function normalizeUid(uid: string): string {
  return uid.replace(/[\0\s]+$/g, '').trim();
}

/** True when `decodeFrame` can decode this transfer syntax; video (MPEG-2, MPEG-4, HEVC) and unknown UIDs are not. */
export function isTransferSyntaxSupported(transferSyntaxUid: string): boolean {
  return supported.has(normalizeUid(transferSyntaxUid));
}

export function assertTransferSyntaxSupported(transferSyntaxUid: string): void {
  const uid = normalizeUid(transferSyntaxUid);
  if (!supported.has(uid)) throw new UnsupportedTransferSyntaxError(uid);
}
