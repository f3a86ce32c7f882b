import { expect } from '@open-wc/testing';
import { DicomParseError } from './errors.js';
import { parseDicom, parseDicomAsync, DeflateRequiresAsyncError } from './parse-dicom.js';
import type { Part10Dataset } from './part10-dataset.js';
import type { Part10PixelData } from './pixel-data.js';
import { fetchBytes, loadExpected, sha256, type ExpectedFile } from './test-fixtures.js';

/** pydicom's test files that are genuinely broken: a value or the pixel data runs past the end of the file. */
const BROKEN = new Set(['MR_truncated.dcm', 'rtplan_truncated.dcm', 'no_meta.dcm']);

async function parseFile(file: ExpectedFile): Promise<Part10Dataset> {
  return parseDicomAsync(await fetchBytes(file.url));
}

describe('parseDicom on pydicom test files', () => {
  it('parses every file, or rejects the broken ones with DicomParseError', async () => {
    const { files } = await loadExpected();
    expect(files.length).to.be.greaterThan(80);
    for (const file of files) {
      const bytes = await fetchBytes(file.url);
      if (BROKEN.has(file.name)) {
        let error: unknown;
        try {
          await parseDicomAsync(bytes);
        } catch (caught) {
          error = caught;
        }
        expect(error, file.name).to.be.instanceOf(DicomParseError);
        expect((error as DicomParseError).offset, file.name).to.be.within(0, bytes.length);
      } else {
        const dataset = await parseDicomAsync(bytes);
        expect(dataset.tags().length, file.name).to.be.greaterThan(0);
      }
    }
  });

  it('reads the transfer syntax pydicom reads', async () => {
    const { files } = await loadExpected();
    for (const file of files.filter(
      (f) => !BROKEN.has(f.name) && typeof f.transferSyntaxUid === 'string',
    )) {
      expect((await parseFile(file)).transferSyntaxUid, file.name).to.equal(file.transferSyntaxUid);
    }
  });

  it('reads selected attributes with the values pydicom reads', async () => {
    const { files } = await loadExpected();
    let compared = 0;
    for (const file of files.filter((f) => !BROKEN.has(f.name) && f.selected !== undefined)) {
      const dataset = await parseFile(file);
      for (const [key, value] of Object.entries(file.selected ?? {})) {
        const tag = parseInt(key, 16);
        const label = `${file.name} ${value.keyword}`;
        if (value.vr === 'PN') {
          expect(dataset.personNames(tag).map(joinPersonName), label).to.deep.equal(value.values);
        } else if (value.values.every((v) => typeof v === 'number')) {
          expect(dataset.numbers(tag), label).to.deep.equal(value.values);
        } else {
          // PS3.5 §6.2: spaces around a CS/LO/… value are padding; pydicom keeps those inside multi-values.
          expect(dataset.strings(tag), label).to.deep.equal(
            value.values.map((v) => String(v ?? '').trim()),
          );
        }
        compared++;
      }
    }
    expect(compared).to.be.greaterThan(500);
  });

  it('returns the frames pydicom extracts, byte for byte', async () => {
    const { files } = await loadExpected();
    let compared = 0;
    for (const file of files.filter((f) => !BROKEN.has(f.name))) {
      const hashes = file.expectedFrames ?? file.frames;
      if (hashes === undefined || hashes === null) continue;
      const pixelData = (await parseFile(file)).pixelData as Part10PixelData;
      expect(pixelData.frameCount, file.name).to.equal(hashes.length);
      for (let i = 0; i < hashes.length; i++) {
        expect(await sha256(pixelData.frameBytes(i)), `${file.name} frame ${i}`).to.equal(
          hashes[i],
        );
        compared++;
      }
    }
    expect(compared).to.be.greaterThan(100);
  });

  it('hands out native frames as views on the input, without copying', async () => {
    const bytes = await fetchBytes('/test/.tmp/dicom/files/CT_small.dcm');
    const frame = (parseDicom(bytes).pixelData as Part10PixelData).frameBytes(0);
    expect(frame.buffer).to.equal(bytes.buffer);
    expect(frame.byteLength).to.equal(128 * 128 * 2);
  });

  it('labels big endian native frames as little endian after swapping them', async () => {
    const dataset = parseDicom(await fetchBytes('/test/.tmp/dicom/files/MR_small_bigendian.dcm'));
    const little = parseDicom(await fetchBytes('/test/.tmp/dicom/files/MR_small.dcm'));
    const frame = await dataset.pixelData?.frame(0);
    expect(frame?.transferSyntaxUid).to.equal('1.2.840.10008.1.2.1');
    expect(frame?.bytes).to.deep.equal((await little.pixelData?.frame(0))?.bytes);
  });

  it('tells the caller to use parseDicomAsync for deflated data sets', async () => {
    const bytes = await fetchBytes('/test/.tmp/dicom/files/image_dfl.dcm');
    expect(() => parseDicom(bytes)).to.throw(DeflateRequiresAsyncError);
    expect((await parseDicomAsync(bytes)).number(0x00280010)).to.equal(512);
  });

  it('reads raw data sets without meta header in every encoding', async () => {
    for (const name of ['ExplVR_BigEndNoMeta.dcm', 'ExplVR_LitEndNoMeta.dcm', 'rtstruct.dcm']) {
      const dataset = parseDicom(await fetchBytes(`/test/.tmp/dicom/files/${name}`));
      expect(dataset.string(0x00080016), name).to.match(/^1\.2\.840\.10008\./);
    }
  });

  it('rejects a frame index outside the data set with DicomParseError', async () => {
    const pixelData = parseDicom(await fetchBytes('/test/.tmp/dicom/files/CT_small.dcm')).pixelData;
    let error: unknown;
    try {
      await pixelData?.frame(1);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(DicomParseError);
  });
});

function joinPersonName(name: {
  alphabetic: string;
  ideographic?: string;
  phonetic?: string;
}): string {
  const groups = [name.alphabetic, name.ideographic ?? '', name.phonetic ?? ''];
  while (groups.length > 1 && groups[groups.length - 1] === '') groups.pop();
  return groups.join('=');
}
