// Courbaril side of the loading bench: open a series over WADO-RS, show the middle slice, then
// fetch and decode every slice (stack order), with the SeriesLoader, scheduler and DecodePool.
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { RetrievalPriority } from '../../src/dicomweb/retrieval-request.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
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
  const pool = new DecodePool({ size: Number(params.get('workers') ?? 2) });
  const instances = await client.retrieveSeriesMetadata(study, series);
  const metadataMs = performance.now() - started;
  let fetchedMs = 0;
  const loader = new SeriesLoader({
    client,
    scheduler,
    studyInstanceUid: study,
    seriesInstanceUid: series,
    instances,
  });
  const frameLoader = new DicomwebFrameLoader(pool);
  const signal = new AbortController().signal;
  const middle = Math.floor(loader.total / 2);
  loader.addEventListener('cb-series-loaded', () => {
    fetchedMs = performance.now() - started;
  });
  loader.start(middle);
  let firstMs = 0;
  let checksum = 0;
  const decoded = loader.order.map((index, rank) => {
    const slice = loader.slices[index];
    if (!slice) throw new Error('missing slice');
    const priority = index === middle ? RetrievalPriority.visible : RetrievalPriority.series + rank;
    return frameLoader.load(slice.dataset, slice.frameIndex, { signal, priority }).then((frame) => {
      if (index === middle) firstMs = performance.now() - started;
      checksum += frame.pixels[frame.pixels.length >> 1] ?? 0;
    });
  });
  await Promise.all(decoded);
  window.benchResult = {
    firstMs,
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

run().catch(reportFailure);
