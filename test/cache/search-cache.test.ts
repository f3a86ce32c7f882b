import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import {
  PATIENT_NAME,
  SERVER,
  aesKey,
  contains,
  countRaw,
  deleteTestDatabases,
  rawBytes,
  readAllRaw,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const REQUEST = JSON.stringify(['971-000123', 'ILES-SANTE', [], []]);
const HISTORY = [{ studyInstanceUid: '1.2.3', patientName: PATIENT_NAME, patientId: '971-000123' }];

describe('SeriesCache searches (a patient history, cache first)', () => {
  const caches: SeriesCache[] = [];
  afterEach(async () => {
    for (const cache of caches.splice(0)) await cache.close();
    await deleteTestDatabases();
  });
  function open(name: string, encryptionKey?: CryptoKey): SeriesCache {
    const cache = new SeriesCache({
      databaseName: name,
      ...(encryptionKey ? { encryptionKey } : {}),
    });
    caches.push(cache);
    return cache;
  }

  it('answers the same search from a new connection, says when the answer changed, and misses another search', async () => {
    const name = uniqueDatabaseName('search');
    const patient = { patient: { patientId: '971-000123', issuer: 'ILES-SANTE' } };
    expect((await open(name).putSearch(SERVER, REQUEST, HISTORY, patient)).changed).to.equal(true);
    const again = open(name);
    expect((await again.getSearch(SERVER, REQUEST))?.metadata).to.deep.equal(HISTORY);
    expect(await again.getSearch(SERVER, JSON.stringify(['other', '', [], []]))).to.equal(
      undefined,
    );
    expect((await again.putSearch(SERVER, REQUEST, HISTORY, patient)).changed).to.equal(false);
    const grown = [...HISTORY, { studyInstanceUid: '1.2.4' }];
    expect((await again.putSearch(SERVER, REQUEST, grown, patient)).changed).to.equal(true);
  });

  it('keeps neither the patient ID nor the name in clear under a key, and goes with clearPatient', async () => {
    const name = uniqueDatabaseName('search-private');
    const cache = open(name, await aesKey());
    await cache.putSearch(SERVER, REQUEST, HISTORY, { patient: { patientId: '971-000123' } });
    for (const record of await readAllRaw(name)) {
      const bytes = await rawBytes(record);
      expect(contains(bytes, new TextEncoder().encode('971-000123'))).to.equal(false);
      expect(contains(bytes, new TextEncoder().encode(PATIENT_NAME))).to.equal(false);
    }
    expect(await cache.getSearch(SERVER, REQUEST)).to.not.equal(undefined);
    await cache.clearPatient({ patientId: '971-000123' });
    expect(await cache.getSearch(SERVER, REQUEST)).to.equal(undefined);
    expect((await countRaw(name))['series']).to.equal(0);
  });
});
