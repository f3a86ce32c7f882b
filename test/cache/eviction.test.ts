import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { SeriesCacheOptions } from '../../src/cache/cache-options.js';
import type { SeriesKey } from '../../src/cache/cache-keys.js';
import {
  JLS,
  countRaw,
  TestCaches,
  frameBytes,
  frameKey,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5);

describe('SeriesCache time-to-live, size budget and quota', () => {
  const caches = new TestCaches(T0);
  const open = (databaseName: string, options?: SeriesCacheOptions): SeriesCache =>
    caches.open(databaseName, options);
  const originalPut = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'put')!;
  afterEach(async () => {
    Object.defineProperty(IDBObjectStore.prototype, 'put', originalPut);
    delete (navigator.storage as Partial<StorageManager>).estimate;
    await caches.reset();
  });

  async function putSeries(
    cache: SeriesCache,
    series: SeriesKey,
    frames: number,
    bytes: number,
  ): Promise<void> {
    await cache.putMetadata(series, seriesMetadata('P'), { patient: { patientId: 'P' } });
    for (let i = 1; i <= frames; i += 1)
      expect(await cache.putFrame(frameKey(series, i), frameBytes(bytes, i), JLS)).to.equal(true);
  }

  it('serves entries until 7 days after they were fetched, then reports misses and deletes them', async () => {
    const name = uniqueDatabaseName('ttl');
    const cache = open(name);
    await putSeries(cache, seriesKey(), 2, 500);
    caches.now = T0 + 7 * DAY - 1;
    expect(await cache.getFrame(frameKey(seriesKey(), 1))).not.to.equal(undefined);
    caches.now = T0 + 7 * DAY;
    expect(await cache.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
    expect(await cache.getMetadata(seriesKey())).to.equal(undefined);
    // Frame 2 was not read: the sweep deletes it.
    expect((await countRaw(name))['frames']).to.equal(1);
    await cache.sweep();
    expect(await countRaw(name)).to.deep.equal({ frames: 0, posters: 0, series: 0 });
  });

  it('applies a configured time-to-live, counted from fetch time not last use', async () => {
    const name = uniqueDatabaseName('ttl-custom');
    const cache = open(name, { ttlMs: DAY });
    await putSeries(cache, seriesKey(), 1, 500);
    caches.now = T0 + DAY / 2;
    await cache.touch(seriesKey());
    expect(await cache.hasSeries(seriesKey())).to.equal(true);
    caches.now = T0 + DAY;
    expect(await cache.hasSeries(seriesKey())).to.equal(false);
  });

  it('evicts the least recently used series, whole, when the size budget is reached', async () => {
    const name = uniqueDatabaseName('lru');
    const cache = open(name, { maxStoredBytes: 80_000 });
    const [a, b, c] = ['1.9.1', '1.9.2', '1.9.3'].map((uid) => seriesKey(uid));
    caches.now = T0 + 1;
    await putSeries(cache, a!, 3, 10_000);
    caches.now = T0 + 2;
    await putSeries(cache, b!, 3, 10_000);
    caches.now = T0 + 3;
    await cache.touch(a!);
    caches.now = T0 + 4;
    await putSeries(cache, c!, 3, 10_000);
    expect(await cache.hasSeries(b!)).to.equal(false);
    const sops = (series: SeriesKey): string[] =>
      [1, 2, 3].map((i) => frameKey(series, i).sopInstanceUid);
    expect(await cache.listFrames(b!, sops(b!))).to.have.length(0);
    expect(await cache.listFrames(a!, sops(a!))).to.have.length(3);
    expect(await cache.listFrames(c!, sops(c!))).to.have.length(3);
    expect((await countRaw(name))['frames']).to.equal(6);
  });

  it('resolves false for a frame larger than a tiny budget, without throwing or storing it', async () => {
    const name = uniqueDatabaseName('tiny');
    const cache = open(name, { maxStoredBytes: 5_000 });
    expect(await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(10_000, 1), JLS)).to.equal(
      false,
    );
    expect(caches.warnings).to.include('quota');
    expect(await cache.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
    expect(await cache.putFrame(frameKey(seriesKey(), 2), frameBytes(1_000, 2), JLS)).to.equal(
      true,
    );
    expect((await countRaw(name))['frames']).to.equal(1);
  });

  it('fits the budget to half the quota reported by navigator.storage.estimate()', async () => {
    Object.defineProperty(navigator.storage, 'estimate', {
      configurable: true,
      value: () => Promise.resolve({ quota: 40_000, usage: 0 }),
    });
    const cache = open(uniqueDatabaseName('estimate'));
    await cache.sweep();
    expect(await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(30_000, 1), JLS)).to.equal(
      false,
    );
    expect(await cache.putFrame(frameKey(seriesKey(), 2), frameBytes(5_000, 2), JLS)).to.equal(
      true,
    );
  });

  it('on QuotaExceededError evicts the least recently used series and retries once', async () => {
    const name = uniqueDatabaseName('quota-retry');
    const cache = open(name);
    const old = seriesKey('1.8.1');
    await putSeries(cache, old, 2, 2_000);
    caches.now = T0 + 1;
    let thrown = 0;
    Object.defineProperty(IDBObjectStore.prototype, 'put', {
      ...originalPut,
      value: function put(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if (this.name === 'frames' && thrown === 0) {
          thrown += 1;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return (originalPut.value as IDBObjectStore['put']).apply(this, args);
      },
    });
    const fresh = frameKey(seriesKey('1.8.2'), 1);
    expect(await cache.putFrame(fresh, frameBytes(2_000, 9), JLS)).to.equal(true);
    expect(thrown).to.equal(1);
    expect(await cache.hasSeries(old)).to.equal(false);
    expect((await cache.getFrame(fresh))?.bytes).to.deep.equal(frameBytes(2_000, 9));
    expect(caches.warnings).not.to.include('quota');
  });

  it('resolves false and reports "quota" when the disk stays full, and never throws', async () => {
    const name = uniqueDatabaseName('quota-full');
    const cache = open(name);
    await putSeries(cache, seriesKey('1.7.1'), 1, 1_000);
    let attempts = 0;
    Object.defineProperty(IDBObjectStore.prototype, 'put', {
      ...originalPut,
      value: function put() {
        attempts += 1;
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    });
    expect(
      await cache.putFrame(frameKey(seriesKey('1.7.2'), 1), frameBytes(1_000, 1), JLS),
    ).to.equal(false);
    expect(attempts).to.equal(2);
    expect(
      (await cache.putMetadata(seriesKey('1.7.2'), [], { patient: { patientId: 'P' } })).stored,
    ).to.equal(false);
    expect(caches.warnings.filter((code) => code === 'quota')).to.have.length(2);
  });
});
