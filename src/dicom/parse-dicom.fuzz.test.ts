import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { DicomDataset } from './dataset.js';
import { DicomParseError } from './errors.js';
import { parseDicomAsync } from './parse-dicom.js';
import { fetchBytes } from './test-fixtures.js';

/** One file per reading path: explicit/implicit/big endian, deflate, nested SQ, encapsulated with and without tables. */
const FILES = [
  'CT_small.dcm',
  'MR_small_implicit.dcm',
  'MR_small_bigendian.dcm',
  'image_dfl.dcm',
  'rtplan.dcm',
  'test-SR.dcm',
  'JPEG2000.dcm',
  'MR_small_RLE.dcm',
  'chrH31.dcm',
  'ExplVR_BigEndNoMeta.dcm',
  'gen_nobot_2frag.dcm',
  'gen_extended_offset_table.dcm',
  'gen_1bit_3frames.dcm',
];

const RUNS_PER_FILE = 40;

/** Touches every accessor (and a few frames) so that lazily read parts are exercised too. */
async function touch(dataset: DicomDataset, depth = 0): Promise<void> {
  for (const tag of dataset.tags()) {
    dataset.vr(tag);
    dataset.strings(tag);
    dataset.numbers(tag);
    dataset.bytes(tag);
    if (depth < 8) for (const item of dataset.sequence(tag)) await touch(item, depth + 1);
  }
  const pixelData = dataset.pixelData;
  if (pixelData !== undefined) {
    for (const index of new Set([0, 1, pixelData.frameCount - 1])) {
      if (index >= 0 && index < pixelData.frameCount) await pixelData.frame(index);
    }
  }
}

/** Parses and touches; only DicomParseError may escape. Returns how long it took. */
async function attempt(bytes: Uint8Array): Promise<number> {
  const start = performance.now();
  try {
    await touch(await parseDicomAsync(bytes));
  } catch (error) {
    if (!(error instanceof DicomParseError)) {
      throw new Error(
        `Not a DicomParseError: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      );
    }
  }
  return performance.now() - start;
}

describe('parseDicom on damaged input (fast-check)', function () {
  this.timeout(120_000);

  it('reports truncation at any offset as DicomParseError or a valid data set, quickly', async () => {
    for (const name of FILES) {
      const bytes = await fetchBytes(`/test/.tmp/dicom/files/${name}`);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (length) => {
          expect(await attempt(bytes.slice(0, length)), `${name} cut at ${length}`).to.be.below(
            2000,
          );
        }),
        { numRuns: RUNS_PER_FILE },
      );
    }
  });

  it('reports random byte changes as DicomParseError or a valid data set, quickly', async () => {
    for (const name of FILES) {
      const bytes = await fetchBytes(`/test/.tmp/dicom/files/${name}`);
      const flip = fc.record({
        at: fc.integer({ min: 0, max: bytes.length - 1 }),
        value: fc.integer({ min: 0, max: 255 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(flip, { minLength: 1, maxLength: 8 }), async (flips) => {
          const damaged = bytes.slice();
          for (const { at, value } of flips) damaged[at] = value;
          expect(await attempt(damaged), `${name} with ${flips.length} changed bytes`).to.be.below(
            2000,
          );
        }),
        { numRuns: RUNS_PER_FILE },
      );
    }
  });

  it('reports lengths that lie (every 4-byte field set to 0xFFFFFFFE) as DicomParseError, quickly', async () => {
    const bytes = await fetchBytes('/test/.tmp/dicom/files/rtplan.dcm');
    for (let at = 132; at + 4 <= Math.min(bytes.length, 1500); at += 2) {
      const damaged = bytes.slice();
      new DataView(damaged.buffer).setUint32(at, 0xfffffffe, true);
      expect(await attempt(damaged), `length at ${at}`).to.be.below(2000);
    }
  });

  it('refuses absurd nesting with DicomParseError instead of overflowing the stack', async () => {
    // 10,000 nested SQ items of undefined length in implicit VR (a raw data set): (0008,1140) SQ, item, …
    const header = [
      0x08, 0x00, 0x40, 0x11, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff,
      0xff,
    ];
    const bytes = new Uint8Array(header.length * 10_000);
    for (let i = 0; i < 10_000; i++) bytes.set(header, i * header.length);
    let error: unknown;
    try {
      await parseDicomAsync(bytes);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(DicomParseError);
    expect((error as Error).message).to.contain('nested');
  });
});
