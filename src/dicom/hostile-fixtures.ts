import {
  BitsAllocated,
  BitsStored,
  Columns,
  HighBit,
  NumberOfFrames,
  PhotometricInterpretation,
  PixelData,
  PixelRepresentation,
  Rows,
  SamplesPerPixel,
  TransferSyntaxUID,
} from './tags.generated.js';
import { UNDEFINED_LENGTH } from './item-tags.js';

/**
 * Hostile Part 10 files made in the test, byte by byte, independent of the parser (tests only):
 * lying frame counts and sizes, encapsulated pixel data, deflate bombs.
 */
const LONG_VRS = new Set(['OB', 'OW', 'OF', 'OD', 'OL', 'OV', 'SQ', 'UN', 'UC', 'UR', 'UT']);

/** One explicit VR little endian element (PS3.5 §7.1.2); `length` overrides the value's (a lie). */
export function element(tag: number, vr: string, value: Uint8Array, length?: number): Uint8Array {
  const long = LONG_VRS.has(vr);
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, tag >>> 16, true);
  view.setUint16(2, tag & 0xffff, true);
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, length ?? value.length, true);
  else view.setUint16(6, length ?? value.length, true);
  return concat([header, value]);
}

export function text(value: string): Uint8Array {
  const padded = value.length % 2 === 0 ? value : `${value}\0`;
  return new TextEncoder().encode(padded);
}

export function us(value: number): Uint8Array {
  const bytes = new Uint8Array(2);
  new DataView(bytes.buffer).setUint16(0, value, true);
  return bytes;
}

/** Preamble, "DICM" and a meta header naming `transferSyntaxUid`, then `body` as is. */
export function part10(transferSyntaxUid: string, body: Uint8Array): Uint8Array {
  return concat([
    new Uint8Array(128),
    text('DICM'),
    element(TransferSyntaxUID, 'UI', text(transferSyntaxUid)),
    body,
  ]);
}

/** Native 16-bit monochrome pixel data declaring `frames` frames of `rows` × `columns`. */
export function nativeImage(frames: number, rows: number, columns: number, payload: number) {
  return concat([
    element(SamplesPerPixel, 'US', us(1)),
    element(PhotometricInterpretation, 'CS', text('MONOCHROME2')),
    element(NumberOfFrames, 'IS', text(String(frames))),
    element(Rows, 'US', us(rows)),
    element(Columns, 'US', us(columns)),
    element(BitsAllocated, 'US', us(16)),
    element(BitsStored, 'US', us(16)),
    element(HighBit, 'US', us(15)),
    element(PixelRepresentation, 'US', us(0)),
    element(PixelData, 'OW', new Uint8Array(payload)),
  ]);
}

/** Encapsulated pixel data (PS3.5 §A.4): an empty Basic Offset Table, then `fragments`. */
export function encapsulatedPixelData(fragments: readonly Uint8Array[]): Uint8Array {
  const item = (value: Uint8Array): Uint8Array => {
    const header = new Uint8Array(8);
    const view = new DataView(header.buffer);
    view.setUint16(0, 0xfffe, true);
    view.setUint16(2, 0xe000, true);
    view.setUint32(4, value.length, true);
    return concat([header, value]);
  };
  const delimiter = new Uint8Array([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  const header = element(PixelData, 'OB', new Uint8Array(0), UNDEFINED_LENGTH);
  return concat([header, item(new Uint8Array(0)), ...fragments.map(item), delimiter]);
}

/**
 * A raw deflate stream (RFC 1951) inflating to `outputBytes` zero bytes at ~159:1: one
 * fixed-Huffman block (§3.2.6) of a literal 0, then matches of length 258 at distance 1.
 */
export function deflateBomb(outputBytes: number): Uint8Array {
  const matches = Math.floor((outputBytes - 1) / 258);
  const out = new Uint8Array(Math.ceil((3 + 8 + matches * 13 + 7) / 8) + 1);
  let bit = 0;
  const put = (one: number): void => {
    if (one) out[bit >>> 3] = (out[bit >>> 3] ?? 0) | (1 << (bit & 7));
    bit++;
  };
  // Header fields go least significant bit first, Huffman codes most significant first (§3.1.1).
  const bits = (value: number, count: number): void => {
    for (let i = 0; i < count; i++) put((value >>> i) & 1);
  };
  const code = (value: number, count: number): void => {
    for (let i = count - 1; i >= 0; i--) put((value >>> i) & 1);
  };
  bits(1, 1); // BFINAL
  bits(1, 2); // BTYPE 01: fixed Huffman codes
  code(0x30, 8); // literal 0
  for (let i = 0; i < matches; i++) {
    code(0xc5, 8); // length code 285: 258 bytes
    code(0, 5); // distance code 0: distance 1
  }
  code(0, 7); // end of block (256)
  return out.subarray(0, Math.ceil(bit / 8));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
