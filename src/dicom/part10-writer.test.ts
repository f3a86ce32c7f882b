import { expect } from '@open-wc/testing';
import { datasetFromDicomJson } from './json-dataset.js';
import { parseDicom } from './parse-dicom.js';
import { DicomWriteError, IMPLEMENTATION_CLASS_UID, writePart10 } from './part10-writer.js';

const json = {
  '00080005': { vr: 'CS', Value: ['ISO_IR 100'] },
  '00080016': { vr: 'UI', Value: ['1.2.840.10008.5.1.4.1.1.88.59'] },
  '00080018': { vr: 'UI', Value: ['2.25.123'] },
  '00080008': { vr: 'CS', Value: ['ORIGINAL', 'PRIMARY'] },
  '00100010': { vr: 'PN', Value: [{ Alphabetic: 'LÉGER^Anaïs', Ideographic: 'レジェ^アナイス' }] },
  '00100030': { vr: 'DA' },
  '00181164': { vr: 'DS', Value: [0.125, 0.25] },
  '00200013': { vr: 'IS', Value: [7] },
  '00280010': { vr: 'US', Value: [512] },
  '00281052': { vr: 'DS', Value: [-1024] },
  '00209165': { vr: 'AT', Value: ['00209111', '0020930E'] },
  '00189219': { vr: 'SS', Value: [-3] },
  '0040A160': { vr: 'UT', Value: ['a\\b <not markup>'] },
  '00420011': { vr: 'OB', InlineBinary: 'AQID' },
  '00181310': { vr: 'US', Value: [1, 2, 3, 4] },
  '0040A730': {
    vr: 'SQ',
    Value: [{ '0040A040': { vr: 'CS', Value: ['TEXT'] } }, { '0040A040': { vr: 'CS' } }],
  },
};

describe('writePart10', () => {
  it('writes the preamble, "DICM" and a File Meta group whose length is its own size (PS3.10 §7.1)', () => {
    const bytes = writePart10(datasetFromDicomJson(json));
    expect(new TextDecoder().decode(bytes.subarray(128, 132))).to.equal('DICM');
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    // (0002,0000) UL 4 bytes, value = bytes up to the first element of group 0008.
    expect([view.getUint16(132, true), view.getUint16(134, true)]).to.deep.equal([2, 0]);
    expect(new TextDecoder().decode(bytes.subarray(136, 138))).to.equal('UL');
    const groupLength = view.getUint32(140, true);
    expect(view.getUint16(144 + groupLength, true)).to.equal(0x0008);
    const meta = parseDicom(bytes);
    expect(meta.string(0x00020010)).to.equal('1.2.840.10008.1.2.1');
    expect(meta.string(0x00020002)).to.equal('1.2.840.10008.5.1.4.1.1.88.59');
    expect(meta.string(0x00020003)).to.equal('2.25.123');
    expect(meta.string(0x00020012)).to.equal(IMPLEMENTATION_CLASS_UID);
  });

  it('reads back every value as written, text as UTF-8 under ISO_IR 192', () => {
    const source = datasetFromDicomJson(json);
    const read = parseDicom(writePart10(source));
    expect(read.string(0x00080005)).to.equal('ISO_IR 192');
    expect(read.personNames(0x00100010)).to.deep.equal([
      { alphabetic: 'LÉGER^Anaïs', ideographic: 'レジェ^アナイス' },
    ]);
    expect(read.strings(0x00080008)).to.deep.equal(['ORIGINAL', 'PRIMARY']);
    expect(read.has(0x00100030)).to.equal(true);
    expect(read.string(0x00100030)).to.equal(undefined);
    expect(read.numbers(0x00181164)).to.deep.equal([0.125, 0.25]);
    expect(read.number(0x00200013)).to.equal(7);
    expect(read.number(0x00281052)).to.equal(-1024);
    expect(read.number(0x00280010)).to.equal(512);
    expect(read.numbers(0x00181310)).to.deep.equal([1, 2, 3, 4]);
    expect(read.numbers(0x00209165)).to.deep.equal([0x00209111, 0x0020930e]);
    expect(read.number(0x00189219)).to.equal(-3);
    expect(read.string(0x0040a160)).to.equal('a\\b <not markup>');
    expect([...read.bytes(0x00420011)!]).to.deep.equal([1, 2, 3, 0]);
    const items = read.sequence(0x0040a730);
    expect(items.map((item) => item.string(0x0040a040))).to.deep.equal(['TEXT', undefined]);
    expect(read.string(0x00080018)).to.equal('2.25.123');
    expect(read.tags()).to.deep.equal(
      [
        ...Object.keys(json).map((key) => parseInt(key, 16)),
        0x00020000,
        0x00020001,
        0x00020002,
        0x00020003,
        0x00020010,
        0x00020012,
        0x00020013,
      ].sort((a, b) => a - b),
    );
  });

  it('refuses a data set without SOP Instance UID and a bulk value that was never loaded', () => {
    const { '00080018': _uid, ...withoutUid } = json;
    expect(() => writePart10(datasetFromDicomJson(withoutUid))).to.throw(DicomWriteError);
    const unloaded = { ...json, '00420011': { vr: 'OB', BulkDataURI: 'https://pacs/bulk/1' } };
    expect(() => writePart10(datasetFromDicomJson(unloaded)))
      .to.throw(DicomWriteError)
      .with.property('tag', 0x00420011);
  });
});
