import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { CACHE_SCHEMA_VERSION } from '../../src/cache/cache-schema.js';
import {
  JLS,
  SERVER,
  countRaw,
  deleteTestDatabases,
  frameBytes,
  frameKey,
  openRaw,
  readAllRaw,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const PATIENT = { patientId: 'PAT-0001', issuer: 'HOSP' };

describe('SeriesCache (IndexedDB)', () => {
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

  it('returns the same frame bytes and transfer syntax that were put', async () => {
    const cache = open(uniqueDatabaseName('roundtrip'));
    const key = frameKey(seriesKey(), 1);
    const bytes = frameBytes(250_000, 7);
    expect(await cache.putFrame(key, bytes, JLS)).to.equal(true);
    const frame = await cache.getFrame(key);
    expect(frame?.transferSyntaxUid).to.equal(JLS);
    expect(frame?.bytes).to.deep.equal(bytes);
    expect(await cache.getFrame(frameKey(seriesKey(), 2))).to.equal(undefined);
  });

  it('returns the metadata, its validators and whether it changed', async () => {
    const cache = open(uniqueDatabaseName('metadata'));
    const metadata = seriesMetadata(PATIENT.patientId);
    const first = await cache.putMetadata(seriesKey(), metadata, {
      patient: PATIENT,
      etag: '"v1"',
    });
    expect(first).to.deep.equal({ stored: true, changed: true });
    const cached = await cache.getMetadata(seriesKey());
    expect(cached?.metadata).to.deep.equal(metadata);
    expect(cached?.etag).to.equal('"v1"');
    expect(cached?.contentHash).to.match(/^[0-9a-f]{64}$/);
    expect(await cache.putMetadata(seriesKey(), metadata, { patient: PATIENT })).to.deep.equal({
      stored: true,
      changed: false,
    });
    const grown = seriesMetadata(PATIENT.patientId, 3);
    expect(await cache.putMetadata(seriesKey(), grown, { patient: PATIENT })).to.deep.equal({
      stored: true,
      changed: true,
    });
    expect((await cache.getMetadata(seriesKey()))?.metadata).to.deep.equal(grown);
  });

  it('keeps series and frames across a close and a new instance', async () => {
    const name = uniqueDatabaseName('reopen');
    const first = open(name);
    const series = seriesKey();
    await first.putMetadata(series, seriesMetadata(PATIENT.patientId), { patient: PATIENT });
    for (let i = 1; i <= 5; i += 1)
      await first.putFrame(frameKey(series, i), frameBytes(1000, i), JLS);
    await first.close();

    const second = open(name);
    expect(await second.hasSeries(series)).to.equal(true);
    const listed = await second.listFrames(
      series,
      [1, 2, 3, 4, 5].map((i) => frameKey(series, i).sopInstanceUid),
    );
    expect(listed.map((key) => key.sopInstanceUid).sort()).to.deep.equal(
      [1, 2, 3, 4, 5].map((i) => `${series.seriesInstanceUid}.${i}`),
    );
    expect(listed.every((key) => key.server === SERVER && key.frame === 1)).to.equal(true);
    expect((await second.getFrame(frameKey(series, 3)))?.bytes).to.deep.equal(frameBytes(1000, 3));
  });

  it('shares one database between two viewers on the page', async () => {
    const name = uniqueDatabaseName('shared');
    const a = open(name);
    const b = open(name);
    await a.putFrame(frameKey(seriesKey(), 1), frameBytes(500, 1), JLS);
    expect((await b.getFrame(frameKey(seriesKey(), 1)))?.bytes).to.deep.equal(frameBytes(500, 1));
  });

  it('stores a hash of the server, never its URL or token, and no clear patient ID', async () => {
    const name = uniqueDatabaseName('keys');
    const cache = open(name);
    await cache.putMetadata(seriesKey(), seriesMetadata(PATIENT.patientId), { patient: PATIENT });
    await cache.putFrame(frameKey(seriesKey(), 1), frameBytes(100, 1), JLS);
    const records = await readAllRaw(name);
    expect(records).to.have.length(2);
    for (const record of records) {
      const key = record.value['key'] as unknown[];
      expect(key[0]).to.match(/^[0-9a-f]{32}$/);
      const clearFields = JSON.stringify({ ...record.value, payload: undefined });
      expect(clearFields).not.to.contain('SECRET-TOKEN');
      expect(clearFields).not.to.contain('pacs.example.org');
      expect(clearFields).not.to.contain(PATIENT.patientId);
    }
    // The token-free URL names the same server: a refreshed token must not empty the cache.
    const sameServer = {
      ...frameKey(seriesKey(), 1),
      server: 'https://pacs.example.org/dicom-web/?access_token=OTHER',
    };
    expect(await cache.getFrame(sameServer)).not.to.equal(undefined);
  });

  it('writes the frames put just before close() (a viewer leaving as its last frames arrive)', async () => {
    const name = uniqueDatabaseName('close-flush');
    const cache = open(name);
    await cache.ready;
    const puts = [1, 2, 3].map((i) =>
      cache.putFrame(frameKey(seriesKey(), i), frameBytes(50_000, i), JLS),
    );
    await cache.close();
    expect(await Promise.all(puts)).to.deep.equal([true, true, true]);
    expect((await countRaw(name))['frames']).to.equal(3);
  });

  it('creates a versioned schema with patient, access and storage-time indexes', async () => {
    const name = uniqueDatabaseName('schema');
    const cache = open(name);
    await cache.ready;
    const db = await openRaw(name);
    try {
      expect(db.version).to.equal(CACHE_SCHEMA_VERSION);
      expect(Array.from(db.objectStoreNames).sort()).to.deep.equal([
        'frames',
        'keys',
        'posters',
        'series',
      ]);
      const tx = db.transaction(['frames', 'posters', 'series']);
      for (const store of ['frames', 'posters', 'series']) {
        expect(Array.from(tx.objectStore(store).indexNames).sort()).to.deep.equal([
          'by-accessed',
          'by-patient',
          'by-scope',
          'by-stored',
        ]);
      }
    } finally {
      db.close();
    }
  });

  it("in 'memory' mode keeps frames for the page but creates no database", async () => {
    const name = uniqueDatabaseName('memory');
    const cache = open(name, { mode: 'memory' });
    const key = frameKey(seriesKey(), 1);
    expect(await cache.putFrame(key, frameBytes(300, 1), JLS)).to.equal(true);
    await cache.putMetadata(seriesKey(), seriesMetadata('X'), { patient: { patientId: 'X' } });
    expect((await cache.getFrame(key))?.bytes).to.deep.equal(frameBytes(300, 1));
    expect(await cache.hasSeries(seriesKey())).to.equal(true);
    expect((await indexedDB.databases()).map((info) => info.name)).not.to.include(name);
  });

  it("in 'none' mode stores nothing anywhere", async () => {
    const name = uniqueDatabaseName('none');
    const cache = open(name, { mode: 'none' });
    const key = frameKey(seriesKey(), 1);
    expect(await cache.putFrame(key, frameBytes(300, 1), JLS)).to.equal(false);
    expect(
      (await cache.putMetadata(seriesKey(), [], { patient: { patientId: 'X' } })).stored,
    ).to.equal(false);
    expect(await cache.getFrame(key)).to.equal(undefined);
    expect((await indexedDB.databases()).map((info) => info.name)).not.to.include(name);
  });

  it('writes frames put in one burst as readable records (batched transaction)', async () => {
    const name = uniqueDatabaseName('burst');
    const cache = open(name);
    const series = seriesKey();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        cache.putFrame(frameKey(series, i + 1), frameBytes(10_000, i + 1), JLS),
      ),
    );
    expect(results.every(Boolean)).to.equal(true);
    expect((await countRaw(name))['frames']).to.equal(40);
    // Every record opens as the frame it was put as (a new connection reads them back).
    const reader = open(name);
    for (const i of [1, 20, 40])
      expect((await reader.getFrame(frameKey(series, i)))?.bytes).to.deep.equal(
        frameBytes(10_000, i),
      );
  });
});
