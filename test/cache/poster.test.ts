import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { SeriesCacheOptions } from '../../src/cache/cache-options.js';
import type { FrameKey, SeriesKey } from '../../src/cache/cache-keys.js';
import { MAX_POSTER_BYTES } from '../../src/cache/poster.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import { isPreviewFrame, type PreviewFrame } from '../../src/dicom/preview-frame.js';
import {
  PATIENT_NAME,
  aesKey,
  contains,
  countRaw,
  TestCaches,
  frameKey,
  rawBytes,
  readAllRaw,
  rewriteRaw,
  seriesKey,
  seriesMetadata,
  uniqueDatabaseName,
} from './cache-fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 0, 5);

/** A decoded 16-bit signed CT-like frame whose every pixel differs from its neighbours. */
function ctFrame(seed: number, rows = 64, columns = 48): DecodedFrame {
  const pixels = new Int16Array(rows * columns);
  for (let i = 0; i < pixels.length; i += 1) pixels[i] = ((i * 37 + seed * 101) % 4096) - 1024;
  return {
    rows,
    columns,
    samplesPerPixel: 1,
    bitsStored: 12,
    signed: true,
    photometricInterpretation: 'MONOCHROME2',
    pixels,
  };
}

/** What a reopened series offers for `key` without decoding: its poster, read or being read. */
async function posterOf(cache: SeriesCache, key: FrameKey): Promise<DecodedFrame | undefined> {
  return (await cache.storedDecoded(key)) ?? cache.getDecoded(key);
}

