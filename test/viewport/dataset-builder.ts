import type { DicomDataset, EncodedFrame, PixelDataSource, Vr } from '../../src/dicom/dataset.js';

/** A value as a test writes it: text, numbers, raw bytes or sequence items. */
export type PlainValue =
  string | number | readonly (string | number)[] | Uint8Array | readonly DicomDataset[];

const EXPLICIT_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/**
 * Builds a DicomDataset from plain values, independent of the parser under development.
 * `frames` (native little-endian pixel bytes, one per frame) become its pixel data.
 */
export function buildDataset(
  elements: Readonly<Record<number, PlainValue>>,
  frames: readonly Uint8Array[] = [],
  transferSyntaxUid = EXPLICIT_LITTLE_ENDIAN,
): DicomDataset {
  const tags = Object.keys(elements)
    .map(Number)
    .sort((a, b) => a - b);
  const get = (tag: number): PlainValue | undefined => elements[tag];
  const list = (tag: number): (string | number)[] => {
    const value = get(tag);
    if (value === undefined || value instanceof Uint8Array) return [];
    if (Array.isArray(value))
      return (value as (string | number | DicomDataset)[]).filter(
        (v): v is string | number => typeof v !== 'object',
      );
    if (typeof value === 'string') return value.split('\\');
    return [value as number];
  };
  const pixelData: PixelDataSource | undefined =
    frames.length > 0
      ? {
          frameCount: frames.length,
          frame(index): Promise<EncodedFrame> {
            const bytes = frames[index];
            if (!bytes) return Promise.reject(new RangeError(`No frame ${index}`));
            // A fresh copy per request, as a network fetch gives: decoders may transfer (detach) it.
            return Promise.resolve({ bytes: bytes.slice(), transferSyntaxUid });
          },
        }
      : undefined;
  return {
    tags: () => tags,
    has: (tag) => tag in elements,
    vr: (): Vr | undefined => undefined,
    string: (tag) => {
      const value = list(tag)[0];
      return value === undefined ? undefined : String(value).trim();
    },
    strings: (tag) => list(tag).map((v) => String(v).trim()),
    number: (tag) => {
      const value = list(tag)[0];
      return value === undefined ? undefined : Number(value);
    },
    numbers: (tag) => list(tag).map(Number),
    sequence: (tag) => {
      const value = get(tag);
      return Array.isArray(value) && value.every((v) => typeof v === 'object')
        ? (value as DicomDataset[])
        : [];
    },
    bytes: (tag) => {
      const value = get(tag);
      return value instanceof Uint8Array ? value : undefined;
    },
    transferSyntaxUid,
    pixelData,
  };
}

/** Little-endian bytes of a typed array (what native Pixel Data holds). */
export function bytesOf(
  pixels: Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Uint32Array,
): Uint8Array {
  return new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
}

/** Image Pixel module attributes for a grayscale image (PS3.3 C.7.6.3). */
export function grayscaleModule(
  rows: number,
  columns: number,
  bits: number,
  signed: boolean,
  photometric = 'MONOCHROME2',
): Record<number, PlainValue> {
  return {
    0x00280002: 1,
    0x00280004: photometric,
    0x00280010: rows,
    0x00280011: columns,
    0x00280100: bits > 8 ? 16 : 8,
    0x00280101: bits,
    0x00280102: bits - 1,
    0x00280103: signed ? 1 : 0,
  };
}

/** LUT Data as 16-bit little-endian words. */
export function lutBytes(values: readonly number[]): Uint8Array {
  return bytesOf(Uint16Array.from(values));
}
