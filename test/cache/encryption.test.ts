import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { CacheWarningCode } from '../../src/cache/cache-errors.js';
import { patientHash } from '../../src/cache/patient-hash.js';
import {
  JLS,
  PATIENT_NAME,
  aesKey,
  contains,
  countRaw,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  rawBytes,
  readAllRaw,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const PATIENT = { patientId: 'PAT-0042', issuer: 'HOSP' };
const nameBytes = new TextEncoder().encode(PATIENT_NAME);

describe('SeriesCache encryption at rest', () => {
  const caches: SeriesCache[] = [];
  function open(
    databaseName: string,
    options: ConstructorParameters<typeof SeriesCache>[0] = {},
  ): SeriesCache {
    const cache = new SeriesCache({ databaseName, ...options });
    caches.push(cache);
    return cache;
  }
  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    await deleteTestDatabases();
  });

  async function fill(cache: SeriesCache, pixels: Uint8Array): Promise<void> {
    await cache.putMetadata(seriesKey(), seriesMetadata(PATIENT.patientId), { patient: PATIENT });
    expect(await cache.putFrame(frameKey(seriesKey(), 1), pixels, JLS)).to.equal(true);
  }

  it('finds the pixel bytes and patient name on disk without a key (control for the search)', async () => {
    const name = uniqueDatabaseName('clear');
    const pixels = frameBytes(4096, 3);
    await fill(open(name), pixels);
    const raw = await Promise.all((await readAllRaw(name)).map(rawBytes));
    expect(raw.some((bytes) => contains(bytes, nameBytes))).to.equal(true);
    expect(raw.some((bytes) => contains(bytes, pixels.subarray(1000, 1064)))).to.equal(true);
  });

  it('leaves no pixel bytes and no patient name or ID in clear in any raw record', async () => {
    const name = uniqueDatabaseName('encrypted');
    const pixels = frameBytes(4096, 3);
    const cache = open(name, { encryptionKey: await aesKey() });
    await fill(cache, pixels);
    const records = await readAllRaw(name);
    expect(records).to.have.length(2);
    for (const record of records) {
      const bytes = await rawBytes(record);
      expect(contains(bytes, nameBytes), `${record.store} holds the name`).to.equal(false);
      expect(contains(bytes, new TextEncoder().encode(PATIENT.patientId))).to.equal(false);
      for (let offset = 0; offset + 64 <= pixels.length; offset += 512) {
        expect(contains(bytes, pixels.subarray(offset, offset + 64))).to.equal(false);
      }
      expect((record.value['iv'] as Uint8Array).byteLength).to.equal(12);
      // The patient index is keyed by the host's key: hashing candidate IDs does not find it.
      expect(record.value['patient']).not.to.equal(await patientHash(PATIENT, undefined));
    }
    expect((await cache.getFrame(frameKey(seriesKey(), 1)))?.bytes).to.deep.equal(pixels);
    expect((await cache.getMetadata(seriesKey()))?.metadata).to.deep.equal(
      seriesMetadata(PATIENT.patientId),
    );
  });

  it('uses a fresh IV per record, so equal frames differ on disk', async () => {
    const name = uniqueDatabaseName('iv');
    const cache = open(name, { encryptionKey: await aesKey() });
    const pixels = frameBytes(1024, 9);
    await cache.putFrame(frameKey(seriesKey(), 1), pixels, JLS);
    await cache.putFrame(frameKey(seriesKey(), 2), pixels, JLS);
    const [a, b] = await readAllRaw(name);
    expect(a?.value['iv']).not.to.deep.equal(b?.value['iv']);
    expect(await rawBytes(a!)).not.to.deep.equal(await rawBytes(b!));
  });

  it('treats records under another key as misses and drops them', async () => {
    const name = uniqueDatabaseName('wrongkey');
    await fill(open(name, { encryptionKey: await aesKey() }), frameBytes(2048, 1));
    const warnings: CacheWarningCode[] = [];
    const other = open(name, {
      encryptionKey: await aesKey(),
      onWarning: (code) => warnings.push(code),
    });
    expect(await other.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
    expect(await other.getMetadata(seriesKey())).to.equal(undefined);
    expect(warnings).to.include('integrity');
    expect(await countRaw(name)).to.deep.equal({ frames: 0, posters: 0, series: 0 });
  });

  it('does not serve encrypted records without a key, nor clear records once a key is set', async () => {
    const encryptedName = uniqueDatabaseName('nokey');
    await fill(open(encryptedName, { encryptionKey: await aesKey() }), frameBytes(2048, 1));
    expect(await open(encryptedName).getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);

    const clearName = uniqueDatabaseName('upgrade');
    await fill(open(clearName), frameBytes(2048, 1));
    expect(
      await open(clearName, { encryptionKey: await aesKey() }).getFrame(frameKey(seriesKey(), 1)),
    ).to.equal(undefined);
    expect((await countRaw(clearName))['frames']).to.equal(0);
  });

  it('binds each record to its key: a ciphertext moved under another frame does not decrypt', async () => {
    const name = uniqueDatabaseName('swap');
    const cache = open(name, { encryptionKey: await aesKey() });
    const series = seriesKey();
    await cache.putFrame(frameKey(series, 1), frameBytes(1024, 1), JLS);
    await cache.putFrame(frameKey(series, 2), frameBytes(1024, 2), JLS);
    const [first, second] = await readAllRaw(name);
    // Write frame 1's sealed payload, IV, length and hash under frame 2's key.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => {
        resolve(request.result);
      };
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('frames', 'readwrite');
      tx.objectStore('frames').put({ ...first!.value, key: second!.value['key'] });
      tx.oncomplete = () => {
        resolve();
      };
    });
    db.close();
    expect(await cache.getFrame(frameKey(series, 2))).to.equal(undefined);
    expect((await cache.getFrame(frameKey(series, 1)))?.bytes).to.deep.equal(frameBytes(1024, 1));
  });
});

describe('SeriesCache key checks', () => {
  it('refuses a key that is not an AES-GCM encrypt/decrypt key, and a database name without our prefix', async () => {
    const hmac = await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    expect(() => new SeriesCache({ encryptionKey: hmac })).to.throw(TypeError);
    expect(() => new SeriesCache({ databaseName: 'other-app-db' })).to.throw(RangeError);
  });
});
