// Courbaril side of the loading bench: open a series over WADO-RS, show the middle slice (its own
// metadata and frame first), then
// fetch and decode every slice (stack order), with the SeriesLoader, scheduler and DecodePool.
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { RetrievalPriority } from '../../src/dicomweb/retrieval-request.js';
import { SeriesLoader, type SeriesLoaderOptions } from '../../src/dicomweb/series-loader.js';
import { SeriesOpening } from '../../src/dicomweb/series-opening.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { reportFailure } from './bench-result.js';

const params = new URLSearchParams(location.search);

async function run(): Promise<void> {
  const started = performance.now();
  const root = params.get('root') ?? '/orthanc/dicom-web';
  const study = params.get('study') ?? '';
  const series = params.get('series') ?? '';
  // `fetchPriority=off`: the same loader with the browser told nothing (every fetch() at its
  // default priority), to show what the hints change on a contended link.
  const client = new DicomwebClient({
    url: root,
    ...(params.get('fetchPriority') === 'off'
      ? { fetch: (input, init) => fetch(input, { ...init, priority: 'auto' }) }
      : {}),
  });
  const mode = params.get('seriesRetrieval');
  const scheduler = new RetrievalScheduler(client, {
    ...(mode === 'off' || mode === 'always' ? { seriesRetrieval: mode } : {}),
  });
  // No decode timeout: on a contended link the first decode also waits for the codec's .wasm.
  const pool = new DecodePool({ size: Number(params.get('workers') ?? 2), taskTimeoutMs: 600_000 });
  // Cold start off the critical path: workers start and compile the likely codec while the
  // metadata is in flight (what <cb-viewer> does through its series repository).
  pool.prepare();
  const frameLoader = new DicomwebFrameLoader(pool);
  const signal = new AbortController().signal;
  // `firstOnly=1`: the result is the first image; the rest of the series is not waited for.
  const firstOnly = params.get('firstOnly') === '1';
  let firstMs = 0;
  const firstImage = (): void => {
    firstMs = performance.now() - started;
    if (firstOnly)
      window.benchResult = {
        firstMs,
        startedMs: started,
        allMs: firstMs,
        frames: 1,
        checksum: 0,
        metadataMs: 0,
      };
  };
  // The slice to show first (issue 18 item 2, SeriesOpening): an instance-level search picks it, its
  // own metadata and frame go before the series metadata. `opening=off`: the series metadata first,
  // as loaders that need every instance before the first frame do.
  const slicesFirst = params.get('opening') !== 'off';
  let openingView: number | undefined;
  let loader: SeriesLoader;
  let instances: SeriesLoaderOptions['instances'];
  if (slicesFirst) {
    const opening = new SeriesOpening({
      client,
      scheduler,
      studyInstanceUid: study,
      seriesInstanceUid: series,
    });
    const first = await opening.firstSlice;
    void frameLoader
      .load(first.dataset, first.frameIndex, { signal, priority: RetrievalPriority.visible })
      .then(firstImage);
    loader = await opening.loader();
    instances = await opening.instances;
    openingView = opening.viewIndex(loader);
  } else {
    instances = await client.retrieveSeriesMetadata(study, series);
    loader = new SeriesLoader({
      client,
      scheduler,
      studyInstanceUid: study,
      seriesInstanceUid: series,
      instances,
    });
  }
  const metadataMs = performance.now() - started;
  let fetchedMs = 0;
  const middle = openingView ?? Math.floor(loader.total / 2);
  // `priors=N` (bench/contention): N prior series of other viewers prefetched at the same time, each
  // by its own scheduler at prefetch priority with its own 6 requests in flight: more requests
  // than the browser's 6 connections to the origin, so the browser holds a queue, and the priority
  // each request was told decides which leaves it first (Fetch `priority`).
  for (let prior = 0; prior < Number(params.get('priors') ?? 0); prior++)
    prefetchPrior(client, instances);
  loader.addEventListener('cb-series-loaded', () => {
    fetchedMs = performance.now() - started;
  });
  loader.start(middle);
  let checksum = 0;
  // The loader's order leaves out a slice it already holds (the opening's first, reused): decoded too.
  const indices = loader.order.includes(middle) ? loader.order : [middle, ...loader.order];
  const decoded = indices.map((index, rank) => {
    const slice = loader.slices[index];
    if (!slice) throw new Error('missing slice');
    const priority = index === middle ? RetrievalPriority.visible : RetrievalPriority.series + rank;
    return frameLoader.load(slice.dataset, slice.frameIndex, { signal, priority }).then((frame) => {
      if (index === middle && !slicesFirst) firstImage();
      checksum += frame.pixels[frame.pixels.length >> 1] ?? 0;
    });
  });
  await Promise.all(decoded);
  window.benchResult = {
    firstMs,
    startedMs: started,
    allMs: performance.now() - started,
    frames: decoded.length,
    checksum,
    metadataMs,
    fetchedMs,
    requests: scheduler.stats.requestsStarted,
    seriesRequests: scheduler.stats.seriesRequestsStarted,
  };
  pool.dispose();
}

/**
 * Another viewer's prior series, prefetched: every frame of the series fetched (not decoded) from
 * the first slice on, by a second scheduler at prefetch priority (told `low`).
 */
function prefetchPrior(client: DicomwebClient, instances: SeriesLoaderOptions['instances']): void {
  const prior = new SeriesLoader({
    client,
    scheduler: new RetrievalScheduler(client, { seriesRetrieval: 'off' }),
    studyInstanceUid: params.get('study') ?? '',
    seriesInstanceUid: params.get('series') ?? '',
    instances,
    priorityBase: RetrievalPriority.prefetch,
  });
  prior.start(0);
}

run().catch(reportFailure);
