// Issue 18 item 5 through <cb-viewer>: with `lossy` the frames come transcoded by the runner's
// real Orthanc, every image drawn says so (overlay mark in English and French,
// cb-image-rendered.detail.lossy) and the frames are cached under a lossy name of their own;
// the same series opened afterwards without `lossy` is fetched again and shows the lossless
// pixels (checked against the source), never the cached lossy frames.
import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { clearCache } from '../../src/cache/clear-cache.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { CbViewport } from '../../src/components/viewport/viewport.js';
import type { ImageRenderedEvent } from '../../src/events/image-rendered.js';
import {
  FAULTY_ORTHANC,
  fixtures,
  proxyCounters,
  referencePixels,
  requireRig,
  resetFaults,
  type FixtureSeries,
} from '../dicomweb/dicomweb-fixtures.js';
import { mountViewer, waitFor } from './viewer-harness.js';

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

function lossyMark(viewport: CbViewport): string | undefined {
  return viewport.shadowRoot!.querySelector('[part="lossy"]')?.textContent.trim();
}

/** Opens the CT and waits for its first full-quality image; `rendered` collects its draws. */
async function openCt(
  ct: FixtureSeries,
  lossy: boolean,
  rendered: ImageRenderedEvent[],
): Promise<{ viewer: CbViewer; viewport: CbViewport }> {
  const attributes: Record<string, string> = {
    server: FAULTY_ORTHANC,
    cache: 'persistent',
    'prefetch-budget': '0',
    lang: 'en',
    study: ct.studyInstanceUid,
    ...(lossy ? { lossy: '' } : {}),
  };
  const viewer = mountViewer(attributes, (v) => {
    v.addEventListener('cb-image-rendered', (event) => {
      if (event.detail.seriesInstanceUid === ct.seriesInstanceUid) rendered.push(event);
    });
  });
  const viewport = await waitFor(
    () => viewportOf(viewer, ct.seriesInstanceUid),
    'the CT viewport',
    30_000,
  );
  // The whole stack: the CT opens by one slice before its series metadata (issue 18 item 2).
  await waitFor(
    () =>
      viewport.currentImage?.quality === 'full' &&
      rendered.length > 0 &&
      viewport.stack.length === ct.instances.length &&
      !viewport.showsStandIn,
    'the first image',
    30_000,
  );
  return { viewer, viewport };
}

async function frameCount(server: string, ct: FixtureSeries): Promise<number> {
  const probe = new SeriesCache();
  try {
    const sops = ct.instances.map((instance) => instance.sopInstanceUid);
    return (await probe.listFrames({ server, ...ct }, sops)).length;
  } finally {
    await probe.close();
  }
}

describe('<cb-viewer lossy>', function () {
  this.timeout(120_000);
  const mounted: CbViewer[] = [];
  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  afterEach(async () => {
    for (const viewer of mounted.splice(0)) viewer.remove();
    await resetFaults();
    await clearCache();
  });

  it('labels every lossy image, caches it apart, and a viewer without lossy shows the lossless pixels', async () => {
    const ct = (await fixtures()).series.ct120;
    await clearCache();
    await resetFaults();
    const lossyDraws: ImageRenderedEvent[] = [];
    const first = await openCt(ct, true, lossyDraws);
    mounted.push(first.viewer);
    const { viewport } = first;
    expect(viewport.currentImage?.frame.lossy).to.equal(true);
    expect(lossyMark(viewport)).to.equal('Lossy image: not for diagnosis');
    // Another slice, drawn from another lossy frame: labelled too.
    viewport.index = 10;
    await waitFor(
      () => {
        const shown = viewport.currentImage;
        return (
          shown !== undefined &&
          shown.image.dataset === viewport.stack[10] &&
          !viewport.showsStandIn &&
          shown.quality === 'full'
        );
      },
      'slice 10',
      30_000,
    );
    await waitFor(() => lossyMark(viewport), 'the mark on slice 10');
    viewport.setAttribute('lang', 'fr');
    await waitFor(
      () => lossyMark(viewport) === 'Image compressée avec perte (lossy) : non diagnostique',
      'the French mark',
    );
    expect(lossyDraws.length).to.be.greaterThan(1);
    for (const event of lossyDraws) expect(event.detail.lossy, 'cb-image-rendered').to.equal(true);
    // Stored under the lossy name only: nothing a lossless viewer would read.
    await waitFor(
      async () => (await frameCount(`lossy:${FAULTY_ORTHANC}`, ct)) > 0,
      'the lossy frames stored',
    );
    expect(await frameCount(FAULTY_ORTHANC, ct)).to.equal(0);
    mounted.pop()!.remove();

    await resetFaults();
    const losslessDraws: ImageRenderedEvent[] = [];
    const second = await openCt(ct, false, losslessDraws);
    mounted.push(second.viewer);
    const shown = second.viewport.currentImage!;
    const sop = shown.image.dataset.string(0x00080018) ?? '';
    expect(shown.frame.lossy).to.not.equal(true);
    expect(lossyMark(second.viewport)).to.equal(undefined);
    // A server-rendered preview is JPEG, so lossy (and labelled preview); every diagnostic draw is not.
    for (const event of losslessDraws) {
      if (event.detail.lossy) expect(event.detail.quality).to.equal('preview');
      else expect(event.detail.lossy).to.equal(false);
    }
    expect(losslessDraws.some((event) => event.detail.quality === 'full')).to.equal(true);
    const reference = await referencePixels(sop, shown.image.frame + 1);
    expect(shown.frame.pixels.length).to.equal(reference.length);
    let differing = 0;
    for (let i = 0; i < reference.length; i++)
      if (shown.frame.pixels[i] !== reference[i]) differing++;
    expect(differing, 'pixels differing from the lossless source').to.equal(0);
    const counters = await proxyCounters();
    expect(
      counters.paths.some((path) => path.includes(`/instances/${sop}/frames/`)),
      'the shown frame fetched again',
    ).to.equal(true);
  });
});
