// Segmented palette LUTs (PS3.3 C.7.9.2) and palette lookups (C.7.6.3.1.5), checked against
// tables worked out by hand from the standard's segment definitions. The real Aloka ultrasound
// file (test/realworld) covers discrete segments and descriptor 0 against GDCM and pydicom; its
// 67 pixel values hit no entry where GDCM's lines and pydicom's differ, so linear and indirect
// segments, first mapped values other than 0 and odd cases are proven only here.
import { expect } from '@open-wc/testing';
import { DecodeError } from '../dicom/errors.js';
import { paletteToRgb } from './color.js';
import { framePixels } from './decode-pixels.js';
import { buildDataset } from '../../test/viewport/dataset-builder.js';
import { expandSegmentedLut, readPalette } from './palette-lut.js';
import type { PixelModule } from './pixel-module.js';

const words = (...values: number[]): Uint8Array => new Uint8Array(Uint16Array.from(values).buffer);
const entries = (bytes: Uint8Array): number[] =>
  Array.from(new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2));

describe('expandSegmentedLut', () => {
  it('expands discrete and linear segments (C.7.9.2.1, C.7.9.2.2)', () => {
    // Discrete 2 entries [0, 100], then a line of 4 entries to 500: 200, 300, 400, 500.
    const lut = expandSegmentedLut(words(0, 2, 0, 100, 1, 4, 500), [6, 0, 16], 0);
    expect(entries(lut)).to.deep.equal([0, 100, 200, 300, 400, 500]);
  });

  it('rounds linear segments half to even, as pydicom does (C.7.9.2.2 says no more than a line)', () => {
    // From 0 to 1 over 2 entries: 0.5 → 0, then 1.
    expect(entries(expandSegmentedLut(words(0, 1, 0, 1, 2, 1), [3, 0, 16], 0))).to.deep.equal([
      0, 0, 1,
    ]);
  });

  it('copies segments through an indirect segment (C.7.9.2.3, byte offset, low word first)', () => {
    // Segments: discrete [10, 20] at byte 0, line of 2 to 40 at byte 8; then copy both (offset 0).
    const data = words(0, 2, 10, 20, 1, 2, 40, 2, 2, 0, 0);
    expect(entries(expandSegmentedLut(data, [8, 0, 16], 1))).to.deep.equal([
      10, 20, 30, 40, 10, 20, 30, 40,
    ]);
  });

  it('starts a copied linear segment from the entry before the copy (C.7.9.2.2, C.7.9.2.3)', () => {
    // [10, 20], line of 2 to 40 (at byte 8), [0], then copy the line alone: from 0 to 40 again.
    const data = words(0, 2, 10, 20, 1, 2, 40, 0, 1, 0, 2, 1, 8, 0);
    expect(entries(expandSegmentedLut(data, [7, 0, 16], 0))).to.deep.equal([
      10, 20, 30, 40, 0, 20, 40,
    ]);
  });

  it('refuses an indirect segment that copies an indirect segment (C.7.9.2.3)', () => {
    // [5], copy 1 segment from byte 0 (at byte 6), then copy the copy (at byte 14): 5, 5, 5 if allowed.
    const data = words(0, 1, 5, 2, 1, 0, 0, 2, 1, 6, 0);
    expect(() => expandSegmentedLut(data, [3, 0, 16], 0)).to.throw(DecodeError, 'indirect');
  });

  it('refuses copies of empty segments beyond what the table could hold, without spinning', () => {
    // [5], 30000 empty discrete segments from byte 6, then 1000 indirect segments each copying
    // all 30000: 30 million rounds for a 1-entry table, were they not refused.
    const empty = Array.from({ length: 30000 }, () => [0, 0]).flat();
    const indirect = Array.from({ length: 1000 }, () => [2, 30000, 6, 0]).flat();
    const data = words(0, 1, 5, ...empty, ...indirect);
    expect(() => expandSegmentedLut(data, [1, 0, 16], 0)).to.throw(DecodeError);
  });

  it('reads descriptor 0 as 65536 entries (C.7.6.3.1.5)', () => {
    const lut = expandSegmentedLut(words(0, 1, 0, 1, 65535, 65535), [0, 0, 16], 2);
    expect(lut.byteLength).to.equal(65536 * 2);
    expect(entries(lut).at(-1)).to.equal(65535);
  });

  it('refuses tables that do not match their descriptor, unknown segments and loops', () => {
    const refuse = (data: Uint8Array, descriptor: number[]) =>
      expect(() => expandSegmentedLut(data, descriptor, 0)).to.throw(DecodeError);
    refuse(words(0, 2, 1, 2), [3, 0, 16]); // too short
    refuse(words(0, 3, 1, 2, 3), [2, 0, 16]); // too long
    refuse(words(7, 1, 0), [1, 0, 16]); // unknown opcode
    refuse(words(1, 2, 5), [2, 0, 16]); // a line needs a previous entry
    refuse(words(0, 1, 5, 1, 1), [2, 0, 16]); // a line without its end value
    refuse(words(0, 1, 5, 2, 1, 0), [2, 0, 16]); // an indirect segment without its offset
    refuse(words(0, 1, 5, 2, 1, 6, 0), [9, 0, 16]); // indirect segment pointing at itself
    refuse(words(0, 1, 5), [1, 0, 8]); // 8-bit segmented entries
  });
});

