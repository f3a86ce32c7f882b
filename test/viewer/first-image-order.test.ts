// The slice on screen before anything in the background (issue 18 item 2): through the fault
// proxy (a thin link with a round trip), the proxy's request log shows each cell's visible frame
// asked for, with its rendered preview, before any frame of a thumbnail or of the prior prefetch.
import { expect } from '@open-wc/testing';
import {
  FAULTY_ORTHANC,
  fixtures,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { allRendered, mountViewer, waitFor } from './viewer-harness.js';

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
    // Each visible slice's rendered preview was asked for before the background too.
    for (const { sop } of visible) {
      const preview = frames.findIndex(
        (path) => path.includes(`/instances/${sop}/frames/`) && path.endsWith('/rendered'),
      );
      expect(preview, `the preview of ${sop}`).to.be.greaterThan(-1);
      expect(preview, `the preview of ${sop} before the background`).to.be.lessThan(
        firstBackground,
      );
    }
  });
});
