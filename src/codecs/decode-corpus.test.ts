// Every fixture from scripts/test/fixtures-codecs.mjs decodes through parseDicom + decodeFrame in
// real workers and matches its independent reference (pydicom's test images via gdcmconv/dcmtk,
// generated files via their synthetic source or an independent decoder). Tolerances (max abs
// difference): lossless syntaxes 0; JPEG baseline/extended 2 (IDCT and colour-conversion
// rounding differ between libjpeg-turbo, IJG and our 12-bit decoder); JPEG 2000 / HTJ2K lossy 1.
import { expect } from '@open-wc/testing';
import { parseDicomAsync } from '../dicom/parse-dicom.js';
import { decodeFrame } from '../workers/decode-frame.js';
import { DecodePool } from '../workers/decode-pool.js';
import { expectReferenceFrame, referenceView } from '../../test/reference-pixels.js';

interface Entry {
  name: string;
  file: string;
  transferSyntaxUid: string;
  frames: number;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  signed: boolean;
  bitsStored: number;
  dtype: string;
  tolerance: number;
  source: string;
  expected: string[];
}

const BASE = '/test/.tmp/codecs/';
const manifest = (await (await fetch(`${BASE}manifest.json`)).json()) as { entries: Entry[] };

describe('decodeFrame on the codec corpus', () => {
  let pool: DecodePool;
  before(() => {
    pool = new DecodePool({ size: 2 });
  });
  after(() => {
    pool.dispose();
  });

  it('has fixtures for every supported transfer syntax', () => {
    const syntaxes = new Set(manifest.entries.map((entry) => entry.transferSyntaxUid));
    for (const suffix of [
      '',
      '.1',
      '.1.99',
      '.2',
      '.5',
      '.4.50',
      '.4.51',
      '.4.57',
      '.4.70',
      '.4.80',
      '.4.81',
      '.4.90',
      '.4.91',
      '.4.201',
      '.4.202',
      '.4.203',
    ]) {
      expect(syntaxes.has(`1.2.840.10008.1.2${suffix}`), `1.2.840.10008.1.2${suffix}`).to.equal(
        true,
      );
    }
  });

  for (const entry of manifest.entries) {
    const kind = entry.tolerance === 0 ? 'exactly' : `within ${entry.tolerance}`;
    it(`decodes ${entry.name} (${entry.transferSyntaxUid}) matching ${entry.source} ${kind}`, async () => {
      const bytes = await (await fetch(BASE + entry.file)).arrayBuffer();
      const dataset = await parseDicomAsync(bytes);
      for (let frame = 0; frame < entry.frames; frame += 1) {
        const decoded = await decodeFrame(dataset, frame, { pool });
        const expectedPath = entry.expected[frame] ?? '';
        const expected = referenceView(
          await (await fetch(BASE + expectedPath)).arrayBuffer(),
          entry.dtype,
        );
        if (entry.samplesPerPixel === 1) expect(decoded.signed).to.equal(entry.signed);
        expectReferenceFrame(decoded, entry, expected, frame);
      }
    });
  }
});
