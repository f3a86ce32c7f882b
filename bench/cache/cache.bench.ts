// Browser half of bench/cache/run.mjs: reads a 300-frame series from the IndexedDB cache and
// fetches the same frames over loopback from the test runner's static server, in the same page.
// Prints one `BENCH {json}` line per measurement.
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { FrameKey, SeriesKey } from '../../src/cache/cache-keys.js';

const BASE = '/bench/.tmp/cache/';
const setup = (await (await fetch(`${BASE}setup.json`)).json()) as {
  frames: number;
  frameBytes: number;
  repeats: number;
};
const series: SeriesKey = {
  server: 'http://127.0.0.1/dicom-web',
  studyInstanceUid: '1.2.826.0.1.3680043.10.1',
  seriesInstanceUid: '1.2.826.0.1.3680043.10.1.1',
};
const keyOf = (i: number): FrameKey => ({
  ...series,
  sopInstanceUid: `${series.seriesInstanceUid}.${i + 1}`,
  frame: 1,
});
const urlOf = (i: number): string => `${BASE}frame-${String(i).padStart(3, '0')}.bin`;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
// The viewer asks for the middle slice first (issue 5) and shows it, then asks for all the rest.
const order = [
  Math.floor(setup.frames / 2),
  ...Array.from({ length: setup.frames }, (_, i) => i).filter(
    (i) => i !== Math.floor(setup.frames / 2),
  ),
];

interface Timing {
  first: number;
  all: number;
  bytes: number;
}

async function network(): Promise<Timing> {
  const start = performance.now();
  const get = async (i: number): Promise<number> =>
    (await (await fetch(urlOf(i), { cache: 'no-store' })).arrayBuffer()).byteLength;
  let bytes = await get(order[0] ?? 0);
  const first = performance.now() - start;
  for (const length of await Promise.all(order.slice(1).map(get))) bytes += length;
  return { first, all: performance.now() - start, bytes };
}

async function fromCache(
  databaseName: string,
  encryptionKey: CryptoKey | undefined,
): Promise<Timing> {
  const start = performance.now();
  const cache = new SeriesCache({ databaseName, ...(encryptionKey ? { encryptionKey } : {}) });
  const get = async (i: number): Promise<number> => {
    const frame = await cache.getFrame(keyOf(i));
    if (!frame) throw new Error(`frame ${i} missing from the cache`);
    return frame.bytes.byteLength;
  };
  let bytes = await get(order[0] ?? 0);
  const first = performance.now() - start;
  for (const length of await Promise.all(order.slice(1).map(get))) bytes += length;
  const all = performance.now() - start;
  await cache.close();
  return { first, all, bytes };
}

async function fill(databaseName: string, encryptionKey: CryptoKey | undefined): Promise<number> {
  const frames = await Promise.all(
    order.map(async (i) => new Uint8Array(await (await fetch(urlOf(i))).arrayBuffer())),
  );
  const cache = new SeriesCache({ databaseName, ...(encryptionKey ? { encryptionKey } : {}) });
  await cache.ready;
  const start = performance.now();
  const stored = await Promise.all(
    frames.map((bytes, n) => cache.putFrame(keyOf(order[n] ?? 0), bytes, '1.2.840.10008.1.2.4.80')),
  );
  const ms = performance.now() - start;
  await cache.close();
  if (!stored.every(Boolean)) throw new Error('a frame was not stored');
  return ms;
}

function report(kind: string, runs: Timing[], extra: Record<string, number> = {}): void {
  const result = {
    kind,
    first: median(runs.map((r) => r.first)),
    all: median(runs.map((r) => r.all)),
    mb: (runs[0]?.bytes ?? 0) / 1e6,
    ...extra,
  };
  console.log(`BENCH ${JSON.stringify(result)}`);
}

describe('cache benchmark', () => {
  it('reads a 300-frame series from IndexedDB and over loopback', async function () {
    this.timeout(600_000);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const plain = 'courbaril-bench-plain';
    const sealed = 'courbaril-bench-encrypted';
    const writePlain = await fill(plain, undefined);
    const writeSealed = await fill(sealed, key);
    await network(); // warm the server's file cache and the connection pool
    const net: Timing[] = [];
    const idb: Timing[] = [];
    const idbSealed: Timing[] = [];
    // Interleaved so that load from other users of the machine hits every variant alike.
    for (let r = 0; r < setup.repeats; r += 1) {
      net.push(await network());
      idb.push(await fromCache(plain, undefined));
      idbSealed.push(await fromCache(sealed, key));
    }
    report('network', net);
    report('cache', idb, { writeMs: writePlain });
    report('cache-encrypted', idbSealed, { writeMs: writeSealed });
    for (const name of [plain, sealed]) {
      await new Promise((resolve) => {
        const request = indexedDB.deleteDatabase(name);
        request.onsuccess = request.onerror = request.onblocked = resolve;
      });
    }
  });
});
