import type { Vr } from './dataset.js';
import type { EncapsulatedPixelData } from './encapsulated.js';

/** One data element as read from Part 10 bytes; values stay views on the input (no copy). */
export interface ParsedElement {
  readonly tag: number;
  readonly vr: Vr;
  /**
   * Value bytes as stored, in the byte order of `littleEndian`. Empty for sequences; for encapsulated
   * pixel data, all its items without the sequence delimiter (as pydicom and DICOM JSON hold it).
   */
  readonly value: Uint8Array;
  /** Byte offset of the value in the input, for error messages. */
  readonly offset: number;
  /** False only for explicit VR big endian values (PS3.5 §7.3). */
  readonly littleEndian: boolean;
  /** Items of an SQ (or of a UN of undefined length, PS3.5 §6.2.2). */
  readonly items?: readonly ParsedItem[];
  /** Fragments of encapsulated Pixel Data (PS3.5 §A.4). */
  readonly encapsulated?: EncapsulatedPixelData;
}

/** A sequence item: its elements by tag. */
export type ParsedItem = ReadonlyMap<number, ParsedElement>;
