// A JPEG 2000 frame that stops short of its declared end (a cut file or transfer) must never come
// back as a normal full decode: either what the codec decoded, flagged `partial`, or a typed error.
// The frames are GDCM's JPEG 2000 lossless codestreams of a real MR series (pydicom-data's
// emri_small_jpeg_2k_lossless.dcm) and an OpenJPH HTJ2K codestream, cut here.
import { expect } from '@open-wc/testing';
import {
  DecodeError,
  decodeFrame,
  DecodePool,
  parseDicomAsync,
  type DicomDataset,
  type PixelDataSource,
} from '../../src/index.js';

const FILES = {
  'JPEG 2000': '/test/realworld/files/emri_small_jpeg_2k_lossless.dcm',
  // OpenJPH's encoding of a synthetic 16-bit image (scripts/test/fixtures-codecs.mjs).
  HTJ2K: '/test/.tmp/codecs/files/gen-u16-htj2k.dcm',
};

/** The data set with each frame's codestream replaced by `cut(codestream)`. */
function withCutFrames(
  dataset: DicomDataset,
  cut: (bytes: Uint8Array) => Uint8Array,
): DicomDataset {
  const source = dataset.pixelData;
  if (!source) throw new Error('no pixel data');
  const pixelData: PixelDataSource = {
    frameCount: source.frameCount,
    frame: async (index, options) => {
      const frame = await source.frame(index, options);
      return { ...frame, bytes: cut(frame.bytes) };
    },
  };
  return new Proxy(dataset, {
    get(target, property) {
      if (property === 'pixelData') return pixelData;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

/** Pearson's correlation of two images' pixel values. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const mean = (values: ArrayLike<number>): number =>
    Array.from(values).reduce((sum, v) => sum + v, 0) / values.length;
  const [meanA, meanB] = [mean(a), mean(b)];
  let covariance = 0;
  let varianceA = 0;
  let varianceB = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = (a[i] ?? 0) - meanA;
    const y = (b[i] ?? 0) - meanB;
    covariance += x * y;
    varianceA += x * x;
    varianceB += y * y;
  }
  return covariance / Math.sqrt(varianceA * varianceB);
}

for (const [family, file] of Object.entries(FILES))
  describe(`decodeFrame on a ${family} codestream cut short`, () => {
    let pool: DecodePool;
    let dataset: DicomDataset;
    before(async () => {
      pool = new DecodePool({ size: 1 });
      dataset = await parseDicomAsync(await (await fetch(file)).arrayBuffer());
    });
    after(() => {
      pool.dispose();
    });

    it('decodes the whole codestream as a complete frame', async () => {
      const frame = await decodeFrame(dataset, 0, { pool });
      expect(frame.partial ?? false).to.equal(false);
    });

    it('returns the part that arrived flagged partial, at the full size', async () => {
      const whole = await decodeFrame(dataset, 0, { pool });
      const cut = withCutFrames(dataset, (bytes) =>
        bytes.subarray(0, Math.floor(bytes.length * 0.6)),
      );
      const frame = await decodeFrame(cut, 0, { pool });
      expect(frame.partial).to.equal(true);
      expect([frame.rows, frame.columns]).to.deep.equal([whole.rows, whole.columns]);
      // What is missing is missing: the partial image is not the whole one.
      let differing = 0;
      for (let i = 0; i < whole.pixels.length; i += 1)
        if (whole.pixels[i] !== frame.pixels[i]) differing += 1;
      expect(differing).to.be.above(0);
      // ...but what arrived is the image: a blank or scrambled frame would not follow the whole one
      // (0.86 for this JPEG 2000 frame cut at 60 %, 0.99 for the HTJ2K one; a blank frame is NaN).
      expect(correlation(whole.pixels, frame.pixels)).to.be.above(0.7);
    });

    it('rejects a codestream cut inside its first tile-part header with DecodeError', async () => {
      // No tile data at all: nothing to show, and OpenJPEG would return a blank full-size image.
      const bytes = (await dataset.pixelData?.frame(0))?.bytes ?? new Uint8Array(0);
      let sot = 2;
      while (sot + 4 < bytes.length && !(bytes[sot] === 0xff && bytes[sot + 1] === 0x90))
        sot += 2 + (((bytes[sot + 2] ?? 0) << 8) | (bytes[sot + 3] ?? 0));
      const cut = withCutFrames(dataset, (frame) => frame.subarray(0, sot + 6));
      const error = await decodeFrame(cut, 0, { pool }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(DecodeError);
    });

    it('rejects with DecodeError when not even the main header arrived', async () => {
      const cut = withCutFrames(dataset, (bytes) => bytes.subarray(0, 20));
      const error = await decodeFrame(cut, 0, { pool }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).to.be.instanceOf(DecodeError);
    });
  });
