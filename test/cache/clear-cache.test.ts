import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { clearCache } from '../../src/cache/clear-cache.js';
import {
  JLS,
  aesKey,
  countRaw,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const ALICE = { patientId: 'ALICE-1', issuer: 'HOSP' };
const BOB = { patientId: 'BOB-2', issuer: 'HOSP' };
const aliceSeries = seriesKey('1.2.3.1.1', '1.2.3.1');
const bobSeries = seriesKey('1.2.3.2.1', '1.2.3.2');

describe('clearCache', () => {
  const caches: SeriesCache[] = [];
  function open(databaseName: string, encryptionKey?: CryptoKey): SeriesCache {
    const cache = new SeriesCache({ databaseName, ...(encryptionKey ? { encryptionKey } : {}) });
    caches.push(cache);
    return cache;
  }
  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    await deleteTestDatabases();
  });

  async function fillTwoPatients(cache: SeriesCache): Promise<void> {
    for (const [patient, series] of [
      [ALICE, aliceSeries],
      [BOB, bobSeries],
    ] as const) {
      await cache.putMetadata(series, seriesMetadata(patient.patientId), { patient });
      for (let i = 1; i <= 3; i += 1)
        await cache.putFrame(frameKey(series, i), frameBytes(1000, i), JLS);
    }
    cache.putDecoded(frameKey(aliceSeries, 1), {
      rows: 1,
      columns: 1,
      samplesPerPixel: 1,
      bitsStored: 8,
      signed: false,
      photometricInterpretation: 'MONOCHROME2',
      pixels: new Uint8Array(1),
    });
  }

  it('leaves no record in any store after a full clear (exported function)', async () => {
    const name = uniqueDatabaseName('clear-all');
    const cache = open(name);
    await fillTwoPatients(cache);
    expect(await countRaw(name)).to.deep.equal({ frames: 6, posters: 0, series: 2 });
    await clearCache({}, { databaseName: name });
    expect(await countRaw(name)).to.deep.equal({ frames: 0, posters: 0, series: 0 });
    expect(await cache.getFrame(frameKey(bobSeries, 1))).to.equal(undefined);
  });

  it('leaves no record and no decoded pixels after SeriesCache.clear()', async () => {
    const name = uniqueDatabaseName('clear-instance');
    const cache = open(name);
    await fillTwoPatients(cache);
    await cache.clear();
    expect(await countRaw(name)).to.deep.equal({ frames: 0, posters: 0, series: 0 });
    expect(cache.decodedBytes).to.equal(0);
  });

  for (const encrypted of [false, true]) {
    it(`deletes one patient and leaves the other (${encrypted ? 'encrypted' : 'clear'})`, async () => {
      const name = uniqueDatabaseName('clear-patient');
      const key = encrypted ? await aesKey() : undefined;
      const cache = open(name, key);
      await fillTwoPatients(cache);
      await clearCache(
        { patientId: 'ALICE-1 ', issuer: 'HOSP' },
        { databaseName: name, ...(key ? { encryptionKey: key } : {}) },
      );
      expect(await countRaw(name)).to.deep.equal({ frames: 3, posters: 0, series: 1 });
      expect(await cache.getMetadata(aliceSeries)).to.equal(undefined);
      expect(await cache.getFrame(frameKey(aliceSeries, 1))).to.equal(undefined);
      expect((await cache.getFrame(frameKey(bobSeries, 2)))?.bytes).to.deep.equal(
        frameBytes(1000, 2),
      );
    });
  }

  it('clearPatient by Patient ID alone purges records indexed under that ID with an issuer', async () => {
    // A series is indexed under the issuer its own data names; a host (or a 403) may know only the ID.
    const name = uniqueDatabaseName('clear-patient-no-issuer');
    const cache = open(name, await aesKey());
    await fillTwoPatients(cache);
    await cache.clearPatient({ patientId: ALICE.patientId });
    expect(await countRaw(name)).to.deep.equal({ frames: 3, posters: 0, series: 1 });
    expect(await cache.hasSeries(aliceSeries)).to.equal(false);
    expect(await cache.hasSeries(bobSeries)).to.equal(true);
  });

  it('clearPatient removes the patient from memory tiers and disk, not the other', async () => {
    const name = uniqueDatabaseName('clear-patient-instance');
    const cache = open(name, await aesKey());
    await fillTwoPatients(cache);
    await cache.clearPatient(ALICE);
    expect(cache.getDecoded(frameKey(aliceSeries, 1))).to.equal(undefined);
    expect(await countRaw(name)).to.deep.equal({ frames: 3, posters: 0, series: 1 });
    expect(await cache.hasSeries(bobSeries)).to.equal(true);
  });

  it('deletes frames stored before their series metadata when the patient is cleared', async () => {
    const name = uniqueDatabaseName('clear-orphans');
    const cache = open(name);
    await cache.putFrame(frameKey(aliceSeries, 1), frameBytes(100, 1), JLS);
    await cache.putMetadata(aliceSeries, seriesMetadata(ALICE.patientId), { patient: ALICE });
    await cache.clearPatient(ALICE);
    expect(await countRaw(name)).to.deep.equal({ frames: 0, posters: 0, series: 0 });
  });

  it('does not create a database when there is nothing to clear', async () => {
    const name = uniqueDatabaseName('clear-absent');
    await clearCache({}, { databaseName: name });
    expect((await indexedDB.databases()).map((info) => info.name)).not.to.include(name);
  });
});
