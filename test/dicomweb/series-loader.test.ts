import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import type { DicomwebTransportOptions } from '../../src/dicomweb/dicomweb-transport.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { MemorySeriesStore } from '../../src/dicomweb/memory-series-store.js';
import { RetrievalPriority, RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { stackOrder } from '../../src/dicomweb/stack-order.js';
import { retrieveSeriesMetadataCached } from '../../src/dicomweb/series-metadata.js';
import type { SeriesErrorEvent } from '../../src/dicomweb/events/series-error.js';
import type { SeriesLoadedEvent } from '../../src/dicomweb/events/series-loaded.js';
import { SeriesProgressEvent } from '../../src/dicomweb/events/series-progress.js';
import { Tag, jsonString } from '../../src/dicomweb/dicom-json-values.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  FAULTY_ORTHANC,
  ORTHANC,
  countingFetch,
  fixtures,
  requireRig,
  nextEvent,
  orthancControl,
  proxyCounters,
  resetFaults,
  setFaults,
  type FixtureSeries,
  expectSeriesPixelExact,
} from './dicomweb-fixtures.js';
import { fetchGate, waitFor } from '../waits.js';

interface Opened {
  readonly client: DicomwebClient;
  readonly scheduler: RetrievalScheduler;
  readonly loader: SeriesLoader;
  readonly store: MemorySeriesStore;
}

async function openSeries(
  root: string,
  series: FixtureSeries,
  options: Partial<DicomwebTransportOptions> = {},
  store = new MemorySeriesStore(),
): Promise<Opened> {
  const client = new DicomwebClient({ url: root, ...options });
  const scheduler = new RetrievalScheduler(client);
  const instances = await client.retrieveSeriesMetadata(
    series.studyInstanceUid,
    series.seriesInstanceUid,
  );
  const loader = new SeriesLoader({
    client,
    scheduler,
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    instances,
    store,
  });
  return { client, scheduler, loader, store };
}