describe('SeriesCache posters (the first image of a reopened series, decoded)', () => {
  const caches = new TestCaches(T0);
  const open = (databaseName: string, options?: SeriesCacheOptions): SeriesCache =>
    caches.open(databaseName, options);
  afterEach(() => caches.reset());

  /** A first session: the series' metadata is stored and `shown` frames go on screen in order. */
  async function firstSession(
    name: string,
    series: SeriesKey,
    shown: readonly [FrameKey, DecodedFrame][],
    options: SeriesCacheOptions = {},
  ): Promise<void> {
    const cache = open(name, options);
    await cache.putMetadata(series, seriesMetadata('P-1'), { patient: { patientId: 'P-1' } });
    for (const [key, frame] of shown) cache.shown(key, frame);
    await cache.close();
  }

  it('reopens a series with the exact pixels of the first frame shown, without any decode', async () => {
    const name = uniqueDatabaseName('poster');
    const series = seriesKey();
    const frame = ctFrame(1);
    await firstSession(name, series, [
      [frameKey(series, 2), frame],
      // Scrolling on: only the first frame shown becomes the poster.
      [frameKey(series, 3), ctFrame(2)],
    ]);
    expect((await countRaw(name))['posters']).to.equal(1);

    const reopened = open(name);
    expect(reopened.storedDecoded(frameKey(series, 2)), 'nothing before the metadata').to.equal(
      undefined,
    );
    await reopened.getMetadata(series);
    expect(reopened.storedDecoded(frameKey(series, 3)), 'no poster of another frame').to.equal(
      undefined,
    );
    const poster = await posterOf(reopened, frameKey(series, 2));
    expect(poster).to.not.equal(undefined);
    expect(poster?.pixels).to.be.instanceOf(Int16Array);
    expect(poster?.pixels).to.deep.equal(frame.pixels);
    const { pixels: _p, ...fields } = frame;
    const { pixels: _q, ...posterFields } = poster!;
    expect(posterFields).to.deep.equal(fields);
    // Now in the decoded memory, shared like any decoded frame.
    expect(reopened.getDecoded(frameKey(series, 2))).to.equal(poster);
  });

  it('keeps the poster of the frame the series opens at, and replaces it when it opens elsewhere', async () => {
    const name = uniqueDatabaseName('poster-move');
    const series = seriesKey();
    await firstSession(name, series, [[frameKey(series, 2), ctFrame(1)]]);
    const [first] = await readAllRaw(name).then((all) => all.filter((r) => r.store === 'posters'));

    caches.now = T0 + 1000;
    const same = open(name);
    await same.getMetadata(series);
    same.shown(frameKey(series, 2), ctFrame(1));
    await same.close();
    const [kept] = await readAllRaw(name).then((all) => all.filter((r) => r.store === 'posters'));
    expect(kept?.value['storedAt'], 'not written again').to.equal(first?.value['storedAt']);

    const elsewhere = open(name);
    await elsewhere.getMetadata(series);
    elsewhere.shown(frameKey(series, 5), ctFrame(5));
    await elsewhere.close();
    const reopened = open(name);
    await reopened.getMetadata(series);
    expect(reopened.storedDecoded(frameKey(series, 2))).to.equal(undefined);
    expect((await posterOf(reopened, frameKey(series, 5)))?.pixels).to.deep.equal(
      ctFrame(5).pixels,
    );
    expect((await countRaw(name))['posters']).to.equal(1);
  });

  it('is stale once the series metadata changed: not served', async () => {
    const name = uniqueDatabaseName('poster-stale');
    const series = seriesKey();
    await firstSession(name, series, [[frameKey(series, 1), ctFrame(1)]]);
    const changed = open(name);
    await changed.putMetadata(series, seriesMetadata('P-1', 3), { patient: { patientId: 'P-1' } });
    await changed.close();
    const reopened = open(name);
    await reopened.getMetadata(series);
    expect(reopened.storedDecoded(frameKey(series, 1))).to.equal(undefined);
    expect(reopened.getDecoded(frameKey(series, 1))).to.equal(undefined);
  });

  it('encrypted: the stored poster holds no pixel bytes or patient name in clear; another key gets nothing', async () => {
    const name = uniqueDatabaseName('poster-key');
    const series = seriesKey();
    const frame = ctFrame(7);
    const key = await aesKey();
    await firstSession(name, series, [[frameKey(series, 1), frame]], { encryptionKey: key });
    const posters = (await readAllRaw(name)).filter((r) => r.store === 'posters');
    expect(posters).to.have.length(1);
    const raw = await rawBytes(posters[0]!);
    const pixelBytes = new Uint8Array(frame.pixels.buffer, 256, 64);
    expect(contains(raw, pixelBytes), 'pixels in clear').to.equal(false);
    expect(contains(raw, new TextEncoder().encode(PATIENT_NAME))).to.equal(false);
    expect(contains(raw, new TextEncoder().encode('SECRET-TOKEN'))).to.equal(false);

    const sameKey = open(name, { encryptionKey: key });
    await sameKey.getMetadata(series);
    expect((await posterOf(sameKey, frameKey(series, 1)))?.pixels).to.deep.equal(frame.pixels);
    await sameKey.close();
    const otherKey = open(name, { encryptionKey: await aesKey() });
    await otherKey.getMetadata(series);
    expect(otherKey.storedDecoded(frameKey(series, 1))).to.equal(undefined);
    expect(otherKey.getDecoded(frameKey(series, 1))).to.equal(undefined);
  });

  it('drops a poster with one flipped bit, never serves it, and reports it', async () => {
    const name = uniqueDatabaseName('poster-flip');
    const series = seriesKey();
    await firstSession(name, series, [[frameKey(series, 1), ctFrame(3)]]);
    await rewriteRaw(name, 'posters', async (value) => {
      const bytes = new Uint8Array(await (value['payload'] as Blob).arrayBuffer());
      bytes[1000] = (bytes[1000] ?? 0) ^ 0x10;
      return { ...value, payload: new Blob([bytes]) };
    });
    const reopened = open(name);
    await reopened.getMetadata(series);
    expect(await posterOf(reopened, frameKey(series, 1))).to.equal(undefined);
    expect(caches.warnings).to.include('integrity');
    expect((await countRaw(name))['posters']).to.equal(0);
  });

  it('is not served after its time-to-live, and the sweep deletes it', async () => {
    const name = uniqueDatabaseName('poster-ttl');
    const series = seriesKey();
    await firstSession(name, series, [[frameKey(series, 1), ctFrame(3)]], { ttlMs: DAY });
    caches.now = T0 + DAY;
    const reopened = open(name, { ttlMs: DAY });
    await reopened.getMetadata(series);
    expect(reopened.storedDecoded(frameKey(series, 1))).to.equal(undefined);
    await reopened.sweep();
    expect((await countRaw(name))['posters']).to.equal(0);
  });

  it('goes with its patient (clearPatient), with everything (clear) and with its evicted series', async () => {
    const name = uniqueDatabaseName('poster-clear');
    const [a, b] = [seriesKey('1.9.1'), seriesKey('1.9.2')];
    const cache = open(name);
    await cache.putMetadata(a, seriesMetadata('P-A'), { patient: { patientId: 'P-A' } });
    await cache.putMetadata(b, seriesMetadata('P-B'), { patient: { patientId: 'P-B' } });
    cache.shown(frameKey(a, 1), ctFrame(1));
    cache.shown(frameKey(b, 1), ctFrame(2));
    await cache.close();
    expect((await countRaw(name))['posters']).to.equal(2);

    const again = open(name);
    await again.clearPatient({ patientId: 'P-A' });
    // Keys are keyed hashes: the poster left is the one keyed like the series record left (b).
    const left = await readAllRaw(name);
    const keysIn = (store: string): unknown[] =>
      left.filter((r) => r.store === store).map((r) => r.value['key']);
    expect(keysIn('series')).to.have.length(1);
    expect(keysIn('posters')).to.deep.equal(keysIn('series'));
    await again.clear();
    expect(await countRaw(name)).to.deep.equal({ frames: 0, posters: 0, series: 0 });
  });

  it('goes with its series when least-recently-used eviction takes the series', async () => {
    const name = uniqueDatabaseName('poster-lru');
    const [a, b] = [seriesKey('1.9.1'), seriesKey('1.9.2')];
    const cache = open(name, { maxStoredBytes: 60_000 });
    caches.now = T0 + 1;
    await cache.putMetadata(a, seriesMetadata('P-A'), { patient: { patientId: 'P-A' } });
    cache.shown(frameKey(a, 1), ctFrame(1, 64, 64)); // 8 KiB of pixels
    caches.now = T0 + 2;
    await cache.putMetadata(b, seriesMetadata('P-B'), { patient: { patientId: 'P-B' } });
    await cache.close();
    expect((await countRaw(name))['posters']).to.equal(1);
    const again = open(name, { maxStoredBytes: 60_000 });
    await again.getMetadata(b);
    // 52 KB more than the budget holds with series a: a goes, poster included.
    again.shown(frameKey(b, 1), ctFrame(2, 260, 100));
    await again.close();
    // Keys are keyed hashes: b's poster is told from a's by its size (260 × 100).
    const posters = (await readAllRaw(name)).filter((r) => r.store === 'posters');
    expect(posters.map((r) => [r.value['rows'], r.value['columns']])).to.deep.equal([[260, 100]]);
    expect(await open(name).hasSeries(a)).to.equal(false);
  });

  it(`keeps a frame over ${String(MAX_POSTER_BYTES / 2 ** 20)} MiB (a mammogram) reduced, as a preview: the mean of each 4×4 block`, async () => {
    const name = uniqueDatabaseName('poster-big');
    const series = seriesKey();
    // 3001 × 2801 16-bit: 16.8 MB; 4 × 4 blocks bring it under 1024² pixels, edge blocks partial.
    const [rows, columns] = [3001, 2801];
    const pixels = new Uint16Array(rows * columns);
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < columns; c++) pixels[r * columns + c] = (r * 7 + c * 13) % 4096;
    const big = { ...ctFrame(1, 1, 1), signed: false, rows, columns, pixels };
    await firstSession(name, series, [[frameKey(series, 1), big]]);
    const reopened = open(name);
    await reopened.getMetadata(series);
    const poster = await posterOf(reopened, frameKey(series, 1));
    expect(poster && isPreviewFrame(poster)).to.equal(true);
    const preview = poster as PreviewFrame;
    expect([preview.scale, preview.fullRows, preview.fullColumns]).to.deep.equal([
      4,
      rows,
      columns,
    ]);
    expect([preview.rows, preview.columns]).to.deep.equal([751, 701]);
    expect(preview.pixels).to.be.instanceOf(Uint16Array);
    const mean = (blockRow: number, blockColumn: number): number => {
      let sum = 0;
      let count = 0;
      for (let r = blockRow * 4; r < Math.min(rows, blockRow * 4 + 4); r++)
        for (let c = blockColumn * 4; c < Math.min(columns, blockColumn * 4 + 4); c++) {
          sum += pixels[r * columns + c] ?? 0;
          count++;
        }
      return Math.round(sum / count);
    };
    for (const [r, c] of [
      [0, 0],
      [17, 400],
      [750, 3],
      [123, 700],
      [750, 700],
    ] as const)
      expect(preview.pixels[r * 701 + c], `block ${String(r)},${String(c)}`).to.equal(mean(r, c));
    // A preview is not the image: it never stands in the decoded memory for the full frame.
    expect(reopened.getDecoded(frameKey(series, 1))).to.equal(undefined);
  });
});
