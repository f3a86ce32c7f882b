// <cb-viewer> through a misbehaving link (issue 13, item 8): latency, a thin link, connections
// reset mid-multipart, a 503 burst and a bearer token expiring mid-series. Every frame drawn on
// the way is pixel-exact for the slice it belongs to (nothing corrupt is shown), and the series
// completes after recovery. Real Orthanc behind the fault proxy (run-browser-tests.mjs).
import { expect } from '@open-wc/testing';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import type { SeriesLoadedEvent } from '../../src/events/series-loaded.js';
import type { ViewerErrorEvent } from '../../src/events/viewer-error.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { CbViewport } from '../../src/components/viewport/viewport.js';
import {
  FAULTY_ORTHANC,
  fixtures,
  proxyCounters,
  referencePixels,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import { mountViewer, waitFor } from './viewer-harness.js';

interface Shown {
  readonly sopInstanceUid: string;
  readonly frameNumber: number;
  readonly pixels: DecodedFrame['pixels'];
}

/** What a viewport has on screen, when it is a full-quality frame of a known slice. */
function shownFrame(viewport: CbViewport): Shown | undefined {
  const shown = viewport.currentImage;
  const sopInstanceUid = shown?.image.dataset.string(0x00080018);
  if (!shown || !sopInstanceUid) return undefined;
  return { sopInstanceUid, frameNumber: shown.image.frame + 1, pixels: shown.frame.pixels };
}

/** The viewport of the cell the viewer hung `seriesInstanceUid` in. */
function viewportOf(viewer: CbViewer, seriesInstanceUid: string): CbViewport | undefined {
  const state = viewer.getLayout().find((cell) => cell.seriesInstanceUid === seriesInstanceUid);
  if (!state) return undefined;
  return (
    viewer.shadowRoot!.querySelector<CbViewport>(
      `.cell[data-row="${String(state.row)}"][data-column="${String(state.column)}"] cb-viewport`,
    ) ?? undefined
  );
}

async function differences(shown: Shown): Promise<number> {
  const reference = await referencePixels(shown.sopInstanceUid, shown.frameNumber);
  if (shown.pixels.length !== reference.length) return Infinity;
  let count = 0;
  for (let i = 0; i < reference.length; i++) if (shown.pixels[i] !== reference[i]) count++;
  return count;
}

describe('<cb-viewer> through a misbehaving link', () => {
  const mounted: CbViewer[] = [];
  before(async function () {
    // The first fixtures() call uploads the fixtures (idempotent): slow on a loaded machine.
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  afterEach(async () => {
    for (const viewer of mounted.splice(0)) viewer.remove();
    await resetFaults();
  });

  it('shows only exact frames through resets, a 503 burst and an expired token, and completes', async function () {
    this.timeout(90_000);
    const fx = await fixtures();
    const ct = fx.series.ct120;
    let token = 'morning';
    let refreshes = 0;
    await setFaults({
      delayMs: 30,
      mbps: 40,
      auth: { token: 'morning' },
      // Diagnostic frame responses (frame lists), not the rendered previews drawn before them.
      cut: { afterBytes: 2_000, mode: 'reset', count: 2, match: '/frames/[0-9,]+$' },
    });
    const viewer = mountViewer(
      { server: FAULTY_ORTHANC, cache: 'none', lang: 'en', study: ct.studyInstanceUid },
      (v) => {
        v.requestHeaders = () => ({ Authorization: `Bearer ${token}` });
        v.refreshToken = () => {
          refreshes++;
          token = 'afternoon';
          return Promise.resolve();
        };
      },
    );
    mounted.push(viewer);
    const errors: ViewerErrorEvent[] = [];
    viewer.addEventListener('cb-error', (event) => errors.push(event));
    const shown: Shown[] = [];
    viewer.addEventListener('cb-image-rendered', (event) => {
      const viewport = event.composedPath()[0];
      if (event.detail.quality !== 'full' || !(viewport instanceof CbViewport)) return;
      const frame = shownFrame(viewport);
      if (frame) shown.push(frame);
    });
    const loaded = new Promise<SeriesLoadedEvent>((resolve) => {
      viewer.addEventListener('cb-series-loaded', (event) => {
        if (event.detail.seriesInstanceUid === ct.seriesInstanceUid) resolve(event);
      });
    });
    const viewport = await waitFor(
      () => viewportOf(viewer, ct.seriesInstanceUid),
      'the CT viewport',
      30_000,
    );
    await waitFor(() => viewport.currentImage, 'the first image', 30_000);
    // Mid-series: a burst of 503, and the session expires (the old token is refused from now on).
    await setFaults({
      delayMs: 30,
      mbps: 40,
      auth: { token: 'afternoon' },
      fail: { status: 503, count: 4, match: '/frames/' },
    });
    // The user scrolls while frames arrive: what is drawn must still be exact.
    for (const index of [30, 90, 119]) {
      viewport.index = index;
      await waitFor(() => shownFrame(viewport), `slice ${index}`, 30_000);
    }
    expect((await loaded).detail.frames).to.equal(120);
    viewport.index = 60;
    await waitFor(
      () => viewport.currentImage?.image.dataset === viewport.stack[60] && !viewport.showsStandIn,
      'slice 60',
    );
    const last = shownFrame(viewport);
    if (last) shown.push(last);
    expect(
      errors.map((event) => event.detail.code),
      'no cb-error',
    ).to.deep.equal([]);
    expect(refreshes, 'one token refresh').to.equal(1);
    const counters = await proxyCounters();
    expect(counters.unauthorized).to.be.greaterThan(0);
    expect(counters.cut).to.be.greaterThan(0);
    expect(shown.length).to.be.greaterThan(1);
    for (const frame of shown) {
      expect(
        await differences(frame),
        `${frame.sopInstanceUid} frame ${frame.frameNumber}`,
      ).to.equal(0);
    }
  });
});
