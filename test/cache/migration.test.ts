import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { CACHE_SCHEMA_VERSION } from '../../src/cache/cache-schema.js';
import {
  JLS,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  openRaw,
  readAllRaw,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

/** Makes `name` as the first release of the cache (schema version 1) left it, holding `records`. */
function createVersion1(name: string, records: { store: string; value: unknown }[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const store of ['series', 'frames']) {
        const created = request.result.createObjectStore(store, { keyPath: 'key' });
        created.createIndex('by-patient', 'patient');
        created.createIndex('by-accessed', 'accessedAt');
        created.createIndex('by-stored', 'storedAt');
      }
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
    request.onsuccess = () => {
      const db = request.result;
      const tx = db.transaction(['series', 'frames'], 'readwrite');
      for (const { store, value } of records) tx.objectStore(store).put(value);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => {
        reject(tx.error ?? new Error('write failed'));
      };
    };
  });
}

describe('SeriesCache schema migrations', () => {
  afterEach(deleteTestDatabases);

  it('upgrades a version-1 database in place: its series and frames still serve, posters can be kept', async () => {
    // Records as version 1 stored them (a version-2 cache writes series and frames the same way).
    const source = uniqueDatabaseName('v2-source');
    const writer = new SeriesCache({ databaseName: source });
    const series = seriesKey();
    await writer.putMetadata(series, seriesMetadata('P-1'), { patient: { patientId: 'P-1' } });
    const bytes = frameBytes(4096, 9);
    await writer.putFrame(frameKey(series, 1), bytes, JLS);
    await writer.close();
    const records = (await readAllRaw(source)).filter((r) => r.store !== 'posters');
    expect(records.map((r) => r.store).sort()).to.deep.equal(['frames', 'series']);

    const name = uniqueDatabaseName('v1');
    await createVersion1(
      name,
      records.map(({ store, value }) => ({ store, value })),
    );
    const cache = new SeriesCache({ databaseName: name });
    try {
      expect(await cache.getMetadata(series)).to.not.equal(undefined);
      expect((await cache.getFrame(frameKey(series, 1)))?.bytes).to.deep.equal(bytes);
      const db = await openRaw(name);
      expect(db.version).to.equal(CACHE_SCHEMA_VERSION);
      expect(Array.from(db.objectStoreNames).sort()).to.deep.equal(['frames', 'posters', 'series']);
      db.close();
      cache.shown(frameKey(series, 1), {
        rows: 2,
        columns: 2,
        samplesPerPixel: 1,
        bitsStored: 8,
        signed: false,
        photometricInterpretation: 'MONOCHROME2',
        pixels: new Uint8Array([1, 2, 3, 4]),
      });
    } finally {
      await cache.close();
    }
    expect((await readAllRaw(name)).filter((r) => r.store === 'posters')).to.have.length(1);
  });
});
