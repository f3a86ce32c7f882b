// Issue 18 item 6: a connection that stalls (the body stops mid-way, the socket left open) on a
// thin island link. The fault proxy in front of the runner's Orthanc stalls the whole-series
// stream, single frame requests, or one instance's frames for ever. What arrived is kept and
// never fetched again (counted in requests and bytes at the proxy), the rest is asked for again,
// progress counts each frame once and ends at the true count, the pixels are the source's; a
// request that keeps stalling ends in cb-series-error after a bounded number of attempts.
import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { MemorySeriesStore } from '../../src/dicomweb/memory-series-store.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import type { RetrievalSchedulerOptions } from '../../src/dicomweb/retrieval-request.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { SeriesErrorEvent } from '../../src/events/series-error.js';
import { SeriesProgressEvent } from '../../src/events/series-progress.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  FAULTY_ORTHANC,
  expectSeriesPixelExact,
  fixtures,
  nextEvent,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
  type FixtureSeries,
} from './dicomweb-fixtures.js';

interface Opened {
  readonly loader: SeriesLoader;
  readonly scheduler: RetrievalScheduler;
  readonly store: MemorySeriesStore;
  /** `loaded` of every cb-series-progress, in order. */
  readonly progress: number[];
  /** Slices that came while the whole-series request was the only request made. */
  readonly fromSeriesRequest: Set<string>;
}

async function open(
  series: FixtureSeries,
  scheduling: RetrievalSchedulerOptions,
  retries: number,
): Promise<Opened> {
  const client = new DicomwebClient({
    url: FAULTY_ORTHANC,
    stallTimeoutMs: 2000,
    retry: { retries, baseDelayMs: 20 },
  });
  const instances = await client.retrieveSeriesMetadata(
    series.studyInstanceUid,
    series.seriesInstanceUid,
  );
  const scheduler = new RetrievalScheduler(client, scheduling);
  const store = new MemorySeriesStore();
  const loader = new SeriesLoader({
    client,
    scheduler,
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    instances,
    store,
  });
  const progress: number[] = [];
  loader.addEventListener('cb-series-progress', (event) => {
    if (event instanceof SeriesProgressEvent) progress.push(event.detail.loaded);
  });
  // A frame heard while the series request is still the only request made came from it (the
  // frame requests for the rest start only once that request has failed).
  const fromSeriesRequest = new Set<string>();
  for (const source of loader.sources)
    source.onFrame(() => {
      if (scheduler.stats.requestsStarted === 1) fromSeriesRequest.add(source.sopInstanceUid);
    });
  return { loader, scheduler, store, progress, fromSeriesRequest };
}

/** SOP Instance UID of a frames path `/…/instances/<uid>/frames/<n>`. */
function framesInstance(path: string): string | undefined {
  return /\/instances\/([0-9.]+)\/frames\//.exec(path)?.[1];
}

function expectTruthfulProgress(progress: readonly number[], total: number): void {
  expect(progress.length, 'one progress event per frame').to.equal(total);
  for (const [i, loaded] of progress.entries())
    expect(loaded, `progress event ${String(i)}`).to.equal(i + 1);
}