describe('SeriesLoader against Orthanc', () => {
  before(async function () {
    await requireRig(this);
  });
  let pool: DecodePool;
  beforeEach(() => {
    pool = new DecodePool();
  });
  afterEach(async () => {
    pool.dispose();
    await resetFaults();
  });

  it('shows the first image of a 120-slice series before the series completes, then reports every frame in order', async () => {
    const fx = await fixtures();
    const { loader, scheduler } = await openSeries(ORTHANC, fx.series.ct120);
    expect(loader.total).to.equal(120);
    // Slices follow the stack normal, not the (reversed) instance numbers.
    expect(loader.slices.map((s) => jsonString(s.instance, Tag.SOPInstanceUID))).to.deep.equal(
      fx.series.ct120.instances.map((i) => i.sopInstanceUid),
    );
    const log: string[] = [];
    const progress: number[] = [];
    loader.addEventListener('cb-series-progress', (e) => {
      if (e instanceof SeriesProgressEvent) progress.push(e.detail.loaded);
      if (progress.length === 1) log.push('first-progress');
    });
    const loaded = nextEvent<SeriesLoadedEvent>(loader, 'cb-series-loaded').then((e) => {
      log.push('series-loaded');
      return e;
    });
    // A viewer starts its workers and codecs while the metadata loads (createViewerServices,
    // SeriesLoader's warm): the race below is between the image in view and the series, not
    // against a cold worker.
    await pool.warm([fx.series.ct120.transferSyntaxUid]);
    const view = 60;
    loader.start(view);
    const slice = loader.slices[view];
    if (!slice) throw new Error('no slice');
    // The viewport asks for the slice on screen at visible priority: the same request, shared.
    const image = new DicomwebFrameLoader(pool)
      .load(slice.dataset, slice.frameIndex, {
        signal: new AbortController().signal,
        priority: RetrievalPriority.visible,
      })
      .then((frame) => {
        log.push('first-image');
        return frame;
      });
    const [frame, event] = await Promise.all([image, loaded]);
    expect(log.indexOf('first-image')).to.be.lessThan(log.indexOf('series-loaded'));
    expect(log[0]).to.equal('first-progress');
    expect(frame.rows).to.equal(128);
    expect(progress).to.deep.equal([...Array(120).keys()].map((i) => i + 1));
    expect(event.detail).to.include({
      seriesInstanceUid: fx.series.ct120.seriesInstanceUid,
      frames: 120,
      fromCache: false,
    });
    expect(event.detail.bytes).to.be.greaterThan(120 * 1000);
    expect(loader.state).to.equal('loaded');
    expect(scheduler.stats.requestsStarted).to.equal(120);
  });

  it('loads the slice in view first and a far slice next once the user scrolls there', async () => {
    const fx = await fixtures();
    const series = fx.series.ct120;
    // Frame requests wait at a gate the test opens: what is asserted is the order the scheduler
    // sends them in, which its priorities decide, not the order a loaded server answers them in.
    const gate = fetchGate((url) => url.includes('/frames/'));
    const client = new DicomwebClient({ url: ORTHANC, fetch: gate.fetch });
    // Frame by frame: a whole-series request would carry the background slices in one answer.
    const scheduler = new RetrievalScheduler(client, { seriesRetrieval: 'off' });
    const loader = new SeriesLoader({
      client,
      scheduler,
      studyInstanceUid: series.studyInstanceUid,
      seriesInstanceUid: series.seriesInstanceUid,
      instances: await client.retrieveSeriesMetadata(
        series.studyInstanceUid,
        series.seriesInstanceUid,
      ),
    });
    const sliceOf = (url: string): number =>
      loader.slices.findIndex((slice) =>
        url.includes(`/instances/${slice.source.sopInstanceUid}/`),
      );
    const view = 60;
    loader.start(view);
    const cap = scheduler.maxConcurrentRequests;
    await waitFor(() => gate.parked === cap, `${String(cap)} frame requests at the gate`);
    const first = gate.sent.map(sliceOf);
    // The slice in view first, then its neighbours outward (stack-order.ts).
    expect(first).to.deep.equal(stackOrder(loader.total, view).slice(0, cap));
    // The user scrolls to a far slice; one answer frees a connection, which goes to that slice.
    const far = 117;
    expect(loader.order.indexOf(far)).to.be.greaterThan(cap);
    loader.focus(far);
    gate.releaseOne();
    await waitFor(() => gate.sent.length > cap, 'a request after the first answer');
    expect(sliceOf(gate.sent[cap] ?? '')).to.equal(far);
    const loaded = nextEvent<SeriesLoadedEvent>(loader, 'cb-series-loaded');
    gate.open();
    await loaded;
    // Every later request follows the far slice's order, each slice asked for once.
    const rest = stackOrder(loader.total, far).filter((index) => !first.includes(index));
    expect(gate.sent.map(sliceOf)).to.deep.equal([...first, ...rest]);
    expect(loader.loadedCount).to.equal(loader.total);
  });

  it('cancels its requests when the user leaves the series', async () => {
    const fx = await fixtures();
    // A slow link keeps bodies in transit, so the server side sees requests abandoned mid-response.
    await setFaults({ delayMs: 40, mbps: 4 });
    const { fetch, records } = countingFetch();
    const { loader, scheduler } = await openSeries(FAULTY_ORTHANC, fx.series.ct120, { fetch });
    loader.start();
    await nextEvent(loader, 'cb-series-progress');
    loader.abort();
    const afterAbort = records.length;
    // Nothing queued and nothing in flight: the scheduler has wound down, so a request sent
    // after the abort would have been sent by now.
    await waitFor(
      () => scheduler.stats.queued === 0 && scheduler.stats.inFlight === 0,
      'the scheduler idle',
    );
    expect(records.length).to.equal(afterAbort);
    expect(records.length).to.be.lessThan(30);
    expect(records.some((r) => r.aborted)).to.equal(true);
    // The server side saw them go too: requests closed before their response ended.
    await waitFor(
      async () => (await proxyCounters()).abandoned > 0,
      'the proxy to see a request abandoned',
    );
    expect(loader.loadedCount).to.be.lessThan(120);
  });

  it('discards a response cut mid-part, refetches what was missing and decodes every frame exactly', async () => {
    const fx = await fixtures();
    const series = fx.series.multiframe;
    // The 12 frames come in one batched request; cut it in the middle of a part, twice (reset, then clean end).
    await setFaults({ cut: { afterBytes: 20000, mode: 'reset', count: 1, match: '/frames/' } });
    const { loader, scheduler, client } = await openSeries(FAULTY_ORTHANC, series, {
      retry: { baseDelayMs: 20 },
    });
    expect(loader.total).to.equal(12);
    loader.start(0);
    await nextEvent(loader, 'cb-series-loaded');
    expect((await proxyCounters()).cut).to.equal(1);
    expect(scheduler.stats.requestsStarted).to.equal(2);
    await expectSeriesPixelExact(loader, pool);

    await setFaults({ cut: { afterBytes: 30000, mode: 'end', count: 1, match: '/frames/' } });
    const again = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client),
      studyInstanceUid: series.studyInstanceUid,
      seriesInstanceUid: series.seriesInstanceUid,
      instances: await client.retrieveSeriesMetadata(
        series.studyInstanceUid,
        series.seriesInstanceUid,
      ),
    });
    again.start(0);
    await nextEvent(again, 'cb-series-loaded');
    await expectSeriesPixelExact(again, pool);
  });

  it('reports an error when the server goes away mid-series, then completes once it is back, pixel-exact', async () => {
    const fx = await fixtures();
    await setFaults({ delayMs: 20 });
    const { loader } = await openSeries(FAULTY_ORTHANC, fx.series.ct120, {
      retry: { retries: 2, baseDelayMs: 30 },
    });
    const errored = nextEvent<SeriesErrorEvent>(loader, 'cb-series-error');
    loader.start();
    await new Promise<void>((resolve) => {
      loader.addEventListener('cb-series-progress', (e) => {
        if (e instanceof SeriesProgressEvent && e.detail.loaded === 20) resolve();
      });
    });
    await setFaults({ delayMs: 20, down: true });
    const error = await errored;
    expect(loader.state).to.equal('error');
    expect(error.detail.failed).to.be.greaterThan(0);
    // A typed code and a class name, never the raw Error (its message or stack could leak a URL).
    // The runner's same-origin proxy answers 502 for the dead upstream: 'http' with its status.
    expect(error.detail.code).to.be.oneOf(['network', 'truncated', 'http']);
    expect(error.detail.cause).to.be.oneOf([
      'DicomwebNetworkError',
      'TruncatedResponseError',
      'DicomwebHttpError',
    ]);
    if (error.detail.code === 'http') expect(error.detail.status).to.be.within(500, 599);
    expect(Object.values(error.detail).some((value) => value instanceof Error)).to.equal(false);
    expect(JSON.stringify(error.detail)).to.not.match(/orthanc|CB-DW|\/studies/i);
    const loadedBefore = loader.loadedCount;
    expect(loadedBefore).to.be.lessThan(120);
    await setFaults({});
    const done = nextEvent<SeriesLoadedEvent>(loader, 'cb-series-loaded');
    loader.retry();
    await done;
    expect(loader.loadedCount).to.equal(120);
    await expectSeriesPixelExact(loader, pool);
  });

  it('survives a real Orthanc kill and restart mid-series', async function () {
    const fx = await fixtures();
    await setFaults({ delayMs: 20 });
    const { loader } = await openSeries(FAULTY_ORTHANC, fx.series.ct120, {
      retry: { retries: 2, baseDelayMs: 30 },
    });
    const errored = nextEvent<SeriesErrorEvent>(loader, 'cb-series-error');
    loader.start();
    await new Promise<void>((resolve) => {
      loader.addEventListener('cb-series-progress', (e) => {
        if (e instanceof SeriesProgressEvent && e.detail.loaded === 10) resolve();
      });
    });
    if (!(await orthancControl('stop'))) {
      loader.abort();
      this.skip();
    }
    try {
      await errored;
      expect(loader.state).to.equal('error');
    } finally {
      await orthancControl('start');
    }
    const done = nextEvent<SeriesLoadedEvent>(loader, 'cb-series-loaded');
    loader.retry();
    await done;
    await expectSeriesPixelExact(loader, pool);
  });

  it('opens a cached series from cached metadata without a single frame request', async () => {
    const fx = await fixtures();
    const store = new MemorySeriesStore();
    const series = fx.series.prior;
    const warmed: string[][] = [];
    const open = async (fetchHook?: typeof fetch) => {
      const client = new DicomwebClient({
        url: ORTHANC,
        ...(fetchHook ? { fetch: fetchHook } : {}),
      });
      const metadata = await retrieveSeriesMetadataCached({ client, store, ...series });
      const loader = new SeriesLoader({
        client,
        scheduler: new RetrievalScheduler(client),
        ...series,
        instances: metadata.instances,
        store,
        warm: (uids) => warmed.push([...uids]),
      });
      return { loader, metadata };
    };
    const first = await open();
    expect(first.metadata.fromCache).to.equal(false);
    const loaded = nextEvent<SeriesLoadedEvent>(first.loader, 'cb-series-loaded');
    first.loader.start();
    const firstBytes = (await loaded).detail.bytes;
    expect(warmed, 'nothing was cached yet').to.deep.equal([]);
    const { fetch, records } = countingFetch();
    const second = await open(fetch);
    expect(second.metadata.fromCache).to.equal(true);
    // The loader counts what the store holds from its inventory: no frame's bytes are read
    // (they are read when a viewport decodes them), so nothing queues before the image in view.
    let reads = 0;
    const order: string[] = [];
    const getFrame = store.getFrame.bind(store);
    store.getFrame = (key) => {
      reads++;
      order.push(`read ${key.sopInstanceUid}`);
      return getFrame(key);
    };
    const inventory = store.inventory.bind(store);
    store.inventory = (key) => {
      order.push('inventory');
      return inventory(key);
    };
    const view = second.loader.slices[Math.floor(second.loader.total / 2)];
    // A viewport asking for the slice in view as the loader starts: one store read serves both.
    const viewport = view?.source.load(view.frameIndex);
    second.loader.start();
    const event = await nextEvent<SeriesLoadedEvent>(second.loader, 'cb-series-loaded');
    expect(event.detail.fromCache).to.equal(true);
    expect(event.detail.frames).to.equal(second.loader.total);
    expect(event.detail.bytes).to.equal(firstBytes);
    // The slice in view is read first, once for the viewport and the loader together; the
    // listing of the series comes after it, and no other frame is read.
    expect(order).to.deep.equal([`read ${view?.source.sopInstanceUid}`, 'inventory']);
    expect(reads).to.equal(1);
    expect((await viewport)?.fromCache).to.equal(true);
    expect(records.filter((r) => r.url.includes('/frames/'))).to.deep.equal([]);
    // The decode workers are told which codecs the cached frames need.
    expect(warmed).to.have.length(1);
    expect(warmed[0]).to.have.length(1);
    expect(warmed[0]?.[0]).to.match(/^1\.2\.840\.10008\.1\.2/);
    // And every slice still decodes from the store, pixel-exact, without the network.
    await expectSeriesPixelExact(second.loader, pool);
    expect(reads).to.equal(1 + second.loader.total);
    expect(records.filter((r) => r.url.includes('/frames/'))).to.deep.equal([]);
  });
});
