// Property tests: truncated and bit-flipped codestreams for each codec reject only with typed
// errors, each within 2 s, and the pool keeps decoding afterwards.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { readPixelModule } from './pixel-module.js';
import { parseDicomAsync } from '../dicom/parse-dicom.js';
import { DecodeError, ImageTooLargeError } from '../dicom/errors.js';
import { DecodePool } from '../workers/decode-pool.js';

const BASE = '/test/.tmp/codecs/files/';
const CASES = [
  'gen-u16-rle',
  'gen-u8-jpeg-baseline',
  'gen-u12-jpeg-extended',
  'gen-u16-jpeg-lossless',
  'gen-u16-jpeg-lossless-sv1',
  'gen-u16-jpeg-ls',
  'gen-rgb-jpeg-ls',
  'gen-u16-j2k',
  'gen-rgb-j2k',
  'gen-u16-htj2k',
  'gen-u16-explicit',
].map((name) => [name, `${BASE}${name}.dcm`] as const);
// Real files for the codecs the corpus above lacks: one-bit RLE and Deflated Image Frame Compression.
const REAL_WORLD = ['liver_nonbyte_aligned_rle', 'liver_nonbyte_aligned_deflate'].map(
  (name) => [name, `/test/realworld/files/${name}.dcm`] as const,
);

describe('decoding corrupt codestreams', () => {
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool({ size: 1, taskTimeoutMs: 1500 });
  });
  afterEach(() => {
    pool.dispose();
  });

  for (const [name, url] of [...CASES, ...REAL_WORLD]) {
    it(`${name}: truncation and byte flips give only typed errors within 2 s, and the pool survives`, async () => {
      const dataset = await parseDicomAsync(await (await fetch(url)).arrayBuffer());
      const module = readPixelModule(dataset);
      const frame = await dataset.pixelData?.frame(0);
      if (!frame) throw new Error('fixture without pixel data');
      const original = frame.bytes.slice();
      const decode = async (bytes: Uint8Array): Promise<void> => {
        const started = performance.now();
        try {
          await pool.decode({ bytes, transferSyntaxUid: frame.transferSyntaxUid, module });
        } catch (error) {
          expect(
            error instanceof DecodeError || error instanceof ImageTooLargeError,
            String(error),
          ).to.equal(true);
        }
        expect(performance.now() - started).to.be.below(2000);
      };
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: original.length - 1 }), async (cut) =>
          decode(original.slice(0, cut)),
        ),
        { numRuns: 12, seed: 13 },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.integer({ min: 0, max: original.length - 1 }),
              fc.integer({ min: 1, max: 255 }),
            ),
            { minLength: 1, maxLength: 8 },
          ),
          async (flips) => {
            const bytes = original.slice();
            for (const [at, mask] of flips) bytes[at] = (bytes[at] ?? 0) ^ mask;
            await decode(bytes);
          },
        ),
        { numRuns: 12, seed: 13 },
      );
      const healthy = await pool.decode({
        bytes: original.slice(),
        transferSyntaxUid: frame.transferSyntaxUid,
        module,
      });
      expect(healthy.rows).to.equal(module.rows);
    });
  }
});
