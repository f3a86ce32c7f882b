import { expect } from '@open-wc/testing';
import { openDB } from 'idb';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { openCacheDatabase } from '../../src/cache/cache-database.js';
import { CacheBlockedError, type CacheWarningCode } from '../../src/cache/cache-errors.js';
import { CACHE_SCHEMA_VERSION } from '../../src/cache/cache-schema.js';
import {
  JLS,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  seriesKey,
  uniqueDatabaseName,
} from './cache-fixtures.js';
import { waitFor } from '../waits.js';

/** Loads a same-origin iframe: a second browsing context, as another tab of the portal would be. */
async function sameOriginFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = 'about:blank';
  // Listening first: an about:blank load may complete during append.
  const loaded = new Promise((resolve) => {
    frame.addEventListener('load', resolve, { once: true });
  });
  document.body.append(frame);
  await loaded;
  return frame;
}

describe('SeriesCache with several tabs', () => {
  const caches: SeriesCache[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    for (const cache of caches.splice(0)) await cache.close();
    await deleteTestDatabases();
  });

  it('closes its connection cleanly when another tab upgrades the database, then serves misses', async () => {
    const name = uniqueDatabaseName('upgrade');
    const warnings: CacheWarningCode[] = [];
    const oldTab = new SeriesCache({
      databaseName: name,
      onWarning: (code) => warnings.push(code),
    });
    caches.push(oldTab);
    await oldTab.putFrame(frameKey(seriesKey(), 1), frameBytes(500, 1), JLS);

    const frame = await sameOriginFrame();
    cleanups.push(() => {
      frame.remove();
    });
    const otherIdb = (frame.contentWindow as (Window & typeof globalThis) | null)?.indexedDB;
    expect(otherIdb, 'iframe has its own IndexedDB factory').to.not.equal(undefined);
    // A newer build in the other tab: its open must not be blocked by ours.
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = otherIdb!.open(name, CACHE_SCHEMA_VERSION + 1);
      request.onblocked = () => {
        reject(new Error('blocked by the old tab'));
      };
      request.onsuccess = () => {
        resolve(request.result);
      };
    });
    expect(newer.version).to.equal(CACHE_SCHEMA_VERSION + 1);
    newer.close();

    expect(oldTab.state).to.equal('closed');
    expect(warnings).to.include('version-change');
    expect(await oldTab.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
    // Memory stands in: what this tab puts now is still served for the page.
    expect(await oldTab.putFrame(frameKey(seriesKey(), 2), frameBytes(500, 2), JLS)).to.equal(true);
    expect((await oldTab.getFrame(frameKey(seriesKey(), 2)))?.bytes).to.deep.equal(
      frameBytes(500, 2),
    );
  });

  it('reports being blocked by an old tab, then opens once that tab closes', async () => {
    const name = uniqueDatabaseName('blocked');
    (await openCacheDatabase(name)).close();
    // An old tab that ignores versionchange (no handler).
    const stubborn = await openDB(name, CACHE_SCHEMA_VERSION);
    cleanups.push(() => {
      stubborn.close();
    });
    let blockedCalls = 0;
    const opening = openCacheDatabase(name, {
      version: CACHE_SCHEMA_VERSION + 1,
      blockedTimeoutMs: 10_000,
      onBlocked: () => {
        blockedCalls += 1;
        stubborn.close();
      },
    });
    const db = await opening;
    expect(blockedCalls).to.equal(1);
    expect(db.version).to.equal(CACHE_SCHEMA_VERSION + 1);
    expect(Array.from(db.objectStoreNames).sort()).to.deep.equal([
      'frames',
      'keys',
      'posters',
      'series',
    ]);
    db.close();
  });

  it('refuses a database of our name that lacks our stores', async () => {
    const name = uniqueDatabaseName('foreign');
    (await openDB(name, CACHE_SCHEMA_VERSION)).close();
    const warnings: CacheWarningCode[] = [];
    const cache = new SeriesCache({ databaseName: name, onWarning: (code) => warnings.push(code) });
    caches.push(cache);
    await cache.ready;
    expect(cache.state).to.equal('memory');
    expect(warnings).to.deep.equal(['unavailable']);
    expect(await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(100, 1), JLS)).to.equal(true);
  });

  it('gives up with CacheBlockedError after the timeout, and closes the late connection', async () => {
    const name = uniqueDatabaseName('blocked-timeout');
    (await openCacheDatabase(name)).close();
    const stubborn = await openDB(name, CACHE_SCHEMA_VERSION);
    cleanups.push(() => {
      stubborn.close();
    });
    let lateOpen = (_db: { readonly version: number }): void => undefined;
    const late = new Promise<{ readonly version: number }>((resolve) => {
      lateOpen = resolve;
    });
    const error = await openCacheDatabase(name, {
      version: CACHE_SCHEMA_VERSION + 1,
      blockedTimeoutMs: 100,
      onLateOpen: (db) => {
        db.close();
        lateOpen(db);
      },
    }).catch((reason: unknown) => reason);
    expect(error).to.be.instanceOf(CacheBlockedError);
    expect(String(error)).not.to.contain(name);
    stubborn.close();
    // The open given up on completes once the blocker has gone, and is closed at once.
    expect((await late).version).to.equal(CACHE_SCHEMA_VERSION + 1);
  });

  it('serves from memory while blocked, and adopts the database when the blocker leaves', async () => {
    const name = uniqueDatabaseName('blocked-cache');
    (await openCacheDatabase(name)).close();
    // An old tab that ignores versionchange, while this tab runs a newer build.
    const stubborn = await openDB(name, CACHE_SCHEMA_VERSION);
    cleanups.push(() => {
      stubborn.close();
    });
    const warnings: CacheWarningCode[] = [];
    const cache = new SeriesCache(
      { databaseName: name, blockedTimeoutMs: 50, onWarning: (code) => warnings.push(code) },
      { schemaVersion: CACHE_SCHEMA_VERSION + 1 },
    );
    caches.push(cache);
    await cache.ready;
    expect(cache.state).to.equal('blocked');
    expect(warnings).to.deep.equal(['blocked']);
    expect(await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(400, 1), JLS)).to.equal(true);
    expect((await cache.getFrame(frameKey(seriesKey(), 1)))?.bytes).to.deep.equal(
      frameBytes(400, 1),
    );
    stubborn.close();
    await waitFor(() => cache.state === 'persistent', 'the database adopted');
    expect(await cache.putFrame(frameKey(seriesKey(), 2), frameBytes(400, 2), JLS)).to.equal(true);
    const reader = new SeriesCache(
      { databaseName: name },
      { schemaVersion: CACHE_SCHEMA_VERSION + 1 },
    );
    caches.push(reader);
    expect((await reader.getFrame(frameKey(seriesKey(), 2)))?.bytes).to.deep.equal(
      frameBytes(400, 2),
    );
  });
});
