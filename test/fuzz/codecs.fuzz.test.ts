// Mutation fuzzer over every codec (issue 13, item 8): truncated codestreams, byte flips,
// marker segments whose lengths lie, and Pixel Modules that lie about the image size, decoded
// in real decode workers. Each input gives a decode or a typed CourbarilError, never a hang or
// a dead worker; afterwards the pool decodes the healthy frame exactly as before. Seeded
// (fuzz-settings.ts): `npm test` runs a short fixed-seed run, `npm run fuzz` a long one.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { readPixelModule, type PixelModule } from '../../src/codecs/pixel-module.js';
import { CourbarilError } from '../../src/dicom/errors.js';
import { parseDicomAsync } from '../../src/dicom/parse-dicom.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { fuzz } from './fuzz-settings.js';
import { mutatedCodestream } from './mutations.js';

/** One fixture per codec family and variant (grey and colour, lossless and lossy, progression). */
const CODECS = [
  'gen-u16-rle',
  'gen-rgb-rle',
  'gen-u8-jpeg-baseline',
  'gen-rgb-jpeg-baseline',
  'gen-u12-jpeg-extended',
  'gen-u16-jpeg-lossless',
  'gen-u16-jpeg-lossless-sv1',
  'gen-u16-jpeg-ls',
  'gen-rgb-jpeg-ls-near',
  'gen-u16-j2k',
  'gen-rgb-j2k-lossy',
  'gen-u16-htj2k',
  'gen-u12-htj2k-rpcl',
  'gen-rgb-htj2k-lossy',
  'gen-u16-explicit',
  'gen-s16-bigendian',
];

/** Runs per codec in `npm test`; `npm run fuzz` multiplies them. */
const RUNS = 8;
/** Longer than any healthy decode of these small fixtures; a slower decode counts as a hang. */
const HANG_MS = 10_000;

interface Frame {
  readonly bytes: Uint8Array;
  readonly transferSyntaxUid: string;
  readonly module: PixelModule;
}

async function firstFrame(name: string): Promise<Frame> {
  const response = await fetch(`/test/.tmp/codecs/files/${name}.dcm`);
  const dataset = await parseDicomAsync(await response.arrayBuffer());
  const frame = await dataset.pixelData?.frame(0);
  if (!frame) throw new Error(`${name} has no pixel data`);
  return {
    bytes: frame.bytes.slice(),
    transferSyntaxUid: frame.transferSyntaxUid,
    module: readPixelModule(dataset),
  };
}

/** A Pixel Module that lies about the image the codestream holds. */
function lyingModule(module: PixelModule): fc.Arbitrary<PixelModule> {
  const size = fc.constantFrom(0, 1, 3, 4096, 65535);
  return fc.oneof(
    fc.record({ rows: size, columns: size }).map((lie) => ({ ...module, ...lie })),
    fc.constantFrom(1, 3).map((samplesPerPixel) => ({ ...module, samplesPerPixel })),
    fc.constantFrom(8, 16).map((bitsAllocated) => ({
      ...module,
      bitsAllocated,
      bitsStored: Math.min(module.bitsStored, bitsAllocated),
      highBit: Math.min(module.highBit, bitsAllocated - 1),
    })),
  );
}

describe('codec fuzz', function () {
  this.timeout(300_000);
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool({ size: 1, taskTimeoutMs: HANG_MS });
  });
  afterEach(() => {
    pool.dispose();
  });

  for (const name of CODECS) {
    it(`${name}: damaged codestreams and lying modules decode or fail typed, and the worker recovers`, async () => {
      const frame = await firstFrame(name);
      const before = await pool.decode({ ...frame, bytes: frame.bytes.slice() });
      const decode = async (bytes: Uint8Array, module: PixelModule): Promise<void> => {
        const started = performance.now();
        try {
          const decoded = await pool.decode({
            bytes,
            transferSyntaxUid: frame.transferSyntaxUid,
            module,
          });
          // A decode that succeeds is the whole image the data set declares.
          expect(decoded.rows).to.equal(module.rows);
          expect(decoded.columns).to.equal(module.columns);
        } catch (error) {
          if (!(error instanceof CourbarilError))
            throw new Error(`Untyped error: ${String(error)}`, { cause: error });
          if (/timed out|crashed/.test(error.message))
            throw new Error(`Decoder hung or crashed: ${error.message}`);
        }
        expect(performance.now() - started, 'decode time').to.be.below(HANG_MS);
      };
      await fuzz(
        `damaged ${name}`,
        fc.asyncProperty(mutatedCodestream(frame.bytes), (bytes) => decode(bytes, frame.module)),
        RUNS,
      );
      await fuzz(
        `lying module for ${name}`,
        fc.asyncProperty(lyingModule(frame.module), (module) =>
          decode(frame.bytes.slice(), module),
        ),
        Math.ceil(RUNS / 2),
      );
      // Workers recovered: the healthy frame decodes again, identical to before the faults.
      const after = await pool.decode({ ...frame, bytes: frame.bytes.slice() });
      expect(after.pixels.length).to.equal(before.pixels.length);
      expect(after.pixels.every((value, i) => value === before.pixels[i])).to.equal(true);
      expect(pool.workerCount).to.be.at.most(1);
    });
  }

  it('J2K and HTJ2K previews of damaged codestreams are previews or typed errors', async () => {
    for (const name of ['gen-u16-j2k', 'gen-u12-htj2k-rpcl']) {
      const frame = await firstFrame(name);
      await fuzz(
        `damaged preview of ${name}`,
        fc.asyncProperty(mutatedCodestream(frame.bytes), async (bytes) => {
          try {
            const preview = await pool.decodePreview({ ...frame, bytes });
            expect(preview.fullRows).to.equal(frame.module.rows);
          } catch (error) {
            if (!(error instanceof CourbarilError))
              throw new Error(`Untyped error: ${String(error)}`, { cause: error });
            if (/timed out|crashed/.test(error.message))
              throw new Error(`Decoder hung or crashed: ${error.message}`);
          }
        }),
        RUNS,
      );
    }
  });
});
