import type { DicomDataset } from '../dicom/dataset.js';
import { DecodeError } from '../dicom/errors.js';
import type { PaletteLuts } from './pixel-module.js';
import {
  BluePaletteColorLookupTableData,
  BluePaletteColorLookupTableDescriptor,
  GreenPaletteColorLookupTableData,
  GreenPaletteColorLookupTableDescriptor,
  RedPaletteColorLookupTableData,
  RedPaletteColorLookupTableDescriptor,
  SegmentedBluePaletteColorLookupTableData,
  SegmentedGreenPaletteColorLookupTableData,
  SegmentedRedPaletteColorLookupTableData,
} from '../dicom/pixel-tags.generated.js';

const LUT_DESCRIPTORS = [
  RedPaletteColorLookupTableDescriptor,
  GreenPaletteColorLookupTableDescriptor,
  BluePaletteColorLookupTableDescriptor,
] as const;
const LUT_DATA = [
  RedPaletteColorLookupTableData,
  GreenPaletteColorLookupTableData,
  BluePaletteColorLookupTableData,
] as const;
const SEGMENTED_LUT_DATA = [
  SegmentedRedPaletteColorLookupTableData,
  SegmentedGreenPaletteColorLookupTableData,
  SegmentedBluePaletteColorLookupTableData,
] as const;
const CHANNELS = ['Red', 'Green', 'Blue'] as const;

/**
 * The three PALETTE COLOR lookup tables (PS3.3 C.7.6.3.1.5), their data little endian (the data
 * set's `bytes` already swaps big endian OW/US), segmented tables (C.7.9.2) expanded to plain ones.
 */
export function readPalette(dataset: DicomDataset): PaletteLuts {
  // C.7.6.3.1.5: the entry count and bits per entry are always unsigned, even when the descriptor
  // is read as SS (implicit VR "US or SS" with signed pixels): 0x8000 entries is not −32768.
  const descriptors = LUT_DESCRIPTORS.map((tag) =>
    dataset.numbers(tag).map((value, i) => (i === 1 ? value : value & 0xffff)),
  );
  const [r, g, b] = descriptors;
  if (!r || !g || !b || r.length < 3 || g.length < 3 || b.length < 3) {
    throw new DecodeError('Missing or invalid palette LUT descriptors');
  }
  const data = LUT_DATA.map((tag, channel) => {
    const bytes = dataset.bytes(tag);
    if (bytes !== undefined) return bytes;
    const descriptor = descriptors[channel] ?? [];
    const segmented = dataset.bytes(SEGMENTED_LUT_DATA[channel] ?? 0);
    if (segmented !== undefined) return expandSegmentedLut(segmented, descriptor, channel);
    throw new DecodeError(`Missing ${CHANNELS[channel] ?? ''} palette LUT data`);
  });
  const [rd, gd, bd] = data;
  if (!rd || !gd || !bd) throw new DecodeError('Missing palette LUT data');
  return { descriptors: [r, g, b], data: [rd, gd, bd] };
}

/**
 * Expands Segmented Palette Color Lookup Table Data (PS3.3 C.7.9.2) into `descriptor`'s entry
 * count (0 means 65536, C.7.6.3.1.5) of 16-bit little-endian entries. Segments are 16-bit words:
 * discrete (0, n, n values), linear (1, n, y1: n values from the previous entry to y1) and
 * indirect (2, n, offset as two words, least significant first: copy n segments from that byte
 * offset, relative to the first segment). Throws DecodeError for an unknown opcode, an indirect
 * segment that copies an indirect segment (C.7.9.2.3 forbids it), more segments than the table
 * could use, or a table of the wrong size.
 */
export function expandSegmentedLut(
  segmented: Uint8Array,
  descriptor: readonly number[],
  channel: number,
): Uint8Array {
  const name = `${CHANNELS[channel] ?? ''} segmented palette LUT`;
  if (descriptor[2] !== 16) {
    throw new DecodeError(
      `${name}: ${String(descriptor[2])}-bit segmented entries are not supported`,
    );
  }
  const count = descriptor[0] === 0 ? 65536 : (descriptor[0] ?? 0);
  const words = new Uint16Array(segmented.byteLength >> 1);
  const view = new DataView(segmented.buffer, segmented.byteOffset, segmented.byteLength);
  for (let i = 0; i < words.length; i += 1) words[i] = view.getUint16(i * 2, true);
  const out = new Uint16Array(count);
  let length = 0;
  // Copied segments can be empty (a discrete or linear segment of length 0): without a bound, n
  // indirect segments each copying 65535 empty ones spin for n × 65535 rounds on a few bytes.
  // A real table reads each stored segment once and copies at most one segment per entry.
  let segmentBudget = words.length / 2 + count;
  const push = (value: number): void => {
    if (length >= count) throw new DecodeError(`${name} expands past its ${count} entries`);
    out[length] = value;
    length += 1;
  };

  const expand = (start: number, maxSegments: number, copying: boolean): void => {
    let at = start;
    // A trailing pad word (odd counts of words in an even-length value) is not a segment.
    for (let segment = 0; segment < maxSegments && at + 1 < words.length; segment += 1) {
      segmentBudget -= 1;
      if (segmentBudget < 0) throw new DecodeError(`${name}: more segments than entries`);
      const opcode = words[at] ?? 0;
      const n = words[at + 1] ?? 0;
      at += 2;
      if (opcode === 0) {
        if (at + n > words.length) throw new DecodeError(`${name}: discrete segment past the data`);
        for (let i = 0; i < n; i += 1) push(words[at + i] ?? 0);
        at += n;
      } else if (opcode === 1) {
        if (length === 0) throw new DecodeError(`${name}: a linear segment cannot come first`);
        if (at >= words.length) throw new DecodeError(`${name}: linear segment past the data`);
        const y0 = out[length - 1] ?? 0;
        const y1 = words[at] ?? 0;
        at += 1;
        // C.7.9.2.2: n points on the line from the previous entry (excluded) to y1 (included).
        for (let i = 1; i <= n; i += 1) push(roundHalfEven(y0 + ((y1 - y0) * i) / n));
      } else if (opcode === 2) {
        // C.7.9.2.3: an indirect segment shall not point to or copy another indirect segment
        // (so expansion needs no recursion and cannot loop).
        if (length === 0 || copying || at + 2 > words.length) {
          throw new DecodeError(`${name}: invalid indirect segment`);
        }
        const byteOffset = (words[at] ?? 0) + (words[at + 1] ?? 0) * 0x10000;
        at += 2;
        if (byteOffset % 2 !== 0 || byteOffset / 2 >= words.length) {
          throw new DecodeError(`${name}: indirect segment offset ${byteOffset} outside the data`);
        }
        expand(byteOffset / 2, n, true);
      } else {
        throw new DecodeError(`${name}: unknown segment type ${opcode}`);
      }
    }
  };

  expand(0, Number.POSITIVE_INFINITY, false);
  if (length !== count) {
    throw new DecodeError(`${name} expands to ${length} entries, its descriptor says ${count}`);
  }
  return new Uint8Array(out.buffer);
}

/**
 * numpy.around, as pydicom rounds linear segments: C.7.9.2.2 only asks for a straight line. (GDCM's
 * source puts its n points from the previous entry itself, stopping short of y1, rounded half up.)
 */
function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