describe('paletteToRgb', () => {
  const module = (firstMapped: number, count: number, data: Uint8Array): PixelModule => ({
    rows: 1,
    columns: 4,
    samplesPerPixel: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 0,
    photometricInterpretation: 'PALETTE COLOR',
    planarConfiguration: 0,
    palette: {
      descriptors: [
        [count, firstMapped, 16],
        [count, firstMapped, 16],
        [count, firstMapped, 16],
      ],
      data: [data, data, data],
    },
  });

  it('reads the first mapped value as signed when Pixel Representation is 1 (C.7.6.3.1.5)', () => {
    // Descriptor written as US: 0xFF9C is −100 for signed pixels, 65436 for unsigned ones.
    const lut = words(0x1000, 0x2000, 0x3000);
    const signed = { ...module(0xff9c, 3, lut), pixelRepresentation: 1 as const };
    const rgb = paletteToRgb(Int16Array.from([-101, -100, -99, 0]), signed);
    expect(Array.from(rgb.filter((_, i) => i % 3 === 0))).to.deep.equal([0x10, 0x10, 0x20, 0x30]);
    const unsigned = paletteToRgb(
      Uint16Array.from([0, 65436, 65437, 65535]),
      module(0xff9c, 3, lut),
    );
    expect(Array.from(unsigned.filter((_, i) => i % 3 === 0))).to.deep.equal([
      0x10, 0x10, 0x20, 0x30,
    ]);
  });

  it('looks up stored values: bits above High Bit dropped, signed ones sign-extended', () => {
    // 12 bits stored in 16 (an overlay bit set at bit 15): stored values 0xFFF (−1 signed), 0, 1.
    const lut = words(0x1000, 0x2000, 0x3000);
    const signed: PixelModule = {
      ...module(-1, 3, lut),
      bitsStored: 12,
      highBit: 11,
      pixelRepresentation: 1,
    };
    const output = {
      samples: Uint16Array.from([0x8fff, 0x8000, 0x0001, 0x0fff]),
      planar: false,
      rgb: false,
    };
    const frame = framePixels('test', output, signed);
    expect(Array.from(frame.pixels.filter((_, i) => i % 3 === 0))).to.deep.equal([
      0x10, 0x20, 0x30, 0x10,
    ]);
  });

  it('maps values below the first mapped value to the first entry and above to the last', () => {
    // 3 entries for stored values 1000, 1001, 1002 (C.7.6.3.1.5), 16-bit entries shown by their high byte.
    const lut = words(0x1000, 0x2000, 0x3000);
    const rgb = paletteToRgb(Uint16Array.from([5, 1000, 1002, 60000]), module(1000, 3, lut));
    expect(Array.from(rgb.filter((_, i) => i % 3 === 0))).to.deep.equal([0x10, 0x10, 0x30, 0x30]);
  });
});

describe('readPalette', () => {
  it('reads entry counts read as SS (implicit VR "US or SS") as unsigned, and expands segmented data', () => {
    const segmented = words(0, 1, 0, 1, 32767, 0xffff);
    const dataset = buildDataset({
      // 0x8000 entries read as signed: −32768.
      0x00281101: [-32768, 0, 16],
      0x00281102: [-32768, 0, 16],
      0x00281103: [-32768, 0, 16],
      0x00281221: segmented,
      0x00281222: segmented,
      0x00281223: segmented,
    });
    const palette = readPalette(dataset);
    expect(palette.descriptors[0]).to.deep.equal([32768, 0, 16]);
    expect(palette.data[2].byteLength).to.equal(32768 * 2);
  });

  it('names the missing table when a channel has no LUT data', () => {
    const dataset = buildDataset({
      0x00281101: [256, 0, 16],
      0x00281102: [256, 0, 16],
      0x00281103: [256, 0, 16],
      0x00281201: new Uint8Array(512),
      0x00281202: new Uint8Array(512),
    });
    expect(() => readPalette(dataset)).to.throw(DecodeError, 'Blue');
  });
});
