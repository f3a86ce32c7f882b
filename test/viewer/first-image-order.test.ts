// The slice on screen before anything in the background (issue 18 item 2): through the fault
// proxy (a thin link with a round trip), the proxy's request log shows each cell's visible frame
// asked for, with its rendered preview, before any frame of a thumbnail or of the prior prefetch.
import { expect } from '@open-wc/testing';
import {
  FAULTY_ORTHANC,
  expectPixelExact,
  fixtures,
  proxyCounters,
  referencePixels,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { allRendered, mountViewer, viewports, waitFor } from './viewer-harness.js';

/** The series UID in a WADO-RS path, or undefined. */
function seriesOf(path: string): string | undefined {
  return /\/series\/([0-9.]+)\//.exec(path)?.[1];
}

describe('<cb-viewer> first image order on a thin link', () => {
  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  const mounted: CbViewer[] = [];
  afterEach(async () => {
    for (const viewer of mounted.splice(0)) viewer.remove();
    await resetFaults();
  });

  it('asks for each visible slice and its rendered preview before thumbnails and the prior prefetch', async function () {
    this.timeout(90_000);
    const fx = await fixtures();
    await resetFaults();
    await setFaults({ delayMs: 20, mbps: 30 });
    const viewer = mountViewer({
      server: FAULTY_ORTHANC,
      cache: 'memory',
      lang: 'en',
      'patient-id': fx.patientId,
      study: fx.series.ct120.studyInstanceUid,
      'prefetch-budget': String(64 * 1024 * 1024),
    });
    mounted.push(viewer);
    const cells = await waitFor(() => {
      const layout = viewer.getLayout().filter((cell) => cell.seriesInstanceUid !== undefined);
      return layout.length > 0 && layout;
    }, 'the hung layout');
    const viewports = await allRendered(viewer, cells.length, 60_000);
    const visible = viewports.map((viewport) => {
      const image = viewport.currentImage?.image;
      return { sop: image?.dataset.string(0x00080018) ?? '', frame: (image?.frame ?? 0) + 1 };
    });
    const onScreen = new Set(viewer.getLayout().flatMap((cell) => cell.seriesInstanceUid ?? []));
    // Thumbnails of the series not on screen (and the prior prefetch) have been asked for.
    const paths = await waitFor(async () => {
      const all = (await proxyCounters()).paths;
      const background = all.filter(
        (path) => path.includes('/frames/') && !onScreen.has(seriesOf(path) ?? ''),
      );
      return background.length > 0 && all;
    }, 'a background frame request');
    const frames = paths.filter((path) => path.includes('/frames/'));
    const firstBackground = frames.findIndex((path) => !onScreen.has(seriesOf(path) ?? ''));
    for (const { sop } of visible) {
      const frame = frames.findIndex(
        (path) => path.includes(`/instances/${sop}/frames/`) && !path.endsWith('/rendered'),
      );
      expect(frame, `the frame of ${sop}`).to.be.greaterThan(-1);
      expect(frame, `the frame of ${sop} before the background`).to.be.lessThan(firstBackground);
    }
    // Each visible slice's rendered preview asked for was asked before the background too. Orthanc
    // answers 400 to /rendered for some of these series (HTJ2K, large JPEG 2000), after which the
    // viewer asks no more (rendered-preview.ts): a slice whose own metadata arrives after that
    // answer (the 120-slice CT opened by its slice) has no preview, by design.
    const previews = visible.map(({ sop }) =>
      frames.findIndex(
        (path) => path.includes(`/instances/${sop}/frames/`) && path.endsWith('/rendered'),
      ),
    );
    expect(
      previews.filter((index) => index >= 0),
      'previews asked for',
    ).to.not.be.empty;
    for (const [i, preview] of previews.entries())
      if (preview >= 0)
        expect(
          preview,
          `the preview of ${visible[i]?.sop ?? ''} before the background`,
        ).to.be.lessThan(firstBackground);
  });

  it('draws the first diagnostic image of a CT series while its series metadata is unanswered', async function () {
    this.timeout(90_000);
    const fx = await fixtures();
    const ct = fx.series.ct120;
    await resetFaults();
    // The series metadata of the CT is never answered: only the slice's own metadata can travel.
    await setFaults({
      delayMs: 20,
      mbps: 30,
      hang: { count: -1, match: `/series/${ct.seriesInstanceUid}/metadata(\\?|$)` },
    });
    const drawn: string[] = [];
    const viewer = mountViewer({
      server: FAULTY_ORTHANC,
      cache: 'memory',
      lang: 'en',
      'patient-id': fx.patientId,
      study: ct.studyInstanceUid,
    });
    mounted.push(viewer);
    viewer.addEventListener('cb-image-rendered', (event) => {
      const sop = event.detail.sopInstanceUid;
      if (event.detail.quality === 'full' && typeof sop === 'string') drawn.push(sop);
    });
    const ctSops = new Set(ct.instances.map((instance) => instance.sopInstanceUid));
    await waitFor(() => drawn.some((sop) => ctSops.has(sop)), 'a full CT slice drawn', 60_000);
    const counters = await proxyCounters();
    // The series metadata was asked for (behind the frame) and is still unanswered.
    expect(counters.hung, 'the held series metadata request').to.be.greaterThan(0);
    const seriesMetadata = counters.paths.findIndex((path) =>
      path.endsWith(`/series/${ct.seriesInstanceUid}/metadata`),
    );
    expect(seriesMetadata, 'the series metadata asked for').to.be.greaterThan(-1);
    // The slice drawn: its frame went out before the series metadata, and its pixels are the
    // source's (reference pixels written by the fixture scripts, not by Courbaril).
    const sopOf = (v: CbViewport): string => v.currentImage?.image.dataset.string(0x00080018) ?? '';
    const shown = viewports(viewer).find((v) => ctSops.has(sopOf(v)))?.currentImage;
    if (!shown) throw new Error('no CT viewport drawn');
    const sop = shown.image.dataset.string(0x00080018) ?? '';
    const frame = counters.paths.findIndex(
      (path) => path.includes(`/instances/${sop}/frames/`) && !path.endsWith('/rendered'),
    );
    expect(frame, "the drawn slice's frame asked for").to.be.greaterThan(-1);
    expect(frame, 'the frame before the series metadata').to.be.lessThan(seriesMetadata);
    expect(shown.quality).to.equal('full');
    const reference = await referencePixels(sop, shown.image.frame + 1);
    expect(expectPixelExact(shown.frame, reference), `pixels of ${sop}`).to.equal(undefined);
  });

  it('shows the whole stack in the series order once the series metadata lands', async function () {
    this.timeout(90_000);
    const fx = await fixtures();
    const ct = fx.series.ct120;
    await resetFaults();
    const viewer = mountViewer({
      server: FAULTY_ORTHANC,
      cache: 'memory',
      lang: 'en',
      'patient-id': fx.patientId,
      study: ct.studyInstanceUid,
    });
    mounted.push(viewer);
    const viewport = await waitFor(
      () =>
        viewports(viewer).find(
          (v) => v.stack.length === ct.instances.length && v.currentImage?.quality === 'full',
        ),
      'the CT stack complete and drawn',
      60_000,
    );
    const cell = viewer.getLayout().find((c) => c.seriesInstanceUid === ct.seriesInstanceUid);
    // The slice the hung cell names (its instance, or the series order's first), not the opening's guess.
    const expected = cell?.sopInstanceUid ?? viewport.stack[0]?.string(0x00080018);
    expect(viewport.stack[viewport.index]?.string(0x00080018)).to.equal(expected);
  });
});
