/**
 * Which transfer syntax a WADO-RS frame part is in (PS3.18 8.7.3.5 / 8.7.4,
 * Table 8.7.3-5): the `transfer-syntax` parameter when present, else the
 * media type's default — then corrected by the codestream's own markers,
 * because some servers mislabel (Orthanc 1.10 sends HTJ2K frames as
 * application/octet-stream, i.e. as if uncompressed).
 */
import {
  TransferSyntax,
  defaultTransferSyntaxOf,
  transferSyntaxInfo,
  type CodecFamily,
} from '../dicom/transfer-syntax.js';
import { parseContentType } from './content-type.js';

/** Ask for the stored bytes, whatever their syntax (PS3.18 8.7.3.5.2: `*` = no transcoding). */
export const ACCEPT_ANY_FRAME =
  'multipart/related; type="application/octet-stream"; transfer-syntax=*';
/** The fallback every origin server must support (PS3.18 8.7.3.5.2). */
export const ACCEPT_UNCOMPRESSED_FRAME = 'multipart/related; type="application/octet-stream"';

/** Labels servers send that are not PS3.18's media types, and the media type they mean. */
const MEDIA_TYPE_ALIASES: Readonly<Record<string, string>> = {
  'image/x-jls': 'image/jls',
  'image/j2c': 'image/jp2',
  'image/x-dicom-rle': 'image/dicom-rle',
};

/** The syntax a part's Content-Type declares (`undefined` when the media type says nothing we know). */
export function declaredTransferSyntax(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const parsed = parseContentType(contentType);
  const explicit = parsed.parameters.get('transfer-syntax');
  if (explicit && explicit !== '*') return explicit;
  const mediaType = MEDIA_TYPE_ALIASES[parsed.mediaType] ?? parsed.mediaType;
  return defaultTransferSyntaxOf(mediaType)?.uid;
}

/** The JPEG 2000 codestream family (Part 1 and Part 2): syntaxes served as image/jp2 or image/jpx. */
function isJ2kFamily(uid: string): boolean {
  const mediaType = transferSyntaxInfo(uid)?.mediaType;
  return mediaType === 'image/jp2' || mediaType === 'image/jpx';
}

function hasCodec(uid: string, ...families: CodecFamily[]): boolean {
  const codec = transferSyntaxInfo(uid)?.codec;
  return codec !== undefined && families.includes(codec);
}

/** The JPEG frame markers (ITU-T T.81 B.1.1.3) each JPEG syntax may carry. */
const JPEG_BY_SOF: Readonly<Record<number, readonly string[]>> = {
  0xc0: [TransferSyntax.JpegBaseline, TransferSyntax.JpegExtended],
  0xc1: [TransferSyntax.JpegExtended],
  0xc3: [TransferSyntax.JpegLossless, TransferSyntax.JpegLosslessSv1],
};

export interface SniffedFrame {
  readonly transferSyntaxUid: string;
  /** The codestream (for a JP2 file, its `jp2c` box content); a view, never a copy. */
  readonly bytes: Uint8Array;
}

/**
 * Corrects `declared` from the codestream markers: J2K SOC+SIZ (FF4F FF51), with a
 * CAP marker (FF50, ISO/IEC 15444-15) meaning HTJ2K; JP2 signature box; JPEG SOI
 * then SOF55 (FFF7) for JPEG-LS or SOF0/1/3 for JPEG. A declared syntax of the
 * right family is kept (it knows lossless vs lossy). `nativeLength`, when given,
 * is the byte size an uncompressed frame would have: bytes of exactly that size
 * labelled uncompressed are trusted even if they happen to start like a marker.
 */
