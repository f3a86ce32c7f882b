/**
 * Which lossy transfer syntax to ask a frame in when the host allows lossy images (the GP's look
 * at a report's key images on a thin link), and the Accept header that asks for it
 * (PS3.18 8.7.3.5.2, Table 8.7.3-5: the media type with its `transfer-syntax` parameter).
 *
 * One syntax per request: a list in one Accept header is not honoured as a preference by every
 * server (Orthanc 1.10 takes the last one it can parse, even one it then cannot produce).
 * The choice follows what the frame can be written in without losing its range:
 * - 8 bits, grey: JPEG baseline (process 1, 1.2.840.10008.1.2.4.50), which every server has;
 * - 9–12 bits, grey: JPEG extended (process 4, .51): baseline would drop the low bits;
 * - 13–16 bits, grey: JPEG-LS near-lossless (.81): the DCT processes stop at 12 bits;
 * - colour: none (the stored syntax): a server's YBR conversion and the metadata's
 *   Photometric Interpretation would then disagree.
 * A server that cannot transcode answers 400/406 (or 500): the frame comes in its stored syntax,
 * labelled by what it is.
 */
import { TransferSyntax, transferSyntaxInfo } from '../dicom/transfer-syntax.js';

export interface LossyPixelFormat {
  readonly bitsStored: number;
  readonly samplesPerPixel: number;
}

/** The lossy syntax to ask `format`'s frames in, or undefined to keep the stored syntax. */
export function lossyTransferSyntaxFor(format: LossyPixelFormat): string | undefined {
  if (format.samplesPerPixel !== 1) return undefined;
  if (format.bitsStored <= 8) return TransferSyntax.JpegBaseline;
  if (format.bitsStored <= 12) return TransferSyntax.JpegExtended;
  if (format.bitsStored <= 16) return TransferSyntax.JpegLsNearLossless;
  return undefined;
}

/** `multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50` for a frame. */
export function acceptFrameIn(transferSyntaxUid: string): string {
  const mediaType = transferSyntaxInfo(transferSyntaxUid)?.mediaType ?? 'application/octet-stream';
  return `multipart/related; type="${mediaType}"; transfer-syntax=${transferSyntaxUid}`;
}
