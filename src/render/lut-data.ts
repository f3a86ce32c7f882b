import type { DicomDataset } from '../dicom/dataset.js';
import { LUTData, LUTDescriptor, LUTExplanation } from '../dicom/tags.generated.js';

/** A lookup table read from a LUT Descriptor + LUT Data pair (PS3.3 C.11.1.1.1, C.11.2.1.1). */
export interface LutTable {
  /** First input value mapped; inputs below map to `data[0]`, above to the last entry. */
  readonly firstMapped: number;
  /** Bits per entry from the descriptor's third value (after the 8-in-16 correction below). */
  readonly bitsPerEntry: number;
  readonly data: Float32Array;
  readonly explanation: string | undefined;
}

/**
 * Reads one LUT item. `signedInput` says whether the first-mapped value is to be read as
 * signed: PS3.3 C.11.1.1.1 states it is US or SS "depending on Pixel Representation"
 * (or, for a VOI LUT, on the sign of the Modality LUT output), while parsers read the
 * implicit-VR value as US.
 */
export function readLutTable(item: DicomDataset, signedInput: boolean): LutTable | undefined {
  const descriptor = item.numbers(LUTDescriptor);
  if (descriptor.length < 3) return undefined;
  const [entriesValue = 0, firstValue = 0, bitsValue = 16] = descriptor;
  // PS3.3 C.11.1.1.1: a number of entries of 0 means 2^16.
  const entries = entriesValue === 0 ? 65536 : entriesValue;
  let firstMapped = firstValue;
  if (signedInput && firstMapped >= 0x8000) firstMapped -= 0x10000;
  const data = readEntries(item, entries, bitsValue);
  if (!data) return undefined;
  return {
    firstMapped,
    bitsPerEntry: effectiveBits(data, bitsValue),
    data,
    explanation: item.string(LUTExplanation),
  };
}

function readEntries(item: DicomDataset, entries: number, bits: number): Float32Array | undefined {
  const raw = item.bytes(LUTData);
  const out = new Float32Array(entries);
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    if (bits <= 8 && raw.byteLength === entries) {
      // PS3.3 C.7.6.3.1.5-style packing: two 8-bit entries per 16-bit word, low byte first.
      for (let i = 0; i < entries; i++) out[i] = raw[i] ?? 0;
      return out;
    }
    if (raw.byteLength < entries * 2) return undefined;
    // No masking to the declared depth: writers that under-declare (8 for 12-bit data) are
    // common, and effectiveBits() then widens the output range to what the data holds.
    for (let i = 0; i < entries; i++) out[i] = view.getUint16(i * 2, true);
    return out;
  }
  const values = item.numbers(LUTData);
  if (values.length < entries) return undefined;
  for (let i = 0; i < entries; i++) out[i] = values[i] ?? 0;
  return out;
}

/**
 * Some writers declare 16 bits for 8-bit tables, and PS3.3 C.11.2.1.1 allows 8–16 bits;
 * the output range must follow the declared depth unless the data plainly exceeds it.
 */
function effectiveBits(data: Float32Array, declared: number): number {
  let max = 0;
  for (const value of data) if (value > max) max = value;
  let bits = Math.min(Math.max(declared, 1), 16);
  while (max > 2 ** bits - 1 && bits < 16) bits++;
  return bits;
}

/** PS3.3 C.11.1.1: values outside the table take the first or last entry. */
export function lookup(table: LutTable, input: number): number {
  const last = table.data.length - 1;
  const index = Math.min(Math.max(Math.round(input) - table.firstMapped, 0), last);
  return table.data[index] ?? 0;
}
