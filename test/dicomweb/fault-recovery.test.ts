// A series through a misbehaving link (issue 13, item 8): latency and a thin link, connections
// reset mid-multipart, bursts of 500 and 503, and a bearer token that expires mid-series. The
// series completes after recovery and every frame is pixel-exact (nothing corrupt is kept).
// Real Orthanc behind the fault proxy (node scripts/test/run-browser-tests.mjs).
import { expect } from '@open-wc/testing';
import { DicomwebClient, type DicomwebClientOptions } from '../../src/dicomweb/dicomweb-client.js';
import { MemorySeriesStore } from '../../src/dicomweb/memory-series-store.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { SeriesErrorEvent } from '../../src/events/series-error.js';
import { SeriesProgressEvent } from '../../src/events/series-progress.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  FAULTY_ORTHANC,
  fixtures,
  nextEvent,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
  type FixtureSeries,
  expectSeriesPixelExact,
} from './dicomweb-fixtures.js';

async function openSeries(
  series: FixtureSeries,
  options: Omit<DicomwebClientOptions, 'url'>,
): Promise<SeriesLoader> {
  const client = new DicomwebClient({ url: FAULTY_ORTHANC, ...options });
  const instances = await client.retrieveSeriesMetadata(
    series.studyInstanceUid,
    series.seriesInstanceUid,
  );
  return new SeriesLoader({
    client,
    scheduler: new RetrievalScheduler(client),
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    instances,
    store: new MemorySeriesStore(),
  });
}

function progressReached(loader: SeriesLoader, n: number): Promise<void> {
  return new Promise((resolve) => {
    loader.addEventListener('cb-series-progress', (event) => {
      if (event instanceof SeriesProgressEvent && event.detail.loaded >= n) resolve();
    });
  });
}

describe('a series through a misbehaving link', () => {
  before(async function () {
    // The first fixtures() call uploads the fixtures (idempotent): slow on a loaded machine.
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool();
  });
  afterEach(async () => {
    pool.dispose();
    await resetFaults();
  });

  it('completes pixel-exact through latency, a thin link, resets mid-multipart and 500/503 bursts', async function () {
    this.timeout(90_000);
    const fx = await fixtures();
    const loader = await openSeries(fx.series.ct120, { retry: { retries: 6, baseDelayMs: 20 } });
    const errors: SeriesErrorEvent[] = [];
    loader.addEventListener('cb-series-error', (event) => {
      if (event instanceof SeriesErrorEvent) errors.push(event);
    });
    await setFaults({
      delayMs: 30,
      mbps: 40,
      cut: { afterBytes: 2_000, mode: 'reset', count: 3, match: '/frames/' },
    });
    const loaded = nextEvent(loader, 'cb-series-loaded', 80_000);
    loader.start();
    await progressReached(loader, 10);
    await setFaults({ delayMs: 30, mbps: 40, fail: { status: 503, count: 4, match: '/frames/' } });
    await progressReached(loader, 40);
    await setFaults({ delayMs: 30, mbps: 40, fail: { status: 500, count: 3, match: '/frames/' } });
    await loaded;
    expect(errors, 'no cb-series-error: every fault was recovered by retrying').to.have.length(0);
    expect(loader.loadedCount).to.equal(120);
    const counters = await proxyCounters();
    expect(counters.failed, '500/503 answered').to.equal(7);
    expect(counters.cut, 'connections reset mid-multipart').to.equal(3);
    await expectSeriesPixelExact(loader, pool);
  });

  it('refreshes an expired token mid-series once, and completes pixel-exact', async function () {
    this.timeout(90_000);
    const fx = await fixtures();
    let token = 'first';
    let refreshes = 0;
    await setFaults({ delayMs: 20, auth: { token: 'first' } });
    const loader = await openSeries(fx.series.ct120, {
      requestHeaders: () => ({ Authorization: `Bearer ${token}` }),
      refreshToken: () => {
        refreshes++;
        token = 'second';
        return Promise.resolve();
      },
      retry: { retries: 4, baseDelayMs: 20 },
    });
    const loaded = nextEvent(loader, 'cb-series-loaded', 80_000);
    loader.start();
    await progressReached(loader, 20);
    // The session expires: the old token is refused from now on.
    await setFaults({ delayMs: 20, auth: { token: 'second' } });
    await loaded;
    expect(loader.loadedCount).to.equal(120);
    const counters = await proxyCounters();
    expect(counters.unauthorized, '401 answered for the expired token').to.be.greaterThan(0);
    // Requests failing together share one refresh.
    expect(refreshes).to.equal(1);
    await expectSeriesPixelExact(loader, pool);
  });
});
