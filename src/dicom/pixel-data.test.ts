// Native frames of an Explicit VR Big Endian data set whose 8-bit pixels are held in an OW value:
// PS3.5 A.3 swaps OW as 16-bit words whatever Bits Allocated says, so a frame of odd length
// starts in the middle of a word (GDCM and DCMTK read OBXXXX1A_expb.dcm this way, test/realworld).
import { expect } from '@open-wc/testing';
import { parseDicom } from './parse-dicom.js';

const BIG_ENDIAN = '1.2.840.10008.1.2.2';

function element(tag: number, vr: string, value: Uint8Array, littleEndian: boolean): Uint8Array {
  const long = vr === 'OW' || vr === 'OB';
  const header = new Uint8Array(long ? 12 : 8);
  const view = new DataView(header.buffer);
  view.setUint16(0, tag >>> 16, littleEndian);
  view.setUint16(2, tag & 0xffff, littleEndian);
  header[4] = vr.charCodeAt(0);
  header[5] = vr.charCodeAt(1);
  if (long) view.setUint32(8, value.length, littleEndian);
  else view.setUint16(6, value.length, littleEndian);
  return Uint8Array.from([...header, ...value]);
}

const text = (value: string): Uint8Array =>
  Uint8Array.from(`${value}${value.length % 2 ? '\0' : ''}`, (c) => c.charCodeAt(0));
const us = (value: number): Uint8Array => Uint8Array.from([value >> 8, value & 0xff]);

/** 3 frames of 1 × 3 pixels, values 1 … 9, written as DCMTK writes big endian OW. */
function bigEndianOwFile(): Uint8Array {
  const meta = element(0x00020010, 'UI', text(BIG_ENDIAN), true);
  const parts = [
    element(0x00020000, 'UL', Uint8Array.from([meta.length, 0, 0, 0]), true),
    meta,
    element(0x00280002, 'US', us(1), false),
    element(0x00280004, 'CS', text('MONOCHROME2'), false),
    element(0x00280008, 'IS', text('3'), false),
    element(0x00280010, 'US', us(1), false),
    element(0x00280011, 'US', us(3), false),
    element(0x00280100, 'US', us(8), false),
    element(0x00280101, 'US', us(8), false),
    element(0x00280102, 'US', us(7), false),
    element(0x00280103, 'US', us(0), false),
    // Values 1 … 9 and a pad byte, each 16-bit word stored most significant byte first.
    element(0x7fe00010, 'OW', Uint8Array.from([2, 1, 4, 3, 6, 5, 8, 7, 0, 9]), false),
  ];
  const preamble = new Uint8Array(132);
  preamble.set([0x44, 0x49, 0x43, 0x4d], 128);
  return Uint8Array.from(parts.reduce((all, part) => [...all, ...part], [...preamble]));
}

describe('Part 10 native pixel data', () => {
  it('swaps big endian OW as 16-bit words for 8-bit frames, also frames starting mid-word', () => {
    const pixelData = parseDicom(bigEndianOwFile()).pixelData;
    expect(pixelData?.frameCount).to.equal(3);
    const frames = [0, 1, 2].map((i) => Array.from(pixelData?.encodedFrame(i).bytes ?? []));
    expect(frames).to.deep.equal([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ]);
    expect(pixelData?.encodedFrame(1).transferSyntaxUid).to.equal('1.2.840.10008.1.2.1');
  });
});
