/**
 * Posters: the decoded pixels of the frame a series was first shown at, kept beside its
 * compressed frames so reopening the series draws its first image without a decode worker,
 * a codec or a compressed read (see PosterRecord in cache-schema.ts). This module turns a
 * DecodedFrame into the fields of a record and back; PersistentTier seals and stores them.
 */
import type { DecodedFrame, GrayscalePixels } from '../dicom/decoded-frame.js';
import type { SeriesTuple } from './cache-keys.js';
import type { PosterPixelType, PosterRecord, SeriesRecord } from './cache-schema.js';
import { looksOpenable, storedSize, type SealedPayload } from './record-seal.js';

/**
 * Frames above this are not kept as posters: 8 MiB holds a CT, MR, US or small radiograph
 * slice. A mammogram (≈ 27 MiB decoded) would cost more disk per view than its codestream.
 */
export const MAX_POSTER_BYTES = 8 * 1024 * 1024;

const PIXEL_TYPES = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const satisfies Record<PosterPixelType, unknown>;

/** Which frame of its series a poster shows. */
export interface PosterFrameRef {
  readonly sopInstanceUid: string;
  /** 1-based. */
  readonly frame: number;
}

/** A poster's pixels described: the DecodedFrame's fields and the type of its pixel array. */
export type PosterDescription = Omit<DecodedFrame, 'pixels'> & Pick<PosterRecord, 'pixelType'>;

function pixelTypeOf(pixels: GrayscalePixels): PosterPixelType | undefined {
  for (const [name, type] of Object.entries(PIXEL_TYPES))
    if (pixels instanceof type) return name as PosterPixelType;
  return undefined;
}

/** The fields that describe `frame`'s pixels, or undefined when it is not kept as a poster. */
export function describePoster(frame: DecodedFrame): PosterDescription | undefined {
  const pixelType = pixelTypeOf(frame.pixels);
  const expected = frame.rows * frame.columns * frame.samplesPerPixel;
  if (!pixelType || frame.pixels.length !== expected) return undefined;
  if (frame.pixels.byteLength > MAX_POSTER_BYTES) return undefined;
  return {
    rows: frame.rows,
    columns: frame.columns,
    samplesPerPixel: frame.samplesPerPixel,
    bitsStored: frame.bitsStored,
    signed: frame.signed,
    photometricInterpretation: frame.photometricInterpretation,
    pixelType,
  };
}

/** The bytes a poster seals: the pixels as they lie in memory (a view, not a copy). */
export function posterBytes(frame: DecodedFrame): Uint8Array {
  const { buffer, byteOffset, byteLength } = frame.pixels;
  return new Uint8Array(buffer, byteOffset, byteLength);
}

/**
 * The frame a poster's opened payload holds, or undefined when its length does not match its
 * description (then it is treated as corrupt). `bytes` must own its buffer from offset 0.
 */
export function posterFrame(
  description: PosterDescription,
  bytes: Uint8Array,
): DecodedFrame | undefined {
  const type = PIXEL_TYPES[description.pixelType];
  const length = description.rows * description.columns * description.samplesPerPixel;
  const { buffer } = bytes;
  if (!(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0) return undefined;
  if (bytes.byteLength !== length * type.BYTES_PER_ELEMENT) return undefined;
  return {
    rows: description.rows,
    columns: description.columns,
    samplesPerPixel: description.samplesPerPixel,
    bitsStored: description.bitsStored,
    signed: description.signed,
    photometricInterpretation: description.photometricInterpretation,
    pixels: new type(buffer, 0, length),
  };
}

/**
 * Whether a stored poster can stand for its series now: drawn under the series metadata stored
 * (`seriesHash`), sealed under the current key, fetched after `freshAfter`, of the stored length
 * its pixels imply. Its payload's hash and decryption are checked when it is opened.
 */
export function posterOpens(
  poster: PosterRecord,
  series: SeriesRecord,
  keyCheck: string | null,
  freshAfter: number,
  key: CryptoKey | undefined,
): boolean {
  return (
    poster.seriesHash === series.sha256 &&
    poster.keyCheck === keyCheck &&
    poster.storedAt > freshAfter &&
    looksOpenable(poster, key)
  );
}

/** The record that keeps a poster of `series`, bound to its stored metadata and patient. */
export function posterRecord(
  series: SeriesTuple,
  ref: PosterFrameRef,
  description: PosterDescription,
  fields: {
    readonly seriesRecord: SeriesRecord;
    readonly sealed: SealedPayload;
    readonly keyCheck: string | null;
    readonly now: number;
  },
): PosterRecord {
  const { seriesRecord, sealed, keyCheck, now } = fields;
  return {
    key: series,
    // Picked, not spread: a caller's FrameKey also names the server as given.
    sopInstanceUid: ref.sopInstanceUid,
    frame: ref.frame,
    ...description,
    seriesHash: seriesRecord.sha256,
    keyCheck,
    patient: seriesRecord.patient,
    ...sealed,
    storedAt: now,
    accessedAt: now,
    size: storedSize(sealed),
  };
}
