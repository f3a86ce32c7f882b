import { expect } from '@open-wc/testing';
import { parseDicom } from './parse-dicom.js';
import type { Part10Dataset } from './part10-dataset.js';
import { fetchBytes, loadExpected } from './test-fixtures.js';
import type { PersonName } from './values.js';

const PATIENT_NAME = 0x00100010;

function joined(name: PersonName | undefined): string {
  const groups = [name?.alphabetic ?? '', name?.ideographic ?? '', name?.phonetic ?? ''];
  while (groups.length > 1 && groups[groups.length - 1] === '') groups.pop();
  return groups.join('=');
}

/** Values of text attributes at a path like `00400275/0/00321060` (sequence tag / item / tag). */
function textAt(dataset: Part10Dataset, path: string): string[] | undefined {
  const parts = path.split('/');
  let current = dataset;
  for (let i = 0; i + 2 < parts.length; i += 2) {
    const item = current.sequenceItems(parseInt(parts[i] ?? '', 16))[Number(parts[i + 1])];
    if (item === undefined) return [];
    current = item;
  }
  const tag = parseInt(parts[parts.length - 1] ?? '', 16);
  // Private attributes in implicit VR are UN here: pydicom's private dictionary is not bundled.
  if (current.vr(tag) === 'UN' && (tag >>> 16) % 2 === 1) return undefined;
  return current.vr(tag) === 'PN' ? current.personNames(tag).map(joined) : current.strings(tag);
}

describe('Specific Character Set', () => {
  it("decodes the patient names of pydicom's charset files as pydicom's own tests expect", async () => {
    const { patientNames } = await loadExpected();
    expect(patientNames.length).to.be.greaterThan(10);
    for (const { file, patientName } of patientNames) {
      const dataset = parseDicom(await fetchBytes(`/test/.tmp/dicom/files/${file}`));
      expect(joined(dataset.personNames(PATIENT_NAME)[0]), file).to.equal(patientName);
    }
  });

  it('decodes every single-byte ISO 2022 code extension as pydicom does', async () => {
    const { encodedNames } = await loadExpected();
    expect(encodedNames.length).to.be.greaterThan(10);
    for (const { url, charset, patientName } of encodedNames) {
      const dataset = parseDicom(await fetchBytes(url));
      expect(joined(dataset.personNames(PATIENT_NAME)[0]), charset).to.equal(patientName);
    }
  });

  it('decodes every text attribute (LO, SH, ST, LT, UT, UC, PN) of the charset files, nested items included, as pydicom', async () => {
    const { files } = await loadExpected();
    let compared = 0;
    for (const file of files.filter((f) => f.group === 'charset')) {
      const dataset = parseDicom(await fetchBytes(file.url));
      for (const [path, values] of Object.entries(file.text ?? {})) {
        // An empty value has no values (VM 0) here; pydicom shows it as one empty string.
        const actual = textAt(dataset, path);
        if (actual === undefined) continue;
        const wanted =
          values.length === 1 && (values[0] ?? '') === ''
            ? []
            : values.map((v) => (v ?? '').trimEnd());
        expect(actual, `${file.name} ${path}`).to.deep.equal(wanted);
        compared++;
      }
    }
    expect(compared).to.be.greaterThan(50);
  });

  it('reverts to the first character set after a PN delimiter without escape (PS3.5 §6.1.2.5.3)', () => {
    // ESC ) I selects JIS X 0201 katakana; after "^" the default (ISO-IR 100 as Latin-1) applies again.
    const name = [0x1b, 0x29, 0x49, 0xd4, 0xcf, 0xc0, 0xde, 0x5e, 0xc0, 0xdb, 0xb3];
    const raw = implicitDataset([
      [0x00080005, Array.from(new TextEncoder().encode('\\ISO 2022 IR 13'))],
      [PATIENT_NAME, name],
    ]);
    const dataset = parseDicom(raw);
    expect(dataset.string(PATIENT_NAME)).to.equal('ﾔﾏﾀﾞ^ÀÛ³');
  });
});

describe('Specific Character Set terms', () => {
  it('accepts common misspellings of the defined terms', () => {
    for (const term of ['ISO-IR 192', 'UTF-8', 'ISO_IR192']) {
      const raw = implicitDataset([
        [0x00080005, Array.from(new TextEncoder().encode(term))],
        [PATIENT_NAME, Array.from(new TextEncoder().encode('Jérôme'))],
      ]);
      expect(parseDicom(raw).string(PATIENT_NAME), term).to.equal('Jérôme');
    }
  });
});

function implicitDataset(elements: [number, number[]][]): Uint8Array {
  const bytes: number[] = [];
  for (const [tag, value] of elements) {
    const padded = value.length % 2 === 1 ? [...value, 0x20] : value;
    const header = new DataView(new ArrayBuffer(8));
    header.setUint16(0, tag >>> 16, true);
    header.setUint16(2, tag & 0xffff, true);
    header.setUint32(4, padded.length, true);
    bytes.push(...new Uint8Array(header.buffer), ...padded);
  }
  return new Uint8Array(bytes);
}
