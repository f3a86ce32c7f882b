// First image before the series metadata (issue 18 item 2): the slice to show is found by an
// instance-level QIDO, its own metadata and frame come first, the series metadata behind them.
// Real Orthanc behind the fault proxy, whose request log gives the order on the wire.
import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { MemorySeriesStore } from '../../src/dicomweb/memory-series-store.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { RetrievalPriority } from '../../src/dicomweb/retrieval-request.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { SeriesOpening, type SeriesOpeningOptions } from '../../src/dicomweb/series-opening.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import {
  FAULTY_ORTHANC,
  expectPixelExact,
  expectSeriesPixelExact,
  fixtures,
  nextEvent,
  proxyCounters,
  referencePixels,
  requireRig,
  resetFaults,
  setFaults,
} from './dicomweb-fixtures.js';
import { fetchGate, waitFor } from '../waits.js';

const SERIES_METADATA = /\/series\/[0-9.]+\/metadata$/;

/** A SeriesOpening of `series` through the fault proxy, on a client and scheduler of its own. */
function openingThroughProxy(
  series: Pick<SeriesOpeningOptions, 'studyInstanceUid' | 'seriesInstanceUid'>,
  options: Pick<SeriesOpeningOptions, 'store' | 'beforeFrame'> = {},
): SeriesOpening {
  const client = new DicomwebClient({ url: FAULTY_ORTHANC });
  return new SeriesOpening({
    client,
    scheduler: new RetrievalScheduler(client),
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    ...options,
  });
}

