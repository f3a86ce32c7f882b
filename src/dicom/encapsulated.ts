import { DicomParseError } from './errors.js';
import { ITEM_TAG, SEQUENCE_DELIMITATION_TAG, UNDEFINED_LENGTH } from './item-tags.js';

/** One fragment (item) of encapsulated pixel data. */
export interface Fragment {
  /** Offset of the item tag from the first fragment's item tag: what offset tables count (PS3.5 §A.4). */
  readonly position: number;
  readonly bytes: Uint8Array;
}

/** Encapsulated Pixel Data (PS3.5 §A.4): the Basic Offset Table item, then fragments. */
export interface EncapsulatedPixelData {
  readonly basicOffsetTable: Uint8Array;
  readonly fragments: readonly Fragment[];
}

/**
 * Reads the items of encapsulated pixel data starting at `start` (just after the element header)
 * up to and including the sequence delimiter (or the end of the data, when it falls between items).
 * Items are always little endian (PS3.5 §A.4).
 */
export function readEncapsulated(
  bytes: Uint8Array,
  start: number,
  end: number,
): {
  readonly pixelData: EncapsulatedPixelData;
  /** Where the items end (the delimiter's offset, when there is one). */
  readonly valueEnd: number;
  readonly end: number;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = start;
  let basicOffsetTable: Uint8Array | undefined;
  let firstFragmentStart = 0;
  const fragments: Fragment[] = [];
  for (;;) {
    // A file cut just before its delimiter, after complete items (pydicom-data's
    // emri_small_jpeg_2k_lossless_too_short.dcm): every fragment is whole, so read them, as DCMTK
    // and pydicom do (with a warning). Anything cut mid-item still fails below.
    if (position === end && basicOffsetTable !== undefined)
      return { pixelData: { basicOffsetTable, fragments }, valueEnd: end, end };
    if (end - position < 8) {
      throw new DicomParseError(
        'Encapsulated pixel data ends without a sequence delimiter',
        position,
      );
    }
    const tag = ((view.getUint16(position, true) << 16) | view.getUint16(position + 2, true)) >>> 0;
    const length = view.getUint32(position + 4, true);
    if (tag === SEQUENCE_DELIMITATION_TAG)
      return {
        pixelData: { basicOffsetTable: basicOffsetTable ?? new Uint8Array(0), fragments },
        valueEnd: position,
        end: position + 8,
      };
    if (tag !== ITEM_TAG) {
      throw new DicomParseError(
        `Expected an item tag in encapsulated pixel data, found ${formatTag(tag)}`,
        position,
      );
    }
    if (length === UNDEFINED_LENGTH || length > end - position - 8) {
      throw new DicomParseError(
        `Fragment length ${length} runs past the end of the data`,
        position + 4,
      );
    }
    const value = bytes.subarray(position + 8, position + 8 + length);
    if (basicOffsetTable === undefined) {
      basicOffsetTable = value;
      firstFragmentStart = position + 8 + length;
    } else {
      fragments.push({ position: position - firstFragmentStart, bytes: value });
    }
    position += 8 + length;
  }
}

export function formatTag(tag: number): string {
  const hex = (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}
