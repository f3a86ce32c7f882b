import { expect } from '@open-wc/testing';
import { buildDataset, lutBytes } from '../../test/viewport/dataset-builder.js';
import { readLutTable } from './lut-data.js';
import { applyModalityLut, modalityLutOf, modalityRange } from './modality-lut.js';

describe('modality LUT (PS3.3 C.11.1)', () => {
  it('rescales stored values by slope and intercept', () => {
    const lut = modalityLutOf(
      buildDataset({ 0x00281053: 2.5, 0x00281052: -1024, 0x00080060: 'CT' }),
    );
    expect(applyModalityLut(lut, 1000)).to.equal(1000 * 2.5 - 1024);
    expect(lut.unit).to.equal('HU');
  });

  it('treats missing or zero slope as identity', () => {
    expect(applyModalityLut(modalityLutOf(buildDataset({})), 77)).to.equal(77);
    expect(applyModalityLut(modalityLutOf(buildDataset({ 0x00281053: 0 })), 77)).to.equal(77);
  });

  it('maps through a Modality LUT Sequence, clamping below first-mapped and above the last entry', () => {
    const item = buildDataset({
      0x00283002: [4, 10, 16],
      0x00283006: lutBytes([100, 200, 300, 400]),
      0x00283004: 'OD',
    });
    const lut = modalityLutOf(buildDataset({ 0x00283000: [item], 0x00281053: 3 }));
    expect(lut.kind).to.equal('table');
    expect([5, 10, 11, 13, 99].map((v) => applyModalityLut(lut, v))).to.deep.equal([
      100, 100, 200, 400, 400,
    ]);
    expect(lut.unit).to.equal('OD');
    expect(modalityRange(lut, 11, 12)).to.deep.equal([200, 300]);
  });

  it('reads a first-mapped value of 65535 as −1 when pixels are signed', () => {
    const item = buildDataset({ 0x00283002: [3, 65535, 16], 0x00283006: lutBytes([7, 8, 9]) });
    expect(readLutTable(item, true)?.firstMapped).to.equal(-1);
    expect(readLutTable(item, false)?.firstMapped).to.equal(65535);
  });

  it('reads a number of entries of 0 as 65536', () => {
    const data = new Uint16Array(65536).map((_, i) => i);
    const item = buildDataset({ 0x00283002: [0, 0, 16], 0x00283006: new Uint8Array(data.buffer) });
    expect(readLutTable(item, false)?.data.length).to.equal(65536);
  });

  it('reads 8-bit entries packed two per word and keeps 8 bits of range', () => {
    const item = buildDataset({
      0x00283002: [4, 0, 8],
      0x00283006: Uint8Array.from([1, 2, 3, 255]),
    });
    const table = readLutTable(item, false);
    expect([...(table?.data ?? [])]).to.deep.equal([1, 2, 3, 255]);
    expect(table?.bitsPerEntry).to.equal(8);
  });

  it('widens the declared bits when the data plainly exceeds them', () => {
    const item = buildDataset({ 0x00283002: [2, 0, 8], 0x00283006: lutBytes([0, 4095]) });
    expect(readLutTable(item, false)?.bitsPerEntry).to.equal(12);
  });
});
