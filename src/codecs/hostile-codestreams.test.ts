// Hostile codestreams (issue 13, item 6): a frame cut in half is an error, never a silent
// whole image; a SIZ segment that lies about offsets or tiles is refused before decoding;
// a decoder fault replaces its worker.
import { expect } from '@open-wc/testing';
import { DecodeError, DecoderFaultError } from '../dicom/errors.js';
import { parseDicomAsync } from '../dicom/parse-dicom.js';
import { DecodePool } from '../workers/decode-pool.js';
import { readPixelModule, type PixelModule } from './pixel-module.js';

const BASE = '/test/.tmp/codecs/files/';

interface Fixture {
  readonly bytes: Uint8Array;
  readonly transferSyntaxUid: string;
  readonly module: PixelModule;
}

async function fixture(name: string): Promise<Fixture> {
  const dataset = await parseDicomAsync(await (await fetch(`${BASE}${name}.dcm`)).arrayBuffer());
  const frame = await dataset.pixelData?.frame(0);
  if (!frame) throw new Error(`${name} has no pixel data`);
  return {
    bytes: frame.bytes.slice(),
    transferSyntaxUid: frame.transferSyntaxUid,
    module: readPixelModule(dataset),
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Offset of the SIZ segment's Lsiz field (after SOC FF4F and the SIZ marker FF51). */
function sizAt(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (
      bytes[i] === 0xff &&
      bytes[i + 1] === 0x4f &&
      bytes[i + 2] === 0xff &&
      bytes[i + 3] === 0x51
    )
      return i + 4;
  }
  throw new Error('no SIZ');
}

/** Codecs that return what arrived of a cut codestream, flagged `partial` (codecs/partial-codestream.ts). */
const J2K_FAMILY = /j2k/;

describe('hostile codestreams', () => {
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool({ size: 1 });
  });
  afterEach(() => {
    pool.dispose();
  });

  for (const name of [
    'gen-u16-j2k',
    'gen-rgb-j2k',
    'gen-u16-htj2k',
    'gen-u12-htj2k-rpcl',
    'gen-u16-jpeg-lossless',
    'gen-u16-jpeg-lossless-sv1',
    'gen-u16-jpeg-ls',
    'gen-u8-jpeg-baseline',
    'gen-u12-jpeg-extended',
  ]) {
    it(`${name}: a codestream cut in half (or short of its last bytes) is never a silent whole image`, async () => {
      const { bytes, transferSyntaxUid, module } = await fixture(name);
      for (const length of [bytes.length >> 1, bytes.length - 8]) {
        const outcome = await pool
          .decode({ bytes: bytes.slice(0, length), transferSyntaxUid, module })
          .then(
            (frame) => frame,
            (error: unknown) => error,
          );
        const where = `${name} cut at ${length} of ${bytes.length}`;
        if (J2K_FAMILY.test(name) && !(outcome instanceof Error)) {
          // JPEG 2000 / HTJ2K decode what arrived (issue 14), flagged: never taken for the image.
          expect((outcome as { partial?: boolean }).partial, where).to.equal(true);
        } else {
          expect(outcome, where).to.be.instanceOf(DecodeError);
          expect((outcome as Error).message).to.match(/truncated|too little/);
        }
      }
      // The whole codestream still decodes: the check does not refuse good frames.
      const whole = await pool.decode({ bytes: bytes.slice(), transferSyntaxUid, module });
      expect(whole.rows).to.equal(module.rows);
    });
  }

  it('a cut JPEG 2000 codestream is still a preview when one is asked for', async () => {
    const { bytes, transferSyntaxUid, module } = await fixture('gen-u16-j2k');
    const preview = await pool.decodePreview({
      bytes: bytes.slice(0, Math.floor(bytes.length * 0.9)),
      transferSyntaxUid,
      module,
    });
    expect(preview.partial).to.equal(true);
  });

  for (const name of ['gen-u16-htj2k', 'gen-u16-j2k']) {
    it(`${name}: an image offset near 2^32 in SIZ is refused before decoding, and the worker is kept`, async () => {
      const { bytes, transferSyntaxUid, module } = await fixture(name);
      const hostile = bytes.slice();
      const view = new DataView(hostile.buffer);
      const siz = sizAt(hostile);
      const offset = 0xfff00000;
      // Xsiz, Ysiz = offset + size; XOsiz, YOsiz = offset; the tile grid starts there too:
      // the image is still Columns × Rows, as the data set says.
      view.setUint32(siz + 4, offset + module.columns);
      view.setUint32(siz + 8, offset + module.rows);
      view.setUint32(siz + 12, offset);
      view.setUint32(siz + 16, offset);
      view.setUint32(siz + 28, offset);
      view.setUint32(siz + 32, offset);
      const error = await rejection(pool.decode({ bytes: hostile, transferSyntaxUid, module }));
      expect(error).to.be.instanceOf(DecodeError);
      expect((error as Error).message).to.match(/image offset/);
      expect(error).to.not.be.instanceOf(DecoderFaultError);
      expect(pool.replacedWorkers).to.equal(0);
    });

    it(`${name}: a tile grid that A.5.1 forbids (zero-width tiles) is refused before decoding`, async () => {
      const { bytes, transferSyntaxUid, module } = await fixture(name);
      const hostile = bytes.slice();
      const siz = sizAt(hostile);
      new DataView(hostile.buffer).setUint32(siz + 20, 0);
      const error = await rejection(pool.decode({ bytes: hostile, transferSyntaxUid, module }));
      expect(error).to.be.instanceOf(DecodeError);
      expect((error as Error).message).to.match(/tile grid/);
    });
  }

  it('replaces the worker after a decoder fault (a native exception in CharLS), and keeps decoding', async () => {
    const { bytes, transferSyntaxUid, module } = await fixture('gen-u16-jpeg-ls');
    // Bytes of the scan changed one at a time until CharLS itself throws (a fault, not one of
    // our checks): deterministic, and the test fails if no change faults.
    let fault: unknown;
    for (let at = bytes.length - 40; at > bytes.length / 2 && fault === undefined; at -= 7) {
      const damaged = bytes.slice();
      damaged[at] = 0xff;
      const error = await rejection(pool.decode({ bytes: damaged, transferSyntaxUid, module }));
      if (error instanceof DecoderFaultError) fault = error;
    }
    expect(fault, 'a decoder fault').to.be.instanceOf(DecoderFaultError);
    expect(pool.replacedWorkers).to.equal(1);
    const healthy = await pool.decode({ bytes: bytes.slice(), transferSyntaxUid, module });
    expect(healthy.rows).to.equal(module.rows);
    expect(pool.workerCount).to.equal(1);
  });
});
