// <cb-viewer> and its IndexedDB cache (issues 6 and 13), read back with the bare IndexedDB API as
// someone holding the disk would: with or without `viewer.cacheKey` no pixel bytes, no patient
// name and no UID are stored in clear, a viewer with another key refetches, and `clearCache()` on
// the element leaves no record.
import { expect } from '@open-wc/testing';
import { clearCache } from '../../src/cache/clear-cache.js';
import { CACHE_STORES, DEFAULT_CACHE_DATABASE } from '../../src/cache/cache-schema.js';
import type { SeriesLoadedEvent } from '../../src/events/series-loaded.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { aesKey, contains, countRaw, rawBytes, readAllRaw } from '../cache/cache-fixtures.js';
import type { CbStudyBrowser } from '../../src/components/study-browser/study-browser.js';
import {
  STATIC,
  allRendered,
  manifest,
  mountViewer,
  studySeries,
  thumbnailedSeries,
  waitFor,
} from './viewer-harness.js';

interface Opened {
  readonly viewer: CbViewer;
  readonly loaded: SeriesLoadedEvent;
  readonly frameRequests: number;
}

/** A 64-byte run from the middle of the frame as the server sends it (inside the pixel payload). */
async function frameSample(url: string): Promise<Uint8Array> {
  const response = await fetch(url, {
    headers: { Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' },
  });
  const body = new Uint8Array(await response.arrayBuffer());
  expect(body.byteLength).to.be.greaterThan(4096);
  const middle = Math.floor(body.byteLength / 2);
  return body.slice(middle, middle + 64);
}

/** Records per store; a deleted database counts as empty (and is not re-created by looking). */
async function storeCounts(): Promise<Record<string, number>> {
  const databases = await indexedDB.databases();
  if (!databases.some((database) => database.name === DEFAULT_CACHE_DATABASE)) return {};
  return countRaw(DEFAULT_CACHE_DATABASE);
}

async function storedFrames(): Promise<number> {
  return (await storeCounts())['frames'] ?? 0;
}

describe('<cb-viewer> cache privacy', () => {
  const mounted: CbViewer[] = [];
  before(async () => {
    await clearCache();
  });
  afterEach(() => {
    for (const viewer of mounted.splice(0)) viewer.remove();
  });
  after(async () => {
    await clearCache();
  });

  async function open(study: string, seriesInstanceUid: string, key?: CryptoKey): Promise<Opened> {
    const frameUrls = new Set<string>();
    let frameRequests = 0;
    const counting: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      // Diagnostic frames (a rendered preview is never stored: rendered-preview.test.ts).
      if (url.includes('/frames/') && !url.includes('/rendered')) {
        frameRequests++;
        frameUrls.add(url);
      }
      return fetch(input, init);
    };
    const thumbnailed = await thumbnailedSeries((await manifest()).patient.patientId);
    const loaded = new Promise<SeriesLoadedEvent>((resolve) => {
      const listener = (event: SeriesLoadedEvent): void => {
        if (event.detail.seriesInstanceUid !== seriesInstanceUid) return;
        document.removeEventListener('cb-series-loaded', listener);
        resolve(event);
      };
      document.addEventListener('cb-series-loaded', listener);
    });
    const viewer = mountViewer(
      { server: STATIC, cache: 'persistent', study, 'prefetch-budget': '0' },
      (element) => {
        element.fetch = counting;
        if (key) element.cacheKey = key;
      },
    );
    mounted.push(viewer);
    const event = await loaded;
    await allRendered(viewer, 1);
    // The study browser's thumbnails fetch a frame of each other series too (through the
    // cache, behind the cells): removing the viewer before they are drawn and stored would
    // abort them, and the next opening would fetch them again.
    await waitFor(
      () =>
        viewer.shadowRoot?.querySelector<CbStudyBrowser>('cb-study-browser')?.thumbnails.size ===
        thumbnailed,
      `every thumbnail drawn (${String(thumbnailed)})`,
      30000,
    );
    // Writes finish behind display: every frame fetched is in the cache.
    await waitFor(async () => (await storedFrames()) >= frameUrls.size, 'the frame writes', 10000);
    return { viewer, loaded: event, frameRequests };
  }

  it('stores no pixel bytes, patient name or UID in clear with or without a cacheKey, refetches under another key, and clearCache() leaves no record', async function () {
    this.timeout(60000);
    const demo = await manifest();
    const study = demo.studies.currentCr.studyInstanceUid;
    const [series] = await studySeries(STATIC, study);
    const sop = String(series!.instances[0]!['00080018']!.Value![0]);
    const sample = await frameSample(
      `${STATIC}/studies/${study}/series/${series!.seriesInstanceUid}/instances/${sop}/frames/1`,
    );
    const familyName = (await (await fetch('/test/.tmp/data/manifest.json')).json()) as {
      patient: { patientName: string };
    };
    const name = new TextEncoder().encode(familyName.patient.patientName.split('^')[0]);
    const rawHolds = async (needle: Uint8Array): Promise<boolean> => {
      if ((await storedFrames()) === 0) return false;
      for (const record of await readAllRaw(DEFAULT_CACHE_DATABASE))
        if (contains(await rawBytes(record), needle)) return true;
      return false;
    };

    // The sample comes from the server's answer (frameSample), the name from the manifest.
    const uids = [study, series!.seriesInstanceUid, sop].map((uid) =>
      new TextEncoder().encode(uid),
    );
    // Without a key the viewer seals under its own device key: nothing in clear either.
    const plain = await open(study, series!.seriesInstanceUid);
    expect(await rawHolds(sample), 'pixel bytes in clear without a key').to.equal(false);
    expect(await rawHolds(name), 'patient name in clear without a key').to.equal(false);
    for (const uid of uids) expect(await rawHolds(uid), 'a UID in clear').to.equal(false);
    await plain.viewer.clearCache();
    expect(await storedFrames()).to.equal(0);
    plain.viewer.remove();

    const keyA = await aesKey();
    const a = await open(study, series!.seriesInstanceUid, keyA);
    expect(a.frameRequests).to.be.greaterThan(0);
    expect(await storedFrames()).to.be.greaterThan(0);
    expect(await rawHolds(sample), 'pixel bytes in clear').to.equal(false);
    expect(await rawHolds(name), 'patient name in clear').to.equal(false);
    a.viewer.remove();

    // The same key reads its own records: no frame request.
    const again = await open(study, series!.seriesInstanceUid, keyA);
    expect(again.loaded.detail.fromCache).to.equal(true);
    expect(again.frameRequests).to.equal(0);
    again.viewer.remove();

    // Another key cannot read them: the frames are fetched again.
    const b = await open(study, series!.seriesInstanceUid, await aesKey());
    expect(b.loaded.detail.fromCache).to.equal(false);
    expect(b.frameRequests).to.be.greaterThan(0);

    // Let B's writes (frames, metadata, the poster of the image shown) land first: a clear
    // must also cover what was just written.
    await waitFor(
      async () => {
        const counts = await storeCounts();
        return CACHE_STORES.every((store) => (counts[store] ?? 0) > 0);
      },
      "B's frames, metadata and poster stored",
      10000,
    );
    await b.viewer.clearCache();
    const counts = await storeCounts();
    expect(
      Object.values(counts).reduce((sum, n) => sum + n, 0),
      JSON.stringify(counts),
    ).to.equal(0);
  });
});
