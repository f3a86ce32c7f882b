// Mutation fuzzer over the parser (issue 13, item 8): truncations, byte flips, lengths that lie
// (items, fragments, offset tables, any element), dimensions that lie, deflate bombs and deep
// nesting. Every input gives a data set or a typed CourbarilError, and its first frame a decode
// or a typed error; nothing hangs and the decode pool keeps working. Seeded (fuzz-settings.ts).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { DicomDataset } from '../../src/dicom/dataset.js';
import { CourbarilError, DicomParseError } from '../../src/dicom/errors.js';
import { deflateBomb, part10 } from '../../src/dicom/hostile-fixtures.js';
import { parseDicomAsync } from '../../src/dicom/parse-dicom.js';
import { fetchBytes } from '../../src/dicom/test-fixtures.js';
import { decodeFrame } from '../../src/workers/decode-frame.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { fuzz } from './fuzz-settings.js';
import {
  flipped,
  lyingDimensions,
  lyingLengths,
  lyingOffsetTables,
  mutatedFile,
  truncated,
} from './mutations.js';

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

/** Runs per file and mutation kind in `npm test`; `npm run fuzz` multiplies them. */
const RUNS = 6;
/** Longer than any healthy parse and decode of these files; a slower input counts as a hang. */
const HANG_MS = 10_000;

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

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Parses, touches and decodes the first frame; only typed errors may escape, and never a hang. */
async function attempt(bytes: Uint8Array, pool: DecodePool): Promise<void> {
  const started = performance.now();
  let dataset: DicomDataset | undefined;
  try {
    dataset = await parseDicomAsync(bytes, { maxInflatedBytes: 64 * 1024 * 1024 });
    await touch(dataset);
  } catch (error) {
    if (!(error instanceof DicomParseError))
      throw new Error(`Not a DicomParseError: ${describeError(error)}`);
  }
  if (dataset?.pixelData) {
    try {
      await decodeFrame(dataset, 0, { pool });
    } catch (error) {
      if (!(error instanceof CourbarilError))
        throw new Error(`Untyped decode error: ${describeError(error)}`);
      if (/timed out|crashed/.test(error.message))
        throw new Error(`Decode hung or crashed: ${error.message}`);
    }
  }
  expect(performance.now() - started, 'parse and decode time').to.be.below(HANG_MS);
}

describe('parser fuzz', function () {
  this.timeout(300_000);
  let pool: DecodePool;
  before(() => {
    pool = new DecodePool({ size: 1, taskTimeoutMs: HANG_MS });
  });
  after(() => {
    pool.dispose();
  });

  for (const [kind, mutate] of [
    ['truncations', truncated],
    ['byte flips', flipped],
    ['lying lengths (items, fragments, offset tables, elements)', lyingLengths],
    ['lying offset tables (basic, extended)', lyingOffsetTables],
    ['lying dimensions', lyingDimensions],
    ['mixed mutations', mutatedFile],
  ] as const) {
    it(`${kind}: a data set or DicomParseError, a decode or a typed error, no hang`, async () => {
      for (const name of FILES) {
        const original = await fetchBytes(`/test/.tmp/dicom/files/${name}`);
        await fuzz(
          `${kind} of ${name}`,
          fc.asyncProperty(mutate(original), (bytes) => attempt(bytes, pool)),
          RUNS,
        );
      }
      // The pool still decodes a healthy frame after every fault above.
      const healthy = await parseDicomAsync(
        await fetchBytes('/test/.tmp/dicom/files/CT_small.dcm'),
      );
      expect((await decodeFrame(healthy, 0, { pool })).rows).to.equal(128);
    });
  }

  it('deflate bombs of any size stop at the cap with DicomParseError', async () => {
    await fuzz(
      'deflate bombs',
      fc.asyncProperty(fc.integer({ min: 65, max: 512 }), async (mebibytes) => {
        const bomb = part10('1.2.840.10008.1.2.1.99', deflateBomb(mebibytes * 1024 * 1024));
        let error: unknown;
        try {
          await parseDicomAsync(bomb, { maxInflatedBytes: 64 * 1024 * 1024 });
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(DicomParseError);
        expect((error as Error).message).to.contain('limit');
      }),
      2,
    );
  });

  it('refuses absurd nesting with DicomParseError instead of overflowing the stack', async () => {
    await fuzz(
      'deep nesting',
      fc.asyncProperty(fc.integer({ min: 200, max: 20_000 }), async (depth) => {
        // Nested SQ items of undefined length in implicit VR (a raw data set): (0008,1140) SQ, item, …
        const header = [
          0x08, 0x00, 0x40, 0x11, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff,
          0xff,
        ];
        const bytes = new Uint8Array(header.length * depth);
        for (let i = 0; i < depth; i++) bytes.set(header, i * header.length);
        let error: unknown;
        try {
          await parseDicomAsync(bytes);
        } catch (caught) {
          error = caught;
        }
        expect(error).to.be.instanceOf(DicomParseError);
        expect((error as Error).message).to.contain('nested');
      }),
      3,
    );
  });
});
