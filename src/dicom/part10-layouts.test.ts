import { expect } from '@open-wc/testing';
import { DicomParseError } from './errors.js';
import { keywordOf } from './keywords.js';
import { parseDicom } from './parse-dicom.js';
import { fetchBytes } from './test-fixtures.js';
import { PatientName, Rows, TransferSyntaxUID } from './tags.js';

const CT = '/test/.tmp/dicom/files/CT_small.dcm';

function expectParseError(run: () => unknown): DicomParseError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(DicomParseError);
    return error as DicomParseError;
  }
  throw new Error('expected a DicomParseError');
}

describe('parseDicom file layouts', () => {
  it('reads Part 10 without the 128-byte preamble (starting at "DICM")', async () => {
    const bytes = await fetchBytes(CT);
    const dataset = parseDicom(bytes.subarray(128));
    expect(dataset.string(TransferSyntaxUID)).to.equal('1.2.840.10008.1.2.1');
    expect(dataset.number(Rows)).to.equal(128);
  });

  it('reads a meta header without preamble and "DICM"', async () => {
    const bytes = await fetchBytes(CT);
    expect(parseDicom(bytes.subarray(132)).string(PatientName)).to.equal('CompressedSamples^CT1');
  });

  it('reads a Uint8Array that views the middle of a larger buffer', async () => {
    const bytes = await fetchBytes(CT);
    const padded = new Uint8Array(bytes.length + 64);
    padded.set(bytes, 32);
    expect(parseDicom(padded.subarray(32, 32 + bytes.length)).number(Rows)).to.equal(128);
  });

  it('reports an element running past the end with its offset', async () => {
    const bytes = await fetchBytes(CT);
    const error = expectParseError(() => parseDicom(bytes.subarray(0, 1000)));
    expect(error.offset).to.be.within(132, 1000);
  });

  it('rejects an Extended Offset Table that points past the fragments when the frame is read', async () => {
    const bytes = (
      await fetchBytes('/test/.tmp/dicom/files/gen_extended_offset_table.dcm')
    ).slice();
    const dataset = parseDicom(bytes);
    const table = dataset.element(0x7fe00001);
    expect(table).to.not.equal(undefined);
    if (table === undefined) return;
    // Point frame 2 far beyond the data.
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(table.offset + 16, 0x7fff0000, true);
    const damaged = parseDicom(bytes);
    expect(damaged.pixelData?.frameCount).to.equal(3);
    expectParseError(() => damaged.pixelData?.frameBytes(0));
  });

  it('falls back from a wrong Basic Offset Table to codestream markers', async () => {
    const bytes = (await fetchBytes('/test/.tmp/dicom/files/gen_bot_2frag.dcm')).slice();
    const good = parseDicom(bytes);
    const frames = [0, 1, 2].map((i) => good.pixelData?.frameBytes(i).slice());
    const pixelData = good.element(0x7fe00010);
    if (pixelData === undefined) throw new Error('no pixel data');
    // The BOT item value starts 8 bytes into the encapsulated value: overwrite entry 1.
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(pixelData.offset + 12, 6, true);
    const damaged = parseDicom(bytes);
    expect([0, 1, 2].map((i) => damaged.pixelData?.frameBytes(i))).to.deep.equal(frames);
  });

  it('names tags by their PS3.6 keyword for debugging', () => {
    expect(keywordOf(PatientName)).to.equal('PatientName');
    expect(keywordOf(0x7fe00010)).to.equal('PixelData');
    expect(keywordOf(0x00091001)).to.equal(undefined);
  });
});
