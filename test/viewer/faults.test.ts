// <cb-viewer> against a misbehaving server (issue 5): the DICOMweb fault proxy in front of the
// runner's own Orthanc (node scripts/test/run-browser-tests.mjs), reached at /fault-orthanc.
import { expect } from '@open-wc/testing';
import {
  FAULTY_ORTHANC,
  fixtures,
  orthancControl,
  referencePixels,
  requireRig,
  resetFaults,
  setFaults,
  type FixtureManifest,
} from '../dicomweb/dicomweb-fixtures.js';
import type { SeriesLoadedEvent } from '../../src/dicomweb/events/series-loaded.js';
import type { SeriesProgressEvent } from '../../src/dicomweb/events/series-progress.js';
import type { ViewerErrorEvent } from '../../src/events/viewer-error.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { drawnAt, mountViewer, waitFor } from './viewer-harness.js';

function cellOf(viewer: CbViewer, seriesInstanceUid: string): HTMLElement | undefined {
  const state = viewer.getLayout().find((cell) => cell.seriesInstanceUid === seriesInstanceUid);
  if (!state) return undefined;
  return (
    viewer.shadowRoot!.querySelector<HTMLElement>(
      `.cell[data-row="${String(state.row)}"][data-column="${String(state.column)}"]`,
    ) ?? undefined
  );
}

function loadedEvent(viewer: CbViewer, seriesInstanceUid: string): Promise<SeriesLoadedEvent> {
  return new Promise((resolve) => {
    const listener = (event: SeriesLoadedEvent): void => {
      if (event.detail.seriesInstanceUid !== seriesInstanceUid) return;
      viewer.removeEventListener('cb-series-loaded', listener);
      resolve(event);
    };
    viewer.addEventListener('cb-series-loaded', listener);
  });
}

function progressReached(viewer: CbViewer, seriesInstanceUid: string, n: number): Promise<void> {
  return new Promise((resolve) => {
    const listener = (event: SeriesProgressEvent): void => {
      if (event.detail.seriesInstanceUid !== seriesInstanceUid || event.detail.loaded < n) return;
      viewer.removeEventListener('cb-series-progress', listener);
      resolve();
    };
    viewer.addEventListener('cb-series-progress', listener);
  });
}

/** The frame on screen equals the source pixels of the slice the viewport shows. */
async function expectShownPixelExact(viewport: CbViewport): Promise<void> {
  const shown = viewport.currentImage!;
  const sop = shown.image.dataset.string(0x00080018)!;
  const reference = await referencePixels(sop, shown.image.frame + 1);
  const pixels = shown.frame.pixels;
  expect(pixels.length).to.equal(reference.length);
  let differences = 0;
  for (let i = 0; i < reference.length; i++) if (pixels[i] !== reference[i]) differences++;
  expect(differences, `pixels differing in ${sop}`).to.equal(0);
}

