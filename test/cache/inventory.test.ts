import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { SeriesCacheOptions } from '../../src/cache/cache-options.js';
import type { StoredFrameInfo } from '../../src/cache/series-store.js';
import {
  JLS,
  aesKey,
  TestCaches,
  frameBytes,
  frameKey,
  rewriteRaw,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5);
const HTJ2K = '1.2.840.10008.1.2.4.201';

/** What a loader needs to know of a listed frame: which one, its codec, its length. */
function summary(list: readonly StoredFrameInfo[]): string[] {
  return list
    .map((f) => `${f.sopInstanceUid}/${String(f.frame)} ${f.transferSyntaxUid} ${String(f.length)}`)
    .sort();
}

describe('SeriesCache.inventory: what a reopened series can count on without reading it', () => {
  const caches = new TestCaches(T0);
  const open = (databaseName: string, options?: SeriesCacheOptions): SeriesCache =>
    caches.open(databaseName, options);
  afterEach(() => caches.reset());

  const series = seriesKey('1.5.1');
  async function putThree(cache: SeriesCache): Promise<void> {
    expect(await cache.putFrame(frameKey(series, 1), frameBytes(3000, 1), JLS)).to.equal(true);
    expect(await cache.putFrame(frameKey(series, 2, 3), frameBytes(4000, 2), HTJ2K)).to.equal(true);
    expect(await cache.putFrame(frameKey(seriesKey('1.5.2'), 1), frameBytes(500, 3), JLS)).to.equal(
      true,
    );
  }
  /** The instances the loader names (records are keyed by keyed hashes of them). */
  const SOPS = ['1.5.1.1', '1.5.1.2'];
  const expected = [`1.5.1.1/1 ${JLS} 3000`, `1.5.1.2/3 ${HTJ2K} 4000`];

  it("lists the series' frames, with transfer syntax and length, from a new connection (persistent)", async () => {
    const name = uniqueDatabaseName('inventory');
    await putThree(open(name));
    expect(summary(await open(name).inventory(series, SOPS))).to.deep.equal(expected);
  });

  it("lists the series' frames in memory mode, and nothing in mode 'none'", async () => {
    const memory = open(uniqueDatabaseName('inventory-memory'), { mode: 'memory' });
    await putThree(memory);
    expect(summary(await memory.inventory(series, SOPS))).to.deep.equal(expected);
    const none = open(uniqueDatabaseName('inventory-none'), { mode: 'none' });
    await none.putFrame(frameKey(series, 1), frameBytes(10, 1), JLS);
    expect(await none.inventory(series, SOPS)).to.deep.equal([]);
  });

  for (const mode of ['persistent', 'memory'] as const) {
    it(`names the codec of a stored frame with the metadata, so workers load it at once (${mode})`, async () => {
      const cache = open(uniqueDatabaseName('inventory-codec'), { mode });
      await cache.putMetadata(series, seriesMetadata('P'), { patient: { patientId: 'P' } });
      expect((await cache.getMetadata(series))?.frameTransferSyntaxUid).to.equal(undefined);
      await cache.putFrame(frameKey(series, 2), frameBytes(100, 1), HTJ2K);
      expect((await cache.getMetadata(series))?.frameTransferSyntaxUid).to.equal(HTJ2K);
    });
  }

  it('leaves out frames past their time-to-live', async () => {
    const name = uniqueDatabaseName('inventory-ttl');
    const cache = open(name, { ttlMs: DAY });
    await cache.putFrame(frameKey(series, 1), frameBytes(100, 1), JLS);
    caches.now = T0 + DAY / 2;
    await cache.putFrame(frameKey(series, 2), frameBytes(100, 2), JLS);
    caches.now = T0 + DAY;
    expect(summary(await cache.inventory(series, SOPS))).to.deep.equal([`1.5.1.2/1 ${JLS} 100`]);
  });

  it("leaves out frames the current key cannot open: the device key's under a host key, and the other way round", async () => {
    const name = uniqueDatabaseName('inventory-policy');
    const key = await aesKey();
    await open(name).putFrame(frameKey(series, 1), frameBytes(100, 1), JLS);
    await open(name, { encryptionKey: key }).putFrame(frameKey(series, 2), frameBytes(100, 2), JLS);
    expect(summary(await open(name).inventory(series, SOPS))).to.deep.equal([
      `1.5.1.1/1 ${JLS} 100`,
    ]);
    expect(summary(await open(name, { encryptionKey: key }).inventory(series, SOPS))).to.deep.equal(
      [`1.5.1.2/1 ${JLS} 100`],
    );
    // A rotated key: nothing it could not decrypt is promised to the loader.
    expect(
      await open(name, { encryptionKey: await aesKey() }).inventory(series, SOPS),
    ).to.deep.equal([]);
  });

  for (const encrypted of [false, true]) {
    it(`leaves out a frame whose stored payload has the wrong length (${encrypted ? 'encrypted' : 'clear'})`, async () => {
      const name = uniqueDatabaseName('inventory-cut');
      const options = encrypted ? { encryptionKey: await aesKey() } : {};
      const cache = open(name, options);
      await cache.putFrame(frameKey(series, 1), frameBytes(8192, 1), JLS);
      await rewriteRaw(name, 'frames', (value) =>
        Promise.resolve({ ...value, payload: (value['payload'] as Blob).slice(0, 4096) }),
      );
      await cache.putFrame(frameKey(series, 2), frameBytes(8192, 2), JLS);
      expect(summary(await cache.inventory(series, SOPS))).to.deep.equal([`1.5.1.2/1 ${JLS} 8192`]);
    });
  }
});
