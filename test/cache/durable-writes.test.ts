// Item 5 of issue 13: "stored" means on disk, and a purge is complete. The records are read back
// with the bare IndexedDB API (cache-fixtures.ts), store by store.
import { expect } from '@open-wc/testing';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import {
  JLS,
  TestCaches,
  countRaw,
  frameBytes,
  frameKey,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const PATIENT = { patientId: 'P-DURABLE' };
const EMPTY = { frames: 0, posters: 0, series: 0 };

function frame(): DecodedFrame {
  return {
    rows: 16,
    columns: 16,
    samplesPerPixel: 1,
    bitsStored: 12,
    signed: false,
    photometricInterpretation: 'MONOCHROME2',
    pixels: new Uint16Array(256).fill(7),
  };
}

describe('SeriesCache durable writes and complete purges', () => {
  const caches = new TestCaches(Date.now());
  afterEach(() => caches.reset());
  const series = seriesKey();
  const sops = Array.from({ length: 30 }, (_, i) => frameKey(series, i + 1).sopInstanceUid);

  /** Metadata, a poster and 30 frames asked for, none awaited: writes in flight. */
  async function writeInFlight(cache: ReturnType<TestCaches['open']>): Promise<Promise<unknown>[]> {
    await cache.ready;
    await cache.putMetadata(series, seriesMetadata(PATIENT.patientId), { patient: PATIENT });
    const pending: Promise<unknown>[] = [
      cache.putMetadata(seriesKey('1.2.3.4.5.9'), seriesMetadata(PATIENT.patientId), {
        patient: PATIENT,
      }),
    ];
    cache.shown(frameKey(series, 1), frame());
    for (let i = 1; i <= 30; i += 1)
      pending.push(cache.putFrame(frameKey(series, i), frameBytes(20_000, i), JLS));
    return pending;
  }

  for (const purge of ['clear', 'clearPatient', 'clearScope'] as const) {
    it(`${purge}() while writes are in flight: no record exists after it, nor appears later`, async () => {
      const name = uniqueDatabaseName(`purge-${purge}`);
      const cache = caches.open(name);
      const pending = await writeInFlight(cache);
      if (purge === 'clear') await cache.clear();
      else if (purge === 'clearPatient') await cache.clearPatient(PATIENT);
      else await cache.clearScope();
      expect(await countRaw(name)).to.deep.equal(EMPTY);
      // Everything asked for before the purge settles, the poster too (close waits for it).
      await Promise.all(pending);
      await cache.close();
      expect(await countRaw(name)).to.deep.equal(EMPTY);
    });
  }

  it('writes asked for after a clear are stored as usual', async () => {
    const name = uniqueDatabaseName('after-clear');
    const cache = caches.open(name);
    await writeInFlight(cache);
    await cache.clear();
    expect(await cache.putFrame(frameKey(series, 1), frameBytes(100, 1), JLS)).to.equal(true);
    expect((await countRaw(name))['frames']).to.equal(1);
  });

  it('whenStored resolves once every frame is committed: a second connection opened then finds all of them', async () => {
    const name = uniqueDatabaseName('when-stored');
    const cache = caches.open(name);
    await cache.ready;
    await cache.putMetadata(series, seriesMetadata(PATIENT.patientId), { patient: PATIENT });
    for (let i = 1; i <= 30; i += 1)
      void cache.putFrame(frameKey(series, i), frameBytes(20_000, i), JLS);
    expect(await cache.whenStored(series, sops)).to.equal(30);
    // As a reloaded page would: another connection, the first still open and not closed.
    const reloaded = caches.open(name);
    expect(await reloaded.inventory(series, sops)).to.have.length(30);
    expect((await reloaded.getFrame(frameKey(series, 30)))?.bytes).to.deep.equal(
      frameBytes(20_000, 30),
    );
  });

  it('whenStored answers undefined without a persistent tier (nothing outlives the page)', async () => {
    const cache = caches.open(uniqueDatabaseName('when-stored-memory'), { mode: 'memory' });
    void cache.putFrame(frameKey(series, 1), frameBytes(100, 1), JLS);
    expect(await cache.whenStored(series, sops)).to.equal(undefined);
  });
});