describe('<cb-viewer> when the server fails', () => {
  let fx: FixtureManifest;
  const mounted: CbViewer[] = [];
  before(async function () {
    await requireRig(this);
    fx = await fixtures();
  });
  afterEach(async () => {
    for (const viewer of mounted.splice(0)) viewer.remove();
    await resetFaults();
  });

  it('shows progress, then an error with Retry when the server goes down mid-series, and completes after Retry; the other cell keeps working', async function () {
    this.timeout(60000);
    const ct = fx.series.ct120;
    const prior = fx.series.prior;
    await setFaults({ delayMs: 40 });
    const errors: ViewerErrorEvent[] = [];
    const viewer = mountViewer({
      server: FAULTY_ORTHANC,
      cache: 'memory',
      lang: 'en',
      'patient-id': fx.patientId,
      study: ct.studyInstanceUid,
      compare: 'prior',
      layout: '1x2',
    });
    mounted.push(viewer);
    viewer.addEventListener('cb-error', (event) => errors.push(event));
    const priorLoaded = loadedEvent(viewer, prior.seriesInstanceUid);
    const twenty = progressReached(viewer, ct.seriesInstanceUid, 20);
    await priorLoaded;
    await twenty;

    // The progress bar of the CT cell follows cb-series-progress.
    const ctCell = await waitFor(() => cellOf(viewer, ct.seriesInstanceUid), 'the CT cell');
    const ctViewport = ctCell.querySelector('cb-viewport')!;
    const bar = await waitFor(
      () => ctViewport.shadowRoot!.querySelector<HTMLElement>('[role=progressbar]'),
      'the progress bar',
    );
    const shownNow = Number(bar.getAttribute('aria-valuenow'));
    expect(shownNow).to.be.within(1, 119);
    expect(bar.getAttribute('aria-valuemax')).to.equal('120');

    await setFaults({ delayMs: 40, down: true });
    const alert = await waitFor(
      () => ctCell.querySelector<HTMLElement>('.cell-error'),
      'the error state',
      25000,
    );
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/could not be loaded/);
    const retry = alert.querySelector('button')!;
    expect(retry.textContent.trim()).to.equal('Retry');
    const seriesError = errors.find((event) => event.detail.code === 'series');
    expect(seriesError, 'a cb-error with code "series"').to.not.equal(undefined);
    expect(seriesError!.detail.message).to.not.match(/orthanc|\/studies|CB-DW/i);

    // The rest of the viewer keeps working: the prior cell scrolls through its loaded slices.
    const priorViewport = cellOf(viewer, prior.seriesInstanceUid)!.querySelector('cb-viewport')!;
    const target = priorViewport.index === 0 ? 1 : 0;
    priorViewport.index = target;
    await drawnAt(priorViewport, target);
    expect(priorViewport.shadowRoot!.querySelector('.error')).to.equal(null);

    await setFaults({});
    const ctLoaded = loadedEvent(viewer, ct.seriesInstanceUid);
    retry.click();
    const done = await ctLoaded;
    expect(done.detail.frames).to.equal(120);
    await waitFor(() => ctCell.querySelector('.cell-error') === null, 'the error state gone');
    await waitFor(
      () => ctViewport.shadowRoot!.querySelector('[role=progressbar]') === null,
      'the progress bar gone',
    );
    // Scroll to a slice that was missing before the retry: it shows, exactly.
    ctViewport.index = 119;
    await waitFor(
      () =>
        ctViewport.currentImage?.image.dataset === ctViewport.stack[119] &&
        !ctViewport.showsStandIn,
      'the last slice',
    );
    await expectShownPixelExact(ctViewport);
  });

  it('survives a real Orthanc kill: the cell shows Retry and the series completes once Orthanc is back', async function () {
    this.timeout(60000);
    const ct = fx.series.ct120;
    // A thin link, so the series is still arriving when Orthanc dies.
    await setFaults({ delayMs: 40, mbps: 2 });
    const viewer = mountViewer({
      server: FAULTY_ORTHANC,
      cache: 'none',
      lang: 'fr',
      study: ct.studyInstanceUid,
    });
    mounted.push(viewer);
    await progressReached(viewer, ct.seriesInstanceUid, 10);
    if (!(await orthancControl('stop'))) this.skip();
    let alert: HTMLElement;
    try {
      alert = await waitFor(
        () => cellOf(viewer, ct.seriesInstanceUid)?.querySelector<HTMLElement>('.cell-error'),
        'the error state',
        25000,
      );
    } finally {
      await orthancControl('start');
    }
    const retry = alert.querySelector('button')!;
    expect(retry.textContent.trim()).to.equal('Réessayer');
    await setFaults({});
    const ctLoaded = loadedEvent(viewer, ct.seriesInstanceUid);
    retry.click();
    expect((await ctLoaded).detail.frames).to.equal(120);
    const viewport = cellOf(viewer, ct.seriesInstanceUid)!.querySelector('cb-viewport')!;
    await waitFor(() => viewport.currentImage && !viewport.showsStandIn, 'the slice in view');
    await expectShownPixelExact(viewport);
  });
});
