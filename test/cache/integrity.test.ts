import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { CacheWarningCode } from '../../src/cache/cache-errors.js';
import {
  JLS,
  aesKey,
  countRaw,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  rewriteRaw,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

async function flipByte(
  value: Record<string, unknown>,
  at: number,
): Promise<Record<string, unknown>> {
  const bytes = new Uint8Array(await (value['payload'] as Blob).arrayBuffer());
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return { ...value, payload: new Blob([bytes]) };
}

describe('SeriesCache integrity', () => {
  const caches: SeriesCache[] = [];
  const warnings: CacheWarningCode[] = [];
  function open(databaseName: string, encryptionKey?: CryptoKey): SeriesCache {
    const cache = new SeriesCache({
      databaseName,
      onWarning: (code) => warnings.push(code),
      ...(encryptionKey ? { encryptionKey } : {}),
    });
    caches.push(cache);
    return cache;
  }
  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    warnings.length = 0;
    await deleteTestDatabases();
  });

  for (const encrypted of [false, true]) {
    const mode = encrypted ? 'encrypted' : 'clear';

    it(`drops a frame (${mode}) with one flipped bit and reports a miss`, async () => {
      const name = uniqueDatabaseName(`flip-${mode}`);
      const cache = open(name, encrypted ? await aesKey() : undefined);
      await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(8192, 5), JLS);
      await rewriteRaw(name, 'frames', (value) => flipByte(value, 4000));
      expect(await cache.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
      expect(warnings).to.include('integrity');
      expect((await countRaw(name))['frames']).to.equal(0);
    });

    it(`drops a truncated frame (${mode})`, async () => {
      const name = uniqueDatabaseName(`cut-${mode}`);
      const cache = open(name, encrypted ? await aesKey() : undefined);
      await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(8192, 5), JLS);
      await rewriteRaw(name, 'frames', (value) =>
        Promise.resolve({ ...value, payload: (value['payload'] as Blob).slice(0, 4096) }),
      );
      expect(await cache.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
      expect((await countRaw(name))['frames']).to.equal(0);
    });

    it(`drops metadata (${mode}) whose bytes changed`, async () => {
      const name = uniqueDatabaseName(`meta-${mode}`);
      const cache = open(name, encrypted ? await aesKey() : undefined);
      await cache.putMetadata(seriesKey(), seriesMetadata('P1'), { patient: { patientId: 'P1' } });
      await rewriteRaw(name, 'series', (value) => flipByte(value, 10));
      expect(await cache.getMetadata(seriesKey())).to.equal(undefined);
      expect((await countRaw(name))['series']).to.equal(0);
    });
  }

  it('keeps an intact neighbour when one frame is corrupt', async () => {
    const name = uniqueDatabaseName('neighbour');
    const cache = open(name);
    await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(2048, 1), JLS);
    await rewriteRaw(name, 'frames', (value) => flipByte(value, 0));
    await cache.putFrame(frameKey(seriesKey(), 2), frameBytes(2048, 2), JLS);
    expect(await cache.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
    expect((await cache.getFrame(frameKey(seriesKey(), 2)))?.bytes).to.deep.equal(
      frameBytes(2048, 2),
    );
  });
});
