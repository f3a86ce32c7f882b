import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { clearCache } from '../../src/cache/clear-cache.js';
import { sha256Hex } from '../../src/cache/digest.js';
import {
  JLS,
  PATIENT_NAME,
  aesKey,
  contains,
  countRaw,
  rawKeys,
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

  /**
   * Every string and byte run that would identify the patient or the study if found on disk:
   * name, Patient ID, the UIDs of the records' keys, and 64-byte windows of the pixels.
   */
  function identifying(pixels: Uint8Array): Uint8Array[] {
    const series = seriesKey();
    const frame = frameKey(series, 1);
    const texts = [
      PATIENT_NAME,
      PATIENT.patientId,
      series.studyInstanceUid,
      series.seriesInstanceUid,
      frame.sopInstanceUid,
      'pacs.example.org',
    ];
    const windows: Uint8Array[] = [];
    for (let offset = 0; offset + 64 <= pixels.length; offset += 512)
      windows.push(pixels.subarray(offset, offset + 64));
    return [...texts.map((text) => new TextEncoder().encode(text)), ...windows];
  }

  /** The patient index as schema 2 made it without a key: SHA-256 of issuer and ID. */
  async function unkeyedPatientHash(): Promise<string> {
    return sha256Hex(new TextEncoder().encode(`${PATIENT.issuer}\u0000${PATIENT.patientId}`));
  }

  for (const mode of ['the device key (no host key)', 'a host key'] as const) {
    it(`leaves no pixel bytes, patient name, Patient ID or UID in any raw record or key, under ${mode}`, async () => {
      const name = uniqueDatabaseName('sealed');
      const pixels = frameBytes(4096, 3);
      const cache = open(name, mode === 'a host key' ? { encryptionKey: await aesKey() } : {});
      await fill(cache, pixels);
      const records = await readAllRaw(name);
      expect(records.map((r) => r.store).sort()).to.deep.equal(['frames', 'series']);
      const unkeyed = await unkeyedPatientHash();
      for (const record of records) {
        const bytes = await rawBytes(record);
        for (const needle of identifying(pixels))
          expect(
            contains(bytes, needle),
            `${record.store} holds ${String(needle.length)} identifying bytes`,
          ).to.equal(false);
        expect((record.value['iv'] as Uint8Array).byteLength).to.equal(12);
        // Keyed hashes: hashing candidate IDs does not find the patient's records.
        expect(record.value['patient']).to.be.a('string').and.not.equal(unkeyed);
        expect(unkeyed.startsWith(String(record.value['patient']))).to.equal(false);
      }
      const keys = await rawKeys(name);
      if (mode === 'a host key') expect(keys).to.have.length(0);
      else {
        expect(keys).to.have.length(1);
        const key = keys[0]?.['key'] as CryptoKey;
        expect(key.extractable).to.equal(false);
        expect(key.algorithm.name).to.equal('AES-GCM');
      }
      expect((await cache.getFrame(frameKey(seriesKey(), 1)))?.bytes).to.deep.equal(pixels);
      expect((await cache.getMetadata(seriesKey()))?.metadata).to.deep.equal(
        seriesMetadata(PATIENT.patientId),
      );
    });
  }

  it('reads its own records in a later session through the device key kept in the database', async () => {
    const name = uniqueDatabaseName('device');
    const pixels = frameBytes(2048, 5);
    const first = open(name);
    await fill(first, pixels);
    await first.close();
    const second = open(name);
    expect((await second.getFrame(frameKey(seriesKey(), 1)))?.bytes).to.deep.equal(pixels);
    expect(
      await second.listFrames(seriesKey(), [frameKey(seriesKey(), 1).sopInstanceUid]),
    ).to.have.length(1);
  });

  it('keeps users apart: another scope finds nothing of this one, and clearCache({ scope }) deletes only that scope', async () => {
    const name = uniqueDatabaseName('scope');
    await fill(open(name, { scope: 'alice' }), frameBytes(2048, 1));
    const bob = open(name, { scope: 'bob' });
    expect(await bob.getMetadata(seriesKey())).to.equal(undefined);
    expect(await bob.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
    expect(
      await bob.inventory(seriesKey(), [frameKey(seriesKey(), 1).sopInstanceUid]),
    ).to.deep.equal([]);
    await fill(bob, frameBytes(2048, 2));
    expect(await countRaw(name)).to.deep.equal({ frames: 2, posters: 0, series: 2 });
    for (const cache of caches.splice(0)) await cache.close();
    await clearCache({ scope: 'alice' }, { databaseName: name });
    expect(await countRaw(name)).to.deep.equal({ frames: 1, posters: 0, series: 1 });
    expect(
      (await open(name, { scope: 'bob' }).getFrame(frameKey(seriesKey(), 1)))?.bytes,
    ).to.deep.equal(frameBytes(2048, 2));
    expect(await open(name, { scope: 'alice' }).getFrame(frameKey(seriesKey(), 1))).to.equal(
      undefined,
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

  it('finds nothing under another key: its record keys are other keyed hashes', async () => {
    const name = uniqueDatabaseName('wrongkey');
    await fill(open(name, { encryptionKey: await aesKey() }), frameBytes(2048, 1));
    const other = open(name, { encryptionKey: await aesKey() });
    expect(await other.getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);
    expect(await other.getMetadata(seriesKey())).to.equal(undefined);
    expect(
      await other.inventory(seriesKey(), [frameKey(seriesKey(), 1).sopInstanceUid]),
    ).to.deep.equal([]);
  });

  it('does not serve what a host key sealed under the device key, nor the other way round', async () => {
    const hostName = uniqueDatabaseName('hostkey');
    await fill(open(hostName, { encryptionKey: await aesKey() }), frameBytes(2048, 1));
    expect(await open(hostName).getFrame(frameKey(seriesKey(), 1))).to.equal(undefined);

    const deviceName = uniqueDatabaseName('devicekey');
    await fill(open(deviceName), frameBytes(2048, 1));
    expect(
      await open(deviceName, { encryptionKey: await aesKey() }).getFrame(frameKey(seriesKey(), 1)),
    ).to.equal(undefined);
  });

  it('binds each record to its key: a ciphertext moved under another frame does not decrypt', async () => {
    const name = uniqueDatabaseName('swap');
    const cache = open(name, { encryptionKey: await aesKey() });
    const series = seriesKey();
    await cache.putFrame(frameKey(series, 1), frameBytes(1024, 1), JLS);
    await cache.putFrame(frameKey(series, 2), frameBytes(1024, 2), JLS);
    const [first, second] = await readAllRaw(name);
    // Write one frame's sealed payload, IV, length and digest under the other's key.
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
    // Keys are keyed hashes, so which record is frame 1 is unknown here: one of the two now
    // holds the other's ciphertext and must not open; the other still opens as itself.
    const opened = [
      (await cache.getFrame(frameKey(series, 1)))?.bytes,
      (await cache.getFrame(frameKey(series, 2)))?.bytes,
    ];
    expect(opened.filter((bytes) => bytes === undefined)).to.have.length(1);
    const survivor = opened.findIndex((bytes) => bytes !== undefined);
    expect(opened[survivor]).to.deep.equal(frameBytes(1024, survivor + 1));
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
