/**
 * Which lossy transfer syntax to ask a frame in when the host allows lossy images (the GP's look
 * at a report's key images on a thin link), and the Accept header that asks for it
 * (PS3.18 8.7.3.5.2, Table 8.7.3-5: the media type with its `transfer-syntax` parameter).
 *
 * JPEG-LS near-lossless (1.2.840.10008.1.2.4.81, ITU-T T.87): every decoded value is within
 * NEAR of the original (Orthanc 1.10 through DCMTK: NEAR = 2), for any grey depth from 2 to 16
 * bits, and the stored values keep their meaning. Not the lossy JPEG processes (.50, .51), though
 * they compress more: DCMTK's lossy JPEG encoder rescales the values and writes a new Rescale
 * Intercept into the instance (measured: −1024 became −2047, every value +1023), which a frame
 * retrieved alone does not carry, so the metadata's Modality LUT would give wrong Hounsfield
 * units. Colour frames stay in their stored syntax (the server's colour conversion and the
 * metadata's Photometric Interpretation would disagree).
 *
 * One syntax per request: a list in one Accept header is not honoured as a preference by every
 * server (Orthanc 1.10 takes the last one it can parse, even one it then cannot produce). A
 * server that cannot transcode answers 400/406 (or 500): the frame then comes in its stored
 * syntax, labelled by what it is.
 */
import { TransferSyntax, transferSyntaxInfo } from '../dicom/transfer-syntax.js';

export interface LossyPixelFormat {
  readonly bitsStored: number;
  readonly samplesPerPixel: number;
}

/** The lossy syntax to ask `format`'s frames in, or undefined to keep the stored syntax. */
export function lossyTransferSyntaxFor(format: LossyPixelFormat): string | undefined {
  if (format.samplesPerPixel !== 1) return undefined;
  if (format.bitsStored < 2 || format.bitsStored > 16) return undefined;
  return TransferSyntax.JpegLsNearLossless;
}

/** `multipart/related; type="image/jpeg"; transfer-syntax=1.2.840.10008.1.2.4.50` for a frame. */
export function acceptFrameIn(transferSyntaxUid: string): string {
  const mediaType = transferSyntaxInfo(transferSyntaxUid)?.mediaType ?? 'application/octet-stream';
  return `multipart/related; type="${mediaType}"; transfer-syntax=${transferSyntaxUid}`;
}
