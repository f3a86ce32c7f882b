import { expect } from '@open-wc/testing';
import { datasetToDicomJson } from './dicom-json-writer.js';
import type { DicomDataset } from './dataset.js';
import { DicomParseError } from './errors.js';
import { datasetFromDicomJson, type JsonDataset } from './json-dataset.js';
import { parseDicomAsync } from './parse-dicom.js';
import type { Part10Dataset } from './part10-dataset.js';
import { fetchBytes, loadExpected } from './test-fixtures.js';
import { isBulkVr } from './vr.js';

/** Compares every accessor of two data sets tag by tag, recursing into sequences; returns how many tags. */
function compareDatasets(part10: Part10Dataset, json: JsonDataset, where: string): number {
  let compared = 0;
  const jsonTags = json.tags();
  // pydicom leaves out nothing but the tags it cannot convert; every JSON tag must exist in Part 10.
  for (const tag of jsonTags)
    expect(part10.has(tag), `${where} has ${tag.toString(16)}`).to.equal(true);
  for (const tag of jsonTags) {
    const label = `${where} (${tag.toString(16).padStart(8, '0')})`;
    const vr = json.vr(tag);
    // A private implicit VR sequence of defined length: pydicom leaves it UN, we recognise its item tag.
    if (vr === 'UN' && part10.vr(tag) === 'SQ' && (tag >>> 16) % 2 === 1) continue;
    // Private attributes in implicit VR: pydicom's private dictionary knows some, ours (not bundled) none.
    if (part10.vr(tag) === 'UN' && (tag >>> 16) % 2 === 1) continue;
    expect(part10.vr(tag), label).to.equal(vr);
    if (vr === undefined) continue;
    if (vr === 'SQ') {
      const left = part10.sequenceItems(tag);
      const right = json.sequenceItems(tag);
      expect(left.length, label).to.equal(right.length);
      left.forEach((item, i) => {
        const other = right[i];
        if (other !== undefined) compared += compareDatasets(item, other, `${label}[${i}]`);
      });
    } else if (isBulkVr(vr)) {
      // pydicom's InlineBinary keeps big endian bytes as stored; bytes() swaps them (PS3.18 wants little endian).
      const bigEndian = part10.transferSyntaxUid === '1.2.840.10008.1.2.2';
      if (json.bulkDataUri(tag) === undefined && !bigEndian)
        expect(sameBytes(part10.bytes(tag), json.bytes(tag)), label).to.equal(true);
    } else if (vr === 'DS' || vr === 'IS') {
      // DICOM JSON carries DS/IS as numbers, so only their numeric values can agree.
      // JSON has no -0 (JSON.stringify(-0) is "0").
      expect(part10.numbers(tag).map(unsign), label).to.deep.equal(json.numbers(tag).map(unsign));
    } else {
      expect(part10.strings(tag), label).to.deep.equal(json.strings(tag));
      expect(part10.string(tag), label).to.equal(json.string(tag));
      expect(part10.numbers(tag), label).to.deep.equal(json.numbers(tag));
      expect(part10.personNames(tag), label).to.deep.equal(json.personNames(tag));
    }
    compared++;
  }
  return compared;
}

function unsign(value: number): number {
  return value === 0 ? 0 : value;
}

function sameBytes(left: Uint8Array | undefined, right: Uint8Array | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  return left.byteLength === right.byteLength && left.every((byte, i) => byte === right[i]);
}