describe('SeriesOpening: the slice on screen before the series metadata', () => {
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

  it('draws the middle slice by position while the series metadata is held, then completes the stack in order', async function () {
    this.timeout(60_000);
    const { ct120 } = (await fixtures()).series;
    // Instance numbers run against positions in this series: the middle by Instance Number is
    // another slice than the middle along the stack normal, which the full metadata chooses.
    const byPosition = [...ct120.instances].sort(
      (a, b) => (a as unknown as { z: number }).z - (b as unknown as { z: number }).z,
    );
    const expectedMiddle = byPosition[Math.floor(byPosition.length / 2)]?.sopInstanceUid;
    const gate = fetchGate((url) => SERIES_METADATA.test(new URL(url, location.href).pathname));
    const client = new DicomwebClient({ url: FAULTY_ORTHANC, fetch: gate.fetch });
    const scheduler = new RetrievalScheduler(client);
    const opening = new SeriesOpening({
      client,
      scheduler,
      studyInstanceUid: ct120.studyInstanceUid,
      seriesInstanceUid: ct120.seriesInstanceUid,
      store: new MemorySeriesStore(),
    });
    const first = await opening.firstSlice;
    expect(first.source.sopInstanceUid).to.equal(expectedMiddle);
    expect(first.total).to.equal(120);
    const frame = await new DicomwebFrameLoader(pool).load(first.dataset, first.frameIndex, {
      signal: new AbortController().signal,
      priority: RetrievalPriority.visible,
    });
    expect(expectPixelExact(frame, await referencePixels(first.source.sopInstanceUid, 1))).to.equal(
      undefined,
    );
    // The first image is decoded; the series metadata has not been answered (held, or not yet asked).
    expect(gate.parked + (gate.sent.length === 0 ? 1 : 0)).to.equal(1);
    await waitFor(() => gate.parked === 1, 'the series metadata request, after the first frame');
    gate.open();
    const loader = await opening.loader();
    const view = opening.viewIndex(loader);
    expect(loader.slices[view]?.source).to.equal(first.source);
    expect(loader.isLoaded(view), 'the first slice counts as loaded').to.equal(true);
    const loaded = nextEvent(loader, 'cb-series-loaded', 45_000);
    loader.start(view);
    await loaded;
    expect(loader.slices.map((slice) => slice.source.sopInstanceUid)).to.deep.equal(
      byPosition.map((instance) => instance.sopInstanceUid),
    );
    await expectSeriesPixelExact(loader, pool);
    // The slice shown first was fetched once: the loader reused its source.
    const paths = (await proxyCounters()).paths;
    const firstFramePaths = paths.filter((path) =>
      path.includes(`/instances/${first.source.sopInstanceUid}/frames/`),
    );
    expect(firstFramePaths).to.have.length(1);
  });

  it('asks for the visible slice before any other frame and the series metadata, even with a prior prefetch waiting', async function () {
    this.timeout(60_000);
    const { ct120, prior } = (await fixtures()).series;
    // A thin link with a round trip, so the order on the wire is the order asked.
    await setFaults({ delayMs: 20, mbps: 20 });
    const client = new DicomwebClient({ url: FAULTY_ORTHANC });
    const scheduler = new RetrievalScheduler(client);
    const priorInstances = await client.retrieveSeriesMetadata(
      prior.studyInstanceUid,
      prior.seriesInstanceUid,
    );
    await resetFaults();
    await setFaults({ delayMs: 20, mbps: 20 });
    const opening = new SeriesOpening({
      client,
      scheduler,
      studyInstanceUid: ct120.studyInstanceUid,
      seriesInstanceUid: ct120.seriesInstanceUid,
    });
    // A prior's prefetch, asked for at the same moment, on the same scheduler.
    const prefetch = new SeriesLoader({
      client,
      scheduler,
      studyInstanceUid: prior.studyInstanceUid,
      seriesInstanceUid: prior.seriesInstanceUid,
      instances: priorInstances,
      priorityBase: RetrievalPriority.prefetch,
    });
    const first = await opening.firstSlice;
    prefetch.start(0);
    const loader = await opening.loader();
    loader.start(opening.viewIndex(loader));
    await waitFor(() => loader.loadedCount === loader.total, 'the whole series', 45_000);
    prefetch.abort();
    const paths = (await proxyCounters()).paths;
    const frames = paths.filter((path) => path.includes('/frames/'));
    expect(frames[0], 'the first frame request').to.include(
      `/instances/${first.source.sopInstanceUid}/frames/`,
    );
    const seriesMetadata = paths.findIndex((path) => SERIES_METADATA.test(path));
    const firstFrame = paths.indexOf(frames[0] ?? '');
    expect(firstFrame).to.be.greaterThan(-1);
    expect(seriesMetadata, 'the series metadata comes behind the visible frame').to.be.greaterThan(
      firstFrame,
    );
    expect(
      paths.slice(0, 2).map((path) => /\/instances(\/[0-9.]+\/metadata)?$/.test(path)),
    ).to.deep.equal([true, true]);
  });

  it('switches honestly to the slice of the full order when the search answered without positions', async function () {
    this.timeout(60_000);
    const { ct120 } = (await fixtures()).series;
    // A server whose QIDO ignores includefield: Instance Number only, which runs against
    // positions here, so the first guess is another slice than the stack's middle.
    await setFaults({ query: { drop: ['includefield'], match: '/instances\\?' } });
    const opening = openingThroughProxy(ct120);
    const first = await opening.firstSlice;
    const loader = await opening.loader();
    const view = opening.viewIndex(loader);
    const byPosition = [...ct120.instances].sort(
      (a, b) => (a as unknown as { z: number }).z - (b as unknown as { z: number }).z,
    );
    expect(loader.slices[view]?.source.sopInstanceUid).to.equal(
      byPosition[Math.floor(byPosition.length / 2)]?.sopInstanceUid,
    );
    expect(loader.slices[view]?.source, 'the guess was another slice').not.to.equal(first.source);
    // The guess is still in the stack, loaded; the slice to show now loads like any other.
    const guessed = loader.slices.findIndex((slice) => slice.source === first.source);
    await waitFor(() => loader.isLoaded(guessed), 'the guessed slice counted as loaded');
    loader.start(view);
    await waitFor(() => loader.isLoaded(view), 'the stack middle loaded');
    loader.abort();
  });

  it('falls back to the series metadata when the server has no instance-level search', async function () {
    this.timeout(60_000);
    const { ct120 } = (await fixtures()).series;
    await setFaults({ fail: { status: 400, count: -1, match: '/instances\\?' } });
    const opening = openingThroughProxy(ct120);
    let failed = false;
    await opening.firstSlice.catch(() => (failed = true));
    expect(failed).to.equal(true);
    const loader = await opening.loader();
    expect(loader.total).to.equal(120);
    expect(loader.loadedCount).to.equal(0);
  });

  it('never asks for the frame of a first slice its beforeFrame refuses, nor hands that slice to the loader', async function () {
    this.timeout(60_000);
    const { ct120 } = (await fixtures()).series;
    const opening = openingThroughProxy(ct120, {
      store: new MemorySeriesStore(),
      // A viewer refuses the slice when its own Patient module names another patient.
      beforeFrame: () => Promise.reject(new Error('another patient')),
    });
    const first = await opening.firstSlice;
    expect(await opening.askedSlice, 'the refused slice').to.equal(undefined);
    await opening.frameAsked;
    // The series metadata still follows (the viewer checks it the same way, and refuses it).
    const loader = await opening.loader();
    expect(loader.loadedCount, 'frames held by the loader').to.equal(0);
    const index = loader.slices.findIndex((slice) => slice.source === first.source);
    expect(index, 'the refused source reused').to.equal(-1);
    const frames = (await proxyCounters()).paths.filter(
      (path) =>
        path.includes(`/series/${ct120.seriesInstanceUid}/instances/`) &&
        /\/(frames|rendered|thumbnail)/.test(path),
    );
    expect(frames, 'pixel requests of the refused slice').to.deep.equal([]);
  });
});
