/**
 * Posters: the decoded pixels of the frame a series was first shown at, kept beside its
 * compressed frames so reopening the series draws its first image without a decode worker,
 * a codec or a compressed read (see PosterRecord in cache-schema.ts). This module turns a
 * DecodedFrame into the fields of a record and back; PersistentTier seals and stores them.
 */
import { levelsToFit, type PreviewFrame } from '../dicom/preview-frame.js';
import type { DecodedFrame, GrayscalePixels } from '../dicom/decoded-frame.js';
import type { SeriesTuple } from './cache-keys.js';
import type { PosterPixelType, PosterRecord, SeriesRecord } from './cache-schema.js';
import { storedSize, type SealedField, type SealedPayload } from './record-seal.js';

/**
 * Frames up to this are kept whole: 8 MiB holds a CT, MR, US or small radiograph slice. Larger
 * ones (a mammogram is ≈ 27 MiB decoded) are kept reduced, as a preview the full decode replaces.
 */
export const MAX_POSTER_BYTES = 8 * 1024 * 1024;
/** A reduced poster has at most this many pixels: 1024², 2 MiB at 16 bits. */
const REDUCED_POSTER_MAX_PIXELS = 1024 * 1024;

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

/** The fields that describe `frame`'s pixels, or undefined when it cannot be kept as a poster. */
export function describePoster(frame: DecodedFrame): PosterDescription | undefined {
  const pixelType = pixelTypeOf(frame.pixels);
  const expected = frame.rows * frame.columns * frame.samplesPerPixel;
  if (!pixelType || frame.pixels.length !== expected) return undefined;
  return {
    rows: frame.rows,
    columns: frame.columns,
    samplesPerPixel: frame.samplesPerPixel,
    bitsStored: frame.bitsStored,
    signed: frame.signed,
    photometricInterpretation: frame.photometricInterpretation,
    // A poster of a lossy image stays labelled lossy when it is drawn from the disk.
    ...(frame.lossy === true ? { lossy: true } : {}),
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
  description: PosterDescription & Pick<PosterRecord, 'scale' | 'fullRows' | 'fullColumns'>,
  bytes: Uint8Array,
): DecodedFrame | PreviewFrame | undefined {
  const type = PIXEL_TYPES[description.pixelType];
  const length = description.rows * description.columns * description.samplesPerPixel;
  const { buffer } = bytes;
  if (!(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0) return undefined;
  if (bytes.byteLength !== length * type.BYTES_PER_ELEMENT) return undefined;
  const frame: DecodedFrame = {
    rows: description.rows,
    columns: description.columns,
    samplesPerPixel: description.samplesPerPixel,
    bitsStored: description.bitsStored,
    signed: description.signed,
    photometricInterpretation: description.photometricInterpretation,
    ...(description.lossy === true ? { lossy: true } : {}),
    pixels: new type(buffer, 0, length),
  };
  const { scale = 1, fullRows = frame.rows, fullColumns = frame.columns } = description;
  if (scale === 1) return frame;
  // A reduced poster: a preview of the image, as a reduced JPEG 2000 decode would be.
  return {
    ...frame,
    resolutionLevel: Math.log2(scale),
    scale,
    fullRows,
    fullColumns,
    partial: false,
  };
}

/** The record that keeps a poster of `series`, bound to its stored metadata and patient. */
export function posterRecord(
  series: SeriesTuple,
  description: PosterDescription & Pick<PosterRecord, 'scale' | 'fullRows' | 'fullColumns'>,
  fields: {
    readonly seriesRecord: SeriesRecord;
    readonly sealed: SealedPayload;
    readonly ref: SealedField;
    readonly keyCheck: string;
    readonly now: number;
  },
): PosterRecord {
  const { seriesRecord, sealed, ref, keyCheck, now } = fields;
  return {
    key: series,
    ref,
    ...description,
    seriesDigest: seriesRecord.digest,
    keyCheck,
    patient: seriesRecord.patient,
    scope: seriesRecord.scope,
    ...sealed,
    storedAt: now,
    accessedAt: now,
    size: storedSize(sealed),
  };
}

/** A poster's frame reference as sealed in its record, and back. */
export function posterRefText(ref: PosterFrameRef): string {
  return JSON.stringify([ref.sopInstanceUid, ref.frame]);
}

export function posterRefOf(text: string | undefined): PosterFrameRef | undefined {
  if (text === undefined) return undefined;
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return undefined;
  const [sopInstanceUid, frame] = parsed as unknown[];
  return typeof sopInstanceUid === 'string' && typeof frame === 'number'
    ? { sopInstanceUid, frame }
    : undefined;
}

/** What a poster keeps of a frame: the frame itself, or reduced `scale` times each way. */
export interface PosterImage {
  readonly frame: DecodedFrame;
  /** 1 for the frame itself, else a power of two. */
  readonly scale: number;
}

/**
 * The poster of a frame on screen: itself up to `maxBytes`, else the mean of each 2^k × 2^k
 * block (per sample) at the first k that fits 1024² pixels — shown as a preview, never as the
 * image, until the full decode replaces it.
 */
export function posterImage(frame: DecodedFrame, maxBytes = MAX_POSTER_BYTES): PosterImage {
  if (frame.pixels.byteLength <= maxBytes) return { frame, scale: 1 };
  const scale =
    2 ** Math.max(1, levelsToFit(frame.rows * frame.columns, REDUCED_POSTER_MAX_PIXELS));
  return { frame: blockMeans(frame, scale), scale };
}

function blockMeans(frame: DecodedFrame, scale: number): DecodedFrame {
  const { rows, columns, samplesPerPixel: samples, pixels } = frame;
  const outRows = Math.ceil(rows / scale);
  const outColumns = Math.ceil(columns / scale);
  const sums = new Float64Array(outColumns * samples);
  const counts = new Float64Array(outColumns);
  const out = new (pixels.constructor as new (length: number) => GrayscalePixels)(
    outRows * outColumns * samples,
  );
  const integer = !(pixels instanceof Float32Array || pixels instanceof Float64Array);
  for (let outRow = 0; outRow < outRows; outRow++) {
    sums.fill(0);
    counts.fill(0);
    const last = Math.min(rows, (outRow + 1) * scale);
    for (let row = outRow * scale; row < last; row++) {
      let at = row * columns * samples;
      for (let column = 0; column < columns; column++) {
        const outColumn = (column / scale) | 0;
        counts[outColumn] = (counts[outColumn] ?? 0) + 1;
        for (let sample = 0; sample < samples; sample++, at++) {
          const index = outColumn * samples + sample;
          sums[index] = (sums[index] ?? 0) + (pixels[at] ?? 0);
        }
      }
    }
    const base = outRow * outColumns * samples;
    for (let index = 0; index < outColumns * samples; index++) {
      const mean = (sums[index] ?? 0) / (counts[(index / samples) | 0] ?? 1);
      out[base + index] = integer ? Math.round(mean) : mean;
    }
  }
  return { ...frame, rows: outRows, columns: outColumns, pixels: out };
}
