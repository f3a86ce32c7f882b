import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { CACHE_SCHEMA_VERSION } from '../../src/cache/cache-schema.js';
import {
  JLS,
  PATIENT_NAME,
  contains,
  countRaw,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  openRaw,
  rawBytes,
  readAllRaw,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const STORES_V2 = ['series', 'frames', 'posters'];

/**
 * Makes `name` as schema 2 left it without a host key: UIDs in the record keys, the patient's
 * metadata in clear, an unkeyed patient hash.
 */
function createVersion2(name: string): Promise<void> {
  const series = seriesKey();
  const tuple = [
    '0123456789abcdef0123456789abcdef',
    series.studyInstanceUid,
    series.seriesInstanceUid,
  ];
  const json = new TextEncoder().encode(JSON.stringify(seriesMetadata('P-1')));
  const clear = { plainLength: json.byteLength, sha256: '00', iv: null, storedAt: Date.now() };
  const records = [
    {
      store: 'series',
      value: {
        ...clear,
        key: tuple,
        payload: new Blob([json]),
        patient: 'ab',
        accessedAt: 1,
        size: 1,
        etag: null,
        lastModified: null,
      },
    },
    {
      store: 'frames',
      value: {
        ...clear,
        key: [...tuple, `${series.seriesInstanceUid}.1`, 1],
        payload: new Blob([new Uint8Array(frameBytes(64, 1))]),
        patient: 'ab',
        accessedAt: 1,
        size: 1,
        transferSyntaxUid: JLS,
      },
    },
  ];
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 2);
    request.onupgradeneeded = () => {
      for (const store of STORES_V2) {
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
      const tx = db.transaction(STORES_V2, 'readwrite');
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

  it('drops every schema-2 record on upgrade to 3 (UIDs in keys, data in clear), then stores sealed records', async () => {
    const name = uniqueDatabaseName('v2');
    await createVersion2(name);
    const before = await readAllRaw(name);
    expect(before).to.have.length(2);
    const nameBytes = new TextEncoder().encode(PATIENT_NAME);
    expect(contains(await rawBytes(before.find((r) => r.store === 'series')!), nameBytes)).to.equal(
      true,
    );

    const cache = new SeriesCache({ databaseName: name });
    const series = seriesKey();
    try {
      // The old record is not served: it is gone.
      expect(await cache.getMetadata(series)).to.equal(undefined);
      const db = await openRaw(name);
      expect(db.version).to.equal(CACHE_SCHEMA_VERSION);
      expect(Array.from(db.objectStoreNames).sort()).to.deep.equal([
        'frames',
        'keys',
        'posters',
        'series',
      ]);
      expect(Array.from(db.transaction('frames').objectStore('frames').indexNames)).to.include(
        'by-scope',
      );
      db.close();
      expect(await countRaw(name)).to.deep.equal({ frames: 0, posters: 0, series: 0 });

      await cache.putMetadata(series, seriesMetadata('P-1'), { patient: { patientId: 'P-1' } });
      const bytes = frameBytes(4096, 9);
      await cache.putFrame(frameKey(series, 1), bytes, JLS);
      expect((await cache.getFrame(frameKey(series, 1)))?.bytes).to.deep.equal(bytes);
    } finally {
      await cache.close();
    }
    for (const record of await readAllRaw(name))
      expect(contains(await rawBytes(record), nameBytes), record.store).to.equal(false);
  });
});