describe('a stalled connection on a thin link', function () {
  this.timeout(120_000);
  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  let pool: DecodePool;
  beforeEach(async () => {
    pool = new DecodePool();
    await resetFaults();
  });
  afterEach(async () => {
    pool.dispose();
    await resetFaults();
  });

  it('keeps the instances a stalled series stream delivered and asks for the rest once, by frame', async () => {
    const fx = await fixtures();
    const series = fx.series.ct120;
    const opened = await open(series, { seriesRetrieval: 'always' }, 3);
    const { loader, scheduler, store, progress, fromSeriesRequest } = opened;
    // About a third of the series' Part 10 bytes, then silence with the connection open.
    await setFaults({ stall: { afterBytes: 600_000, count: 1, match: '/series/[0-9.]+$' } });
    const loaded = nextEvent(loader, 'cb-series-loaded', 100_000);
    loader.start();
    await loaded;

    expect(loader.loadedCount).to.equal(120);
    expectTruthfulProgress(progress, 120);
    const counters = await proxyCounters();
    expect(counters.stalled, 'the series stream stalled').to.equal(1);
    expect(scheduler.stats.seriesRequestsStarted, 'one series request, not repeated').to.equal(1);
    const delivered = fromSeriesRequest.size;
    expect(delivered, 'instances the stream delivered before it stalled').to.be.within(1, 119);

    const framePaths = counters.paths.filter((path) => path.includes('/frames/'));
    const asked = framePaths.map(framesInstance);
    expect(new Set(asked).size, 'each remaining frame asked for once').to.equal(asked.length);
    expect(asked.length, 'frame requests for exactly what the stream still owed').to.equal(
      120 - delivered,
    );
    for (const sop of asked)
      expect(fromSeriesRequest.has(sop ?? ''), 'a delivered instance fetched again').to.equal(
        false,
      );

    // Bytes: the frame responses carry the owed frames and their multipart headers, no more.
    let owedBytes = 0;
    for (const slice of loader.slices) {
      if (fromSeriesRequest.has(slice.source.sopInstanceUid)) continue;
      const frame = await store.getFrame(slice.source.frameKey(slice.frameIndex));
      owedBytes += frame?.bytes.byteLength ?? 0;
    }
    const frameBytes = counters.bytesByKind['frames'] ?? 0;
    expect(frameBytes).to.be.at.least(owedBytes);
    expect(frameBytes, 'at most 1 KiB of multipart framing a request').to.be.at.most(
      owedBytes + 1024 * asked.length,
    );
    await expectSeriesPixelExact(loader, pool);
  });

  it('retries single frame requests that stall, counting each frame once', async () => {
    const fx = await fixtures();
    const { loader, progress } = await open(fx.series.ct120, { seriesRetrieval: 'off' }, 3);
    await setFaults({ stall: { afterBytes: 3000, count: 2, match: '/frames/' } });
    const loaded = nextEvent(loader, 'cb-series-loaded', 100_000);
    loader.start();
    await loaded;

    expect(loader.loadedCount).to.equal(120);
    expectTruthfulProgress(progress, 120);
    const counters = await proxyCounters();
    expect(counters.stalled).to.equal(2);
    const framePaths = counters.paths.filter((path) => path.includes('/frames/'));
    expect(framePaths.length, 'every frame once, the two stalled ones twice').to.equal(122);
    expect(new Set(framePaths).size).to.equal(120);
    await expectSeriesPixelExact(loader, pool);
  });

  it('ends a request that keeps stalling with cb-series-error after bounded attempts, the rest loaded', async () => {
    const fx = await fixtures();
    const series = fx.series.ct120;
    const stuck = series.instances[5]?.sopInstanceUid ?? '';
    const { loader, progress } = await open(series, { seriesRetrieval: 'off' }, 2);
    await setFaults({
      stall: { afterBytes: 3000, count: -1, match: `/instances/${stuck}/frames/` },
    });
    const failed = nextEvent<SeriesErrorEvent>(loader, 'cb-series-error', 100_000);
    loader.start();
    const event = await failed;

    expect(event).to.be.instanceOf(SeriesErrorEvent);
    const { detail } = event;
    expect(detail.failed).to.equal(1);
    expect(detail.code).to.equal('timeout');
    expect(detail.cause).to.equal('DicomwebStallError');
    expect(loader.state).to.equal('error');
    expect(loader.loadedCount).to.equal(119);
    expectTruthfulProgress(progress, 119);
    const counters = await proxyCounters();
    const attempts = counters.paths.filter((path) => framesInstance(path) === stuck);
    expect(attempts.length, 'the first request and two retries').to.equal(3);
    expect(counters.stalled).to.equal(3);
  });
});
