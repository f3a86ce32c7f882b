import { DecodeError } from '../dicom/errors.js';

export interface JpegFrameHeader {
  /** SOF marker code: 0xC0 baseline … 0xC3 lossless, 0xF7 JPEG-LS (ISO 14495-1 SOF55). */
  readonly marker: number;
  readonly precision: number;
  readonly height: number;
  readonly width: number;
  readonly components: number;
}

/**
 * Walks the marker segments of an ISO 10918-1 / 14495-1 codestream up to the first SOF.
 * Used to check the data set's Rows/Columns before a decoder allocates anything.
 */
export function readJpegFrameHeader(bytes: Uint8Array, codec: string): JpegFrameHeader {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    throw new DecodeError(`${codec}: codestream does not start with SOI`);
  }
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff)
      throw new DecodeError(`${codec}: expected a marker at byte ${offset}`);
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte, ISO 10918-1 B.1.1.2
      continue;
    }
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    if (length < 2) throw new DecodeError(`${codec}: marker segment of length ${length}`);
    const isSof =
      (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) ||
      marker === 0xf7;
    if (isSof) {
      if (offset + 10 > bytes.length) break;
      const at = offset + 4;
      return {
        marker,
        precision: bytes[at] ?? 0,
        height: ((bytes[at + 1] ?? 0) << 8) | (bytes[at + 2] ?? 0),
        width: ((bytes[at + 3] ?? 0) << 8) | (bytes[at + 4] ?? 0),
        components: bytes[at + 5] ?? 0,
      };
    }
    if (marker === 0xda || marker === 0xd9) break;
    offset += 2 + length;
  }
  throw new DecodeError(`${codec}: no frame header (SOF) found`);
}

/** Bytes after EOI a writer may leave: DICOM pads fragments to even length (PS3.5 A.4). */
const MAX_TRAILING_PAD = 16;

/**
 * Throws DecodeError unless the codestream ends with EOI (ISO 10918-1 B.2.1, ISO 14495-1 C.1),
 * allowing a few trailing pad or fill bytes (0x00, 0xFF). libjpeg-turbo and
 * jpeg-lossless-decoder-js decode a codestream cut in half "successfully", the missing rows
 * grey or zero: a truncated frame must be an error, not a plausible whole image. EOI cannot
 * occur inside entropy-coded data (0xFF there is followed by 0x00, or in JPEG-LS by a byte
 * below 0x80), so its presence at the end is a sound completeness test.
 */
export function assertEndsWithEoi(bytes: Uint8Array, codec: string): void {
  let end = bytes.length;
  const floor = Math.max(0, bytes.length - MAX_TRAILING_PAD);
  while (end > floor && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0xff)) end -= 1;
  if (end >= 4 && bytes[end - 2] === 0xff && bytes[end - 1] === 0xd9) return;
  // An odd codestream padded to an even fragment (PS3.5 A.4) with a byte of any value: Orthanc
  // 1.10 transcoding to JPEG-LS near-lossless through DCMTK leaves an uninitialised one there.
  const length = bytes.length;
  if (length >= 5 && length % 2 === 0 && bytes[length - 3] === 0xff && bytes[length - 2] === 0xd9)
    return;
  throw new DecodeError(`${codec}: the codestream is truncated (no EOI marker at its end)`);
}
