/**
 * Mutations of DICOM files and codestreams as fast-check arbitraries: what a hostile file or
 * a broken disk does to bytes. Each arbitrary yields the mutated copy; fast-check's shrinking
 * and its seed make a failure small and replayable.
 */
import fc from 'fast-check';

/** Little-endian (group, element) tag bytes of `tag` at each offset where they occur. */
export function tagOffsets(bytes: Uint8Array, tag: number, limit = 64): number[] {
  const g0 = (tag >>> 16) & 0xff;
  const g1 = tag >>> 24;
  const e0 = tag & 0xff;
  const e1 = (tag >>> 8) & 0xff;
  const found: number[] = [];
  for (let i = 0; i + 3 < bytes.length && found.length < limit; i++) {
    if (bytes[i] === g0 && bytes[i + 1] === g1 && bytes[i + 2] === e0 && bytes[i + 3] === e1)
      found.push(i);
  }
  return found;
}

/** Offsets of big-endian 0xFFxx markers (JPEG, JPEG-LS, JPEG 2000 segments). */
export function markerOffsets(bytes: Uint8Array, limit = 256): number[] {
  const found: number[] = [];
  for (let i = 0; i + 3 < bytes.length && found.length < limit; i++) {
    const next = bytes[i + 1] ?? 0;
    if (bytes[i] === 0xff && next !== 0x00 && next !== 0xff) found.push(i);
  }
  return found;
}

const LIES = [0xffffffff, 0xfffffffe, 0x7fffffff, 0x80000000, 0x10000, 0xffff, 0] as const;

export function truncated(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.integer({ min: 0, max: original.length - 1 }).map((cut) => original.slice(0, cut));
}

export function flipped(original: Uint8Array, maxFlips = 8): fc.Arbitrary<Uint8Array> {
  const flip = fc.tuple(
    fc.integer({ min: 0, max: original.length - 1 }),
    fc.integer({ min: 1, max: 255 }),
  );
  return fc.array(flip, { minLength: 1, maxLength: maxFlips }).map((flips) => {
    const bytes = original.slice();
    for (const [at, mask] of flips) bytes[at] = (bytes[at] ?? 0) ^ mask;
    return bytes;
  });
}

/** A 16- or 32-bit field at `offsets` (or anywhere) rewritten with a lie, in either byte order. */
export function lyingField(
  original: Uint8Array,
  offsets: readonly number[] = [],
): fc.Arbitrary<Uint8Array> {
  const at =
    offsets.length > 0
      ? fc.constantFrom(...offsets)
      : fc.integer({ min: 0, max: Math.max(0, original.length - 4) });
  const value = fc.oneof(
    fc.constantFrom(...LIES),
    fc.constant(original.length),
    fc.constant(original.length * 2),
    fc.integer({ min: 0, max: 0xffffffff }),
  );
  return fc
    .tuple(at, value, fc.constantFrom(2, 4), fc.boolean())
    .map(([offset, lie, width, littleEndian]) => {
      const bytes = original.slice();
      if (offset + width > bytes.length) return bytes;
      const view = new DataView(bytes.buffer);
      if (width === 2) view.setUint16(offset, lie & 0xffff, littleEndian);
      else view.setUint32(offset, lie >>> 0, littleEndian);
      return bytes;
    });
}

/**
 * Length fields of a Part 10 file that lie: item lengths (FFFE,E000), which carry sequence
 * items, offset tables and pixel data fragments, and the 32-bit length after any tag.
 */
export function lyingLengths(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const items = tagOffsets(original, 0xfffee000).map((at) => at + 4);
  const anyTag = fc
    .integer({ min: 132, max: Math.max(132, original.length - 12) })
    .map((at) => at - (at % 2));
  return fc.oneof(
    items.length > 0 ? lyingField(original, items) : lyingField(original),
    anyTag.chain((at) => lyingField(original, [at + 4, at + 6, at + 8])),
  );
}

/**
 * Image dimensions that lie: Rows, Columns, Number of Frames, Bits Allocated and Samples per
 * Pixel set to extreme values (the value follows the 8-byte explicit VR header).
 */
export function lyingDimensions(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const us = [0x00280010, 0x00280011, 0x00280100, 0x00280002].flatMap((tag) =>
    tagOffsets(original, tag).map((at) => at + 8),
  );
  const frames = tagOffsets(original, 0x00280008).map((at) => at + 8);
  const options: fc.Arbitrary<Uint8Array>[] = [];
  if (us.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...us), fc.constantFrom(0, 1, 3, 255, 4096, 32768, 65535))
        .map(([at, value]) => {
          const bytes = original.slice();
          new DataView(bytes.buffer).setUint16(at, value, true);
          return bytes;
        }),
    );
  }
  if (frames.length > 0) {
    options.push(
      fc
        .tuple(
          fc.constantFrom(...frames),
          fc.constantFrom('0 ', '-1', '5000000 ', '99999999', 'x '),
        )
        .map(([at, text]) => {
          const bytes = original.slice();
          for (let i = 0; i < text.length && at + i < bytes.length; i++)
            bytes[at + i] = text.charCodeAt(i);
          return bytes;
        }),
    );
  }
  return options.length > 0 ? fc.oneof(...options) : flipped(original);
}

/**
 * Offset tables that lie (PS3.5 §A.4): Basic Offset Table entries (the first item after an
 * encapsulated Pixel Data header) and Extended Offset Table values, set past the end, out of
 * order or to zero.
 */
export function lyingOffsetTables(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const entries: number[] = [];
  const view = new DataView(original.buffer, original.byteOffset, original.byteLength);
  for (const at of tagOffsets(original, 0x7fe00010)) {
    // OB, undefined length, then the Basic Offset Table item: tag (4) and length (4).
    if (at + 20 > original.length || view.getUint32(at + 8, true) !== 0xffffffff) continue;
    const length = view.getUint32(at + 16, true);
    for (let i = 0; i < length && i < 64 && at + 20 + i + 4 <= original.length; i += 4)
      entries.push(at + 20 + i);
  }
  for (const at of tagOffsets(original, 0x7fe00001)) {
    for (let i = 0; i < 8 && at + 12 + 8 * i + 4 <= original.length; i++)
      entries.push(at + 12 + 8 * i);
  }
  return entries.length > 0 ? lyingField(original, entries) : lyingLengths(original);
}

/** A marker segment's length (the 16 bits after a 0xFFxx marker) set to a lie. */
export function lyingSegments(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const markers = markerOffsets(original).map((at) => at + 2);
  return markers.length > 0 ? lyingField(original, markers) : flipped(original);
}

/** Any of the mutations above, weighted towards the structural ones. */
export function mutatedFile(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(
    truncated(original),
    flipped(original),
    lyingLengths(original),
    lyingOffsetTables(original),
    lyingDimensions(original),
  );
}

export function mutatedCodestream(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.oneof(truncated(original), flipped(original), lyingSegments(original));
}
