import type { Vr } from './dataset.js';
import { binaryWordSize } from './vr.js';

/** A Person Name value split into its component groups (PS3.5 §6.2.1.1). */
export interface PersonName {
  readonly alphabetic: string;
  readonly ideographic?: string;
  readonly phonetic?: string;
}

/** PS3.5 §6.2: leading spaces are significant only in these (and trailing ones nowhere). */
const KEEP_LEADING_SPACE: ReadonlySet<Vr> = new Set<Vr>(['LT', 'ST', 'UT', 'UC', 'PN']);

/** Removes DICOM padding: trailing spaces (and NUL for UI, PS3.5 §9.1), leading spaces where insignificant. */
export function trimValue(text: string, vr: Vr): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0)) end--;
  let start = 0;
  if (!KEEP_LEADING_SPACE.has(vr)) {
    while (start < end && text.charCodeAt(start) === 0x20) start++;
  }
  return text.slice(start, end);
}

export function parsePersonName(text: string): PersonName {
  const [alphabetic = '', ideographic, phonetic] = text.split('=');
  return {
    alphabetic,
    ...(ideographic !== undefined && ideographic !== '' ? { ideographic } : {}),
    ...(phonetic !== undefined && phonetic !== '' ? { phonetic } : {}),
  };
}

/** Decimal string and integer string values (PS3.5 §6.2), undefined when not a number. */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return Number.isNaN(value) ? undefined : value;
}

/** Binary numeric values of an element (US, SS … and the OW/OL/OF/OD/OV streams, AT as tags). */
export function readBinaryNumbers(value: Uint8Array, vr: Vr, littleEndian: boolean): number[] {
  const size = binaryWordSize(vr);
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const count = Math.floor(value.byteLength / size);
  const result = new Array<number>(count);
  for (let i = 0; i < count; i++) result[i] = readOne(view, i * size, vr, littleEndian);
  if (vr === 'AT') {
    const tags: number[] = [];
    for (let i = 0; i + 1 < count; i += 2)
      tags.push((((result[i] ?? 0) << 16) | (result[i + 1] ?? 0)) >>> 0);
    return tags;
  }
  return result;
}

function readOne(view: DataView, offset: number, vr: Vr, le: boolean): number {
  switch (vr) {
    case 'SS':
      return view.getInt16(offset, le);
    case 'US':
    case 'OW':
    case 'AT':
      return view.getUint16(offset, le);
    case 'SL':
      return view.getInt32(offset, le);
    case 'UL':
    case 'OL':
      return view.getUint32(offset, le);
    case 'FL':
    case 'OF':
      return view.getFloat32(offset, le);
    case 'FD':
    case 'OD':
      return view.getFloat64(offset, le);
    case 'SV':
      return Number(view.getBigInt64(offset, le));
    case 'UV':
    case 'OV':
      return Number(view.getBigUint64(offset, le));
    default:
      return view.getUint8(offset);
  }
}

/** A little endian copy of big endian words (PS3.5 §7.3), or the same bytes when nothing to swap. */
export function toLittleEndian(value: Uint8Array, wordSize: number): Uint8Array {
  if (wordSize <= 1) return value;
  const copy = new Uint8Array(value.byteLength - (value.byteLength % wordSize));
  for (let word = 0; word < copy.length; word += wordSize) {
    for (let k = 0; k < wordSize; k++) copy[word + k] = value[word + wordSize - 1 - k] ?? 0;
  }
  return copy;
}

export function formatAttributeTag(tag: number): string {
  return (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
}
