/**
 * Which transfer syntax a WADO-RS frame part is in (PS3.18 8.7.3.5 / 8.7.4,
 * Table 8.7.3-5): the `transfer-syntax` parameter when present, else the
 * media type's default — then corrected by the codestream's own markers,
 * because some servers mislabel (Orthanc 1.10 sends HTJ2K frames as
 * application/octet-stream, i.e. as if uncompressed).
 */
import { parseContentType } from './content-type.js';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
export const JPEG_EXTENDED = '1.2.840.10008.1.2.4.51';
export const JPEG_LOSSLESS = '1.2.840.10008.1.2.4.57';
export const JPEG_LOSSLESS_SV1 = '1.2.840.10008.1.2.4.70';
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
export const JPEG_LS_NEAR_LOSSLESS = '1.2.840.10008.1.2.4.81';
export const JPEG_2000_LOSSLESS = '1.2.840.10008.1.2.4.90';
export const JPEG_2000 = '1.2.840.10008.1.2.4.91';
export const HTJ2K_LOSSLESS = '1.2.840.10008.1.2.4.201';
export const HTJ2K_LOSSLESS_RPCL = '1.2.840.10008.1.2.4.202';
export const HTJ2K = '1.2.840.10008.1.2.4.203';
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/** Ask for the stored bytes, whatever their syntax (PS3.18 8.7.3.5.2: `*` = no transcoding). */
export const ACCEPT_ANY_FRAME =
  'multipart/related; type="application/octet-stream"; transfer-syntax=*';
/** The fallback every origin server must support (PS3.18 8.7.3.5.2). */
export const ACCEPT_UNCOMPRESSED_FRAME = 'multipart/related; type="application/octet-stream"';

const MEDIA_TYPE_DEFAULTS: Readonly<Record<string, string>> = {
  'application/octet-stream': EXPLICIT_VR_LITTLE_ENDIAN,
  'image/jpeg': JPEG_BASELINE,
  'image/jls': JPEG_LS_LOSSLESS,
  'image/x-jls': JPEG_LS_LOSSLESS,
  'image/jp2': JPEG_2000_LOSSLESS,
  'image/j2c': JPEG_2000_LOSSLESS,
  'image/jpx': '1.2.840.10008.1.2.4.92',
  'image/jphc': HTJ2K_LOSSLESS,
  'image/dicom-rle': RLE_LOSSLESS,
  'image/x-dicom-rle': RLE_LOSSLESS,
};

/** The syntax a part's Content-Type declares (`undefined` when the media type says nothing we know). */
export function declaredTransferSyntax(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const parsed = parseContentType(contentType);
  const explicit = parsed.parameters.get('transfer-syntax');
  if (explicit && explicit !== '*') return explicit;
  return MEDIA_TYPE_DEFAULTS[parsed.mediaType];
}

const J2K_FAMILY = new Set([
  JPEG_2000_LOSSLESS,
  JPEG_2000,
  '1.2.840.10008.1.2.4.92',
  '1.2.840.10008.1.2.4.93',
]);
const HTJ2K_FAMILY = new Set([HTJ2K_LOSSLESS, HTJ2K_LOSSLESS_RPCL, HTJ2K]);
const JPEG_LS_FAMILY = new Set([JPEG_LS_LOSSLESS, JPEG_LS_NEAR_LOSSLESS]);
const JPEG_FAMILY = new Set([JPEG_BASELINE, JPEG_EXTENDED, JPEG_LOSSLESS, JPEG_LOSSLESS_SV1]);

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
  const fallback = declared ?? EXPLICIT_VR_LITTLE_ENDIAN;
  const uncompressedLabel =
    fallback.startsWith('1.2.840.10008.1.2') &&
    !fallback.startsWith('1.2.840.10008.1.2.4') &&
    fallback !== RLE_LOSSLESS;
  if (uncompressedLabel && nativeLength !== undefined && bytes.length === nativeLength) {
    return { transferSyntaxUid: fallback, bytes };
  }
  const jp2c = jp2Codestream(bytes);
  const codestream = jp2c ?? bytes;
  if (isJ2kCodestream(codestream)) {
    if (hasCapMarker(codestream)) {
      return {
        transferSyntaxUid: HTJ2K_FAMILY.has(fallback) ? fallback : HTJ2K_LOSSLESS,
        bytes: codestream,
      };
    }
    return {
      transferSyntaxUid: J2K_FAMILY.has(fallback) ? fallback : JPEG_2000_LOSSLESS,
      bytes: codestream,
    };
  }
  const sof = jpegFrameMarker(bytes);
  if (sof === 0xf7) {
    return { transferSyntaxUid: JPEG_LS_FAMILY.has(fallback) ? fallback : JPEG_LS_LOSSLESS, bytes };
  }
  if (sof !== undefined && !JPEG_FAMILY.has(fallback)) {
    const bySof: Record<number, string> = {
      0xc0: JPEG_BASELINE,
      0xc1: JPEG_EXTENDED,
      0xc3: JPEG_LOSSLESS,
    };
    const uid = bySof[sof];
    if (uid) return { transferSyntaxUid: uid, bytes };
  }
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
