import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import {
  JLS,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  seriesKey,
  uniqueDatabaseName,
} from './cache-fixtures.js';

function decoded(pixels: number): DecodedFrame {
  return {
    rows: 1,
    columns: pixels,
    samplesPerPixel: 1,
    bitsStored: 12,
    signed: false,
    photometricInterpretation: 'MONOCHROME2',
    pixels: new Uint16Array(pixels),
  };
}

describe('SeriesCache decoded-frame memory', () => {
  const caches: SeriesCache[] = [];
  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    await deleteTestDatabases();
  });

  for (const mode of ['persistent', 'memory'] as const) {
    it(`holds decoded pixels within its byte budget and keeps the compressed copy of what it evicts (${mode})`, async () => {
      const cache = new SeriesCache({
        databaseName: uniqueDatabaseName('decoded'),
        mode,
        maxDecodedBytes: 512 * 1024,
      });
      caches.push(cache);
      const series = seriesKey();
      for (let i = 1; i <= 10; i += 1) {
        await cache.putFrame(frameKey(series, i), frameBytes(2_000, i), JLS);
        cache.putDecoded(frameKey(series, i), decoded(64 * 1024)); // 128 KiB each
        expect(cache.decodedBytes).to.be.at.most(512 * 1024);
      }
      expect(cache.getDecoded(frameKey(series, 1))).to.equal(undefined);
      expect(cache.getDecoded(frameKey(series, 10))?.pixels.byteLength).to.equal(128 * 1024);
      // Re-decoded from here, never refetched.
      expect((await cache.getFrame(frameKey(series, 1)))?.bytes).to.deep.equal(
        frameBytes(2_000, 1),
      );
    });
  }

  it("keeps decoded frames for the view in 'none' mode but no compressed copy", async () => {
    const cache = new SeriesCache({ mode: 'none', maxDecodedBytes: 1024 * 1024 });
    caches.push(cache);
    cache.putDecoded(frameKey(seriesKey(), 1), decoded(16));
    expect(cache.getDecoded(frameKey(seriesKey(), 1))).to.not.equal(undefined);
    expect(await cache.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
  });
});

describe('SeriesCache frame ownership', () => {
  afterEach(deleteTestDatabases);

  for (const mode of ['persistent', 'memory'] as const) {
    it(`stores what was put even if the caller transfers the buffer right after (${mode})`, async () => {
      const cache = new SeriesCache({ databaseName: uniqueDatabaseName('own'), mode });
      const bytes = frameBytes(4096, 3);
      const putting = cache.putFrame(frameKey(seriesKey(), 1), bytes, JLS);
      structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
      expect(bytes.byteLength).to.equal(0);
      expect(await putting).to.equal(true);
      const first = await cache.getFrame(frameKey(seriesKey(), 1));
      structuredClone(first!.bytes.buffer, { transfer: [first!.bytes.buffer] });
      expect((await cache.getFrame(frameKey(seriesKey(), 1)))?.bytes).to.deep.equal(
        frameBytes(4096, 3),
      );
      await cache.close();
    });
  }
});
