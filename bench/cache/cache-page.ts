// Browser half of bench/cache/run.mjs. One page per measurement, all in one browser context so
// the IndexedDB cache persists between them, as for a user reopening a study:
// - mode=network: empty cache; metadata from Orthanc; `<cb-viewport>` with the real loader path
//   (SeriesLoader → DicomwebPixelDataSource → SeriesCache as store → RetrievalScheduler → Orthanc;
//   DicomwebFrameLoader + DecodePool); the cache fills as frames arrive (the viewer's first opening).
// - mode=cache: a fresh page, a new SeriesCache on the same database; metadata and every frame from it.
// Times are from just before `new SeriesCache` (the database opening and the metadata read are
// inside): "first image" = the viewport's cb-image-rendered for the middle slice; "all fetched" =
// every frame's bytes in hand (cb-series-loaded); "all decoded" = every slice decoded as well
// (asked for once the first image is drawn).
import '../../src/components/viewport/cb-viewport.js';
import { SeriesCache } from '../../src/cache/series-cache.js';
import type { SeriesKey } from '../../src/cache/cache-keys.js';
import type { DicomJsonObject } from '../../src/dicomweb/dicom-json-values.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { RetrievalPriority } from '../../src/dicomweb/retrieval-request.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { runWhenSettled } from './settled-run.js';

interface Result {
  firstMs: number;
  fetchedMs: number;
  allMs: number;
  frames: number;
  checksum: number;
  frameRequests: number;
  fromCache: boolean;
  stored?: number;
  metadataMs: number;
  firstBytesMs: number;
  /** Cache mode: when the middle slice's poster (its decoded pixels) was in memory, else 0. */
  posterMs: number;
}

const params = new URLSearchParams(location.search);

async function run(): Promise<Result> {
  const mode = params.get('mode') ?? 'network';
  const root = params.get('root') ?? '/orthanc/dicom-web';
  const key: SeriesKey = {
    server: `${location.origin}${root}`,
    studyInstanceUid: params.get('study') ?? '',
    seriesInstanceUid: params.get('series') ?? '',
  };
  const databaseName = params.get('db') ?? 'courbaril-bench-cache';
  const pool = new DecodePool({ size: Number(params.get('workers') ?? 2) });
  // As createViewerServices does when a viewer connects: workers start with the page.
  pool.warmWhenIdle([]);
  const client = new DicomwebClient({ url: root });
  const scheduler = new RetrievalScheduler(client);
  const started = performance.now();
  performance.mark('cb-started');
  const cache = new SeriesCache({ databaseName });
  let instances: DicomJsonObject[];
  if (mode === 'cache') {
    const cached = await cache.getMetadata(key);
    if (!cached) throw new Error('series metadata not in the cache');
    instances = cached.metadata as DicomJsonObject[];
    // As the viewer's series repository does: the cached frames' codec loads at once.
    if (cached.frameTransferSyntaxUid) pool.warmWhenIdle([cached.frameTransferSyntaxUid]);
  } else {
    instances = await client.retrieveSeriesMetadata(key.studyInstanceUid, key.seriesInstanceUid);
    void cache.putMetadata(key, instances, { patient: { patientId: 'CB-BENCH-1' } });
  }
  const metadataMs = performance.now() - started;
  const loader = new SeriesLoader({
    client,
    scheduler,
    server: key.server,
    studyInstanceUid: key.studyInstanceUid,
    seriesInstanceUid: key.seriesInstanceUid,
    instances,
    store: cache,
    // As the viewer's series repository does: codecs load once the cache says which.
    warm: (uids) => {
      pool.warmWhenIdle(uids);
    },
  });
  const middle = Math.floor(loader.total / 2);
  // As createViewerServices does: decoded frames (and posters) go through the viewer's cache.
  const frameLoader = new DicomwebFrameLoader({ pool, decoded: cache });
  const viewport = document.createElement('cb-viewport');
  viewport.style.cssText = 'display:block;width:512px;height:512px';
  viewport.frameLoader = frameLoader;
  viewport.stack = loader.sources.map((_, i) => loader.slices[i]?.dataset).filter((d) => !!d);
  viewport.index = middle;
  let firstMs = 0;
  const rendered = new Promise<void>((resolve) => {
    viewport.addEventListener('cb-image-rendered', () => {
      firstMs ||= performance.now() - started;
      performance.mark('cb-rendered');
      resolve();
    });
  });
  let fetchedMs = 0;
  let fromCache = false;
  const fetched = new Promise<void>((resolve) => {
    loader.addEventListener('cb-series-loaded', (event) => {
      fetchedMs = performance.now() - started;
      fromCache = (event as Event & { detail: { fromCache: boolean } }).detail.fromCache;
      resolve();
    });
  });
  let posterMs = 0;
  const view = loader.slices[middle];
  if (mode === 'cache' && view) {
    const viewKey = view.source.frameKey(view.frameIndex);
    void (cache.storedDecoded(viewKey) ?? Promise.resolve(cache.getDecoded(viewKey))).then(
      (poster) => {
        if (poster) posterMs = performance.now() - started;
      },
    );
  }
  let firstBytesMs = 0;
  const middleSource = loader.slices[middle]?.source;
  middleSource?.onFrame(() => (firstBytesMs ||= performance.now() - started));
  document.body.append(viewport);
  loader.start(middle);
  // As in the viewer, nothing else asks for decoding before the image in view is drawn.
  await rendered;
  const signal = new AbortController().signal;
  let checksum = 0;
  const decoded = loader.order.map((index, rank) => {
    const slice = loader.slices[index];
    if (!slice) throw new Error('missing slice');
    const priority = index === middle ? RetrievalPriority.visible : RetrievalPriority.series + rank;
    return frameLoader.load(slice.dataset, slice.frameIndex, { signal, priority }).then((f) => {
      checksum += f.pixels[f.pixels.length >> 1] ?? 0;
    });
  });
  await Promise.all([rendered, fetched, ...decoded]);
  const allMs = performance.now() - started;
  const frameRequests = scheduler.stats.requestsStarted;
  // Outside the timing: wait until the background cache writes have landed.
  let stored = 0;
  for (let i = 0; i < 600 && mode === 'network'; i++) {
    stored = (
      await cache.listFrames(
        key,
        loader.sources.map((s) => s.sopInstanceUid),
      )
    ).length;
    if (stored >= loader.total) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await cache.close();
  pool.dispose();
  return {
    firstMs,
    fetchedMs,
    allMs,
    frames: decoded.length,
    checksum,
    frameRequests,
    fromCache,
    stored,
    metadataMs,
    firstBytesMs,
    posterMs,
  };
}

runWhenSettled(run);