export function sniffTransferSyntax(
  bytes: Uint8Array,
  declared: string | undefined,
  nativeLength?: number,
): SniffedFrame {
  const fallback = declared ?? TransferSyntax.ExplicitVrLittleEndian;
  const label = transferSyntaxInfo(fallback);
  if (
    label?.encapsulated === false &&
    nativeLength !== undefined &&
    bytes.length === nativeLength
  ) {
    return { transferSyntaxUid: fallback, bytes };
  }
  const jp2c = jp2Codestream(bytes);
  const codestream = jp2c ?? bytes;
  if (isJ2kCodestream(codestream)) {
    if (hasCapMarker(codestream)) {
      return {
        transferSyntaxUid: hasCodec(fallback, 'htj2k') ? fallback : TransferSyntax.Htj2kLossless,
        bytes: codestream,
      };
    }
    return {
      transferSyntaxUid: isJ2kFamily(fallback) ? fallback : TransferSyntax.Jpeg2000Lossless,
      bytes: codestream,
    };
  }
  const sof = jpegFrameMarker(bytes);
  if (sof === 0xf7) {
    return {
      transferSyntaxUid: hasCodec(fallback, 'jpeg-ls') ? fallback : TransferSyntax.JpegLsLossless,
      bytes,
    };
  }
  // A JPEG label is kept when its process can write this frame marker; otherwise (a wrong label,
  // or image/jpeg whose default is lossless .70) the marker decides: SOF0 baseline, SOF1
  // extended, SOF3 lossless.
  const bySof = sof === undefined ? undefined : JPEG_BY_SOF[sof];
  if (bySof && !bySof.includes(fallback)) return { transferSyntaxUid: bySof[0] ?? fallback, bytes };
  return { transferSyntaxUid: fallback, bytes };
}

function isJ2kCodestream(b: Uint8Array): boolean {
  return b.length > 4 && b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51;
}

/** ISO/IEC 15444-1 A.5: SIZ follows SOC; CAP (FF50) sits in the main header, before the first SOT (FF90). */
function hasCapMarker(b: Uint8Array): boolean {
  let pos = 2;
  while (pos + 4 <= b.length && b[pos] === 0xff) {
    const marker = b[pos + 1] ?? 0;
    if (marker === 0x50) return true;
    if (marker === 0x90 || marker === 0x93 || marker === 0xd9) return false;
    const length = ((b[pos + 2] ?? 0) << 8) | (b[pos + 3] ?? 0);
    pos += 2 + length;
  }
  return false;
}

/** ISO/IEC 15444-1 I.5: a JP2 file is a box sequence; the codestream is the `jp2c` box. */
function jp2Codestream(b: Uint8Array): Uint8Array | undefined {
  const signature = [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20];
  if (b.length < 12 || signature.some((v, i) => b[i] !== v)) return undefined;
  let pos = 0;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  while (pos + 8 <= b.length) {
    let length = view.getUint32(pos);
    const type = view.getUint32(pos + 4);
    let header = 8;
    if (length === 1 && pos + 16 <= b.length) {
      length = Number(view.getBigUint64(pos + 8));
      header = 16;
    } else if (length === 0) {
      length = b.length - pos;
    }
    if (type === 0x6a703263) return b.subarray(pos + header, Math.min(b.length, pos + length));
    if (length < header) return undefined;
    pos += length;
  }
  return undefined;
}

/** The SOFn marker byte of a JPEG stream (ITU-T T.81 B.1.1.3, T.87 for SOF55), skipping APPn/DQT/… segments. */
function jpegFrameMarker(b: Uint8Array): number | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let pos = 2;
  for (let guard = 0; guard < 64 && pos + 4 <= b.length; guard++) {
    if (b[pos] !== 0xff) return undefined;
    const marker = b[pos + 1] ?? 0;
    if (marker === 0xff) {
      pos++;
      continue;
    }
    if (
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xf7
    ) {
      return marker;
    }
    if (marker === 0xda || marker === 0xd9) return undefined;
    pos += 2 + (((b[pos + 2] ?? 0) << 8) | (b[pos + 3] ?? 0));
  }
  return undefined;
}