describe('datasetFromDicomJson', () => {
  it("answers every accessor like the Part 10 parse of the same file (pydicom's to_json_dict)", async () => {
    const { files } = await loadExpected();
    let compared = 0;
    let fileCount = 0;
    for (const file of files) {
      if (file.json === undefined) continue;
      let part10: Part10Dataset;
      try {
        part10 = await parseDicomAsync(await fetchBytes(file.url));
      } catch {
        continue; // the genuinely broken files, covered by parse-dicom.test.ts
      }
      compared += compareDatasets(part10, datasetFromDicomJson(file.json), file.name);
      fileCount++;
    }
    expect(fileCount).to.be.greaterThan(70);
    expect(compared).to.be.greaterThan(3000);
  });

  it('round-trips every test file through datasetToDicomJson with the same answers', async () => {
    const { files } = await loadExpected();
    let compared = 0;
    for (const file of files.filter((f) => f.json !== undefined)) {
      let part10: Part10Dataset;
      try {
        part10 = await parseDicomAsync(await fetchBytes(file.url));
      } catch {
        continue;
      }
      const json = datasetFromDicomJson(
        JSON.parse(JSON.stringify(datasetToDicomJson(part10, { includePixelData: true }))),
      );
      compared += compareDatasets(part10, json, `${file.name} round trip`);
    }
    expect(compared).to.be.greaterThan(3000);
  });

  it('reads PN groups, InlineBinary and nested sequences (PS3.18 F.2)', () => {
    const dataset = datasetFromDicomJson({
      '00100010': {
        vr: 'PN',
        Value: [
          { Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' },
        ],
      },
      '00281050': { vr: 'DS', Value: [40, '60.5'] },
      '00091010': { vr: 'OB', InlineBinary: 'AQID' },
      '00081140': { vr: 'SQ', Value: [{ '00081155': { vr: 'UI', Value: ['1.2.3'] } }] },
      '00200032': { vr: 'DS', Value: [null, 1] },
    });
    expect(dataset.string(0x00100010)).to.equal('Yamada^Tarou');
    expect(dataset.personNames(0x00100010)[0]?.ideographic).to.equal('山田^太郎');
    expect(dataset.numbers(0x00281050)).to.deep.equal([40, 60.5]);
    expect([...(dataset.bytes(0x00091010) ?? [])]).to.deep.equal([1, 2, 3]);
    expect(dataset.sequence(0x00081140)[0]?.string(0x00081155)).to.equal('1.2.3');
    expect(dataset.strings(0x00200032)).to.deep.equal(['', '1']);
  });

  it('reads sequences 64 deep and refuses deeper nesting with DicomParseError, not a stack overflow', () => {
    // A hostile server's metadata: Referenced Image Sequence items nested 10,000 deep.
    let json: Record<string, unknown> = { '00081155': { vr: 'UI', Value: ['1.2.3'] } };
    for (let level = 0; level < 10_000; level++) json = { '00081140': { vr: 'SQ', Value: [json] } };
    let dataset: DicomDataset | undefined = datasetFromDicomJson(json);
    let depth = 0;
    for (; depth < 64; depth++) dataset = dataset?.sequence(0x00081140)[0];
    expect(dataset, '64 levels read').not.to.equal(undefined);
    expect(() => dataset?.sequence(0x00081140)).to.throw(DicomParseError, /nested too deep/);
  });

  it('reads lower-case keys as PS3.18 upper-case ones, and refuses a bad key or attribute at once', () => {
    const lower = datasetFromDicomJson({
      '0020000d': { vr: 'UI', Value: ['1.2.3'] },
      '0028001a': { vr: 'US', Value: [7] },
    });
    expect(lower.string(0x0020000d)).to.equal('1.2.3');
    expect(lower.tags()).to.deep.equal([0x0020000d, 0x0028001a]);
    expect(() => datasetFromDicomJson({ '0020000D': 'not an attribute' })).to.throw(
      DicomParseError,
    );
    expect(() => datasetFromDicomJson({ PatientName: { vr: 'PN' } })).to.throw(DicomParseError);
    expect(() => datasetFromDicomJson({ '0020000D': { vr: 'UI', Value: '1.2.3' } })).to.throw(
      DicomParseError,
    );
  });

  it('fetches BulkDataURI values only when asked, then answers bytes()', async () => {
    const requested: string[] = [];
    const dataset = datasetFromDicomJson(
      { '00283006': { vr: 'OW', BulkDataURI: 'https://example.invalid/bulk/1' } },
      {
        bulkData: (uri) => {
          requested.push(uri);
          return Promise.resolve(new Uint8Array([1, 0, 2, 0]));
        },
      },
    );
    expect(dataset.bytes(0x00283006)).to.equal(undefined);
    expect(requested).to.deep.equal([]);
    await dataset.loadBulkData(0x00283006);
    expect(dataset.numbers(0x00283006)).to.deep.equal([1, 2]);
    await dataset.loadBulkData(0x00283006);
    expect(requested).to.deep.equal(['https://example.invalid/bulk/1']);
  });

  it('serves native frames from inline Pixel Data like the Part 10 parse', async () => {
    const part10 = await parseDicomAsync(await fetchBytes('/test/.tmp/dicom/files/rtdose.dcm'));
    const json = datasetFromDicomJson(datasetToDicomJson(part10, { includePixelData: true }));
    expect(json.pixelData?.frameCount).to.equal(15);
    for (const index of [0, 7, 14]) {
      const expected = await part10.pixelData?.frame(index);
      const actual = await json.pixelData?.frame(index);
      expect(sameBytes(actual?.bytes, expected?.bytes), `frame ${index}`).to.equal(true);
    }
  });

  it('takes its frames from the injected PixelDataSource', async () => {
    const frames = {
      frameCount: 2,
      frame: (index: number) =>
        Promise.resolve({
          bytes: new Uint8Array([index]),
          transferSyntaxUid: '1.2.840.10008.1.2.4.80',
        }),
    };
    const dataset = datasetFromDicomJson(
      { '00280008': { vr: 'IS', Value: [2] } },
      { frames, transferSyntaxUid: '1.2.840.10008.1.2.4.80' },
    );
    expect(dataset.transferSyntaxUid).to.equal('1.2.840.10008.1.2.4.80');
    expect(dataset.pixelData?.frameCount).to.equal(2);
    expect([...((await dataset.pixelData?.frame(1))?.bytes ?? [])]).to.deep.equal([1]);
  });
});
