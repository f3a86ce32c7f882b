import type { EncapsulatedPixelData, Fragment } from './encapsulated.js';
import { DicomParseError } from './errors.js';

/**
 * Groups the fragments of encapsulated pixel data into frames (PS3.5 §A.4), trying in order:
 * the Extended Offset Table, the Basic Offset Table, one frame, one fragment per frame, then
 * codestream start markers (JPEG/JPEG-LS SOI FFD8, JPEG 2000/HTJ2K SOC FF4F, JP2 signature box).
 */
export function groupFragments(
  pixelData: EncapsulatedPixelData,
  frameCount: number,
  extendedOffsets: readonly number[] | undefined,
  errorOffset: number,
): readonly (readonly Fragment[])[] {
  const { fragments } = pixelData;
  if (fragments.length === 0)
    throw new DicomParseError('Encapsulated pixel data has no fragments', errorOffset);
  if (extendedOffsets !== undefined) {
    const grouped = groupByOffsets(fragments, extendedOffsets, frameCount);
    if (grouped !== undefined) return grouped;
    throw new DicomParseError('Extended Offset Table does not match the fragments', errorOffset);
  }
  const table = pixelData.basicOffsetTable;
  if (table.byteLength >= 4) {
    const view = new DataView(table.buffer, table.byteOffset, table.byteLength);
    const offsets: number[] = [];
    for (let i = 0; i + 4 <= table.byteLength; i += 4) offsets.push(view.getUint32(i, true));
    const grouped = groupByOffsets(fragments, offsets, frameCount);
    if (grouped !== undefined) return grouped;
    // A wrong Basic Offset Table (e.g. one that overflowed 32 bits) is common enough to fall through.
  }
  if (frameCount === 1) return [fragments];
  if (fragments.length === frameCount) return fragments.map((fragment) => [fragment]);
  const starts: number[] = [];
  fragments.forEach((fragment, index) => {
    if (startsCodestream(fragment.bytes)) starts.push(index);
  });
  if (starts.length === frameCount && starts[0] === 0) {
    return starts.map((start, k) => fragments.slice(start, starts[k + 1] ?? fragments.length));
  }
  throw new DicomParseError(
    `Cannot tell which of ${fragments.length} fragments belong to which of ${frameCount} frames`,
    errorOffset,
  );
}

function groupByOffsets(
  fragments: readonly Fragment[],
  offsets: readonly number[],
  frameCount: number,
): Fragment[][] | undefined {
  if (offsets.length !== frameCount || offsets[0] !== 0) return undefined;
  const indexByPosition = new Map<number, number>();
  fragments.forEach((fragment, index) => indexByPosition.set(fragment.position, index));
  const firstIndices: number[] = [];
  for (const offset of offsets) {
    const index = indexByPosition.get(offset);
    const previous = firstIndices[firstIndices.length - 1];
    if (index === undefined || (previous !== undefined && index <= previous)) return undefined;
    firstIndices.push(index);
  }
  return firstIndices.map((first, k) =>
    fragments.slice(first, firstIndices[k + 1] ?? fragments.length),
  );
}

function startsCodestream(bytes: Uint8Array): boolean {
  const [b0, b1, b2, b3, b4, b5, b6, b7] = bytes;
  if (b0 === 0xff && (b1 === 0xd8 || b1 === 0x4f)) return true;
  // JP2 signature box: 0000000C 6A502020.
  return (
    b0 === 0 &&
    b1 === 0 &&
    b2 === 0 &&
    b3 === 0x0c &&
    b4 === 0x6a &&
    b5 === 0x50 &&
    b6 === 0x20 &&
    b7 === 0x20
  );
}

/** One frame's bytes: a view for a single fragment, a joined copy for several. */
export function joinFragments(fragments: readonly Fragment[]): Uint8Array {
  const [only] = fragments;
  if (fragments.length === 1 && only !== undefined) return only.bytes;
  const total = fragments.reduce((sum, fragment) => sum + fragment.bytes.byteLength, 0);
  const joined = new Uint8Array(total);
  let position = 0;
  for (const fragment of fragments) {
    joined.set(fragment.bytes, position);
    position += fragment.bytes.byteLength;
  }
  return joined;
}
