// Real files from other toolkits (test/realworld/files, origins and licences in its README)
// decode through the public API — parseDicomAsync + decodeFrame in real workers — to the values
// independent decoders give (scripts/test/fixtures-realworld.mjs: GDCM, DCMTK, pydicom). Every
// reference is lossless, so every comparison is exact (tolerance 0 in the manifest).
import { expect } from '@open-wc/testing';
import { jpegLosslessCodec } from '../../src/codecs/jpeg-lossless.js';
import { readPixelModule } from '../../src/codecs/pixel-module.js';
import { decodeFrame, DecodePool, parseDicomAsync } from '../../src/index.js';
import { expectReferenceFrame, maxAbsDiff, referenceView } from '../reference-pixels.js';

interface Entry {
  name: string;
  file: string;
  frames: number;
  rows: number;
  columns: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  dtype: string;
  tolerance: number;
  source: string;
  exercises: string;
  expected: string[];
}

const BASE = '/test/.tmp/realworld/';
const FILES = '/test/realworld/files/';
const manifest = (await (await fetch(`${BASE}manifest.json`)).json()) as {
  headerBytes: number;
  entries: Entry[];
};

describe('decodeFrame on real-world files', () => {
  let pool: DecodePool;
  before(() => {
    pool = new DecodePool({ size: 2 });
  });
  after(() => {
    pool.dispose();
  });

  it('has a reference for every file kind the corpus is meant to prove', () => {
    const names = new Set(manifest.entries.map((entry) => entry.name));
    for (const name of [
      'gdcm-US-ALOKA-16_big',
      'liver_nonbyte_aligned',
      'liver_deflate',
      'liver_nonbyte_aligned_deflate',
      'liver_nonbyte_aligned_rle',
      'liver_nonbyte_aligned_j2k',
      'liver_nonbyte_aligned_ow_big_endian',
      'liver_expb',
      'OBXXXX1A_expb',
      'OBXXXX1A_first_mapped_64',
      'ALOKA_indirect_segments',
      'parametric_map_float',
      'parametric_map_double_float',
      'emri_small_jpeg_2k_lossless_too_short',
      'SC_rgb_16bit_jpeg_lossless_p14',
    ]) {
      expect(names.has(name), name).to.equal(true);
    }
  });

  for (const entry of manifest.entries) {
    it(`decodes ${entry.name} (${entry.exercises}) exactly as ${entry.source}`, async () => {
      const url = entry.file.startsWith('/') ? entry.file : FILES + entry.file;
      const dataset = await parseDicomAsync(await (await fetch(url)).arrayBuffer());
      expect(dataset.pixelData?.frameCount).to.equal(entry.frames);
      for (let frame = 0; frame < entry.frames; frame += 1) {
        const decoded = await decodeFrame(dataset, frame, { pool });
        const expectedPath = entry.expected[frame] ?? '';
        const reference = await (await fetch(BASE + expectedPath)).arrayBuffer();
        const expected = referenceView(reference.slice(manifest.headerBytes), entry.dtype);
        expectReferenceFrame(decoded, entry, expected, frame);
      }
    });
  }

  // decodeFrame gives colour as 8-bit RGB; the codec itself must get all 16 bits of each sample.
  for (const name of ['SC_rgb_16bit_jpeg_lossless_p14', 'SC_rgb_16bit_jpeg_lossless_sv1']) {
    it(`decodes every 16-bit sample of ${name} (DCMTK's encoding) to the source's`, async () => {
      const load = async (url: string) => parseDicomAsync(await (await fetch(url)).arrayBuffer());
      const encoded = await load(`${BASE}files/${name}.dcm`);
      const source = await load(`${FILES}SC_rgb_16bit.dcm`);
      const sourceBytes = (await source.pixelData?.frame(0))?.bytes ?? new Uint8Array(0);
      const expected = new Uint16Array(sourceBytes.slice().buffer);
      const bytes = (await encoded.pixelData?.frame(0))?.bytes ?? new Uint8Array(0);
      const output = await jpegLosslessCodec.decode(bytes, readPixelModule(encoded));
      expect(output.samples).to.be.instanceOf(Uint16Array);
      expect(output.samples.length).to.equal(expected.length);
      expect(maxAbsDiff(output.samples, expected)).to.equal(0);
    });
  }
});
