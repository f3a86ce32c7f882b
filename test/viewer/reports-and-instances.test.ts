import { expect } from '@open-wc/testing';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbStudyBrowser } from '../../src/components/study-browser/study-browser.js';
import type { CbPdfReport } from '../../src/components/report/pdf-report.js';
import type { CbSrReport } from '../../src/components/report/sr-report.js';
import { clearCache } from '../../src/cache/clear-cache.js';
import type { SeriesLoadedEvent } from '../../src/dicomweb/events/series-loaded.js';
import {
  STATIC,
  allRendered,
  animationFrames,
  drawnAt,
  manifest,
  mountViewer,
  storedFrames,
  studySeries,
  viewports,
  waitFor,
} from './viewer-harness.js';

describe('<cb-viewer> reports, instances and cache', () => {
  const mounted: CbViewer[] = [];
  afterEach(() => {
    for (const viewer of mounted.splice(0)) viewer.remove();
  });

  it('opens an SR and a PDF from the study browser into the active cell', async () => {
    const demo = await manifest();
    const viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      lang: 'fr',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
      layout: '1x2',
    });
    mounted.push(viewer);
    await allRendered(viewer, 1);
    const browser = viewer.shadowRoot!.querySelector<CbStudyBrowser>('cb-study-browser')!;
    await browser.updateComplete;
    const buttonFor = (modality: string) =>
      [...browser.shadowRoot!.querySelectorAll<HTMLButtonElement>('.series button')].find(
        (button) => button.textContent.trim().startsWith(modality),
      )!;
    // The empty second cell becomes the target when focused, then the SR goes there.
    const cells = viewer.shadowRoot!.querySelectorAll<HTMLElement>('.cell');
    cells[1]!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    buttonFor('SR').click();
    const sr = await waitFor(
      () => viewer.shadowRoot!.querySelector<CbSrReport>('.cell[data-column="1"] cb-sr-report'),
      'SR report element',
    );
    await waitFor(() => sr.shadowRoot?.querySelector('article'), 'SR article');
    const article = sr.shadowRoot!.querySelector('article')!;
    expect(article.textContent.trim().length).to.be.greaterThan(20);
    expect(sr.shadowRoot!.querySelector('h1, h2, h3')).to.exist;

    buttonFor('DOC').click();
    const pdf = await waitFor(
      () => viewer.shadowRoot!.querySelector<CbPdfReport>('.cell[data-column="1"] cb-pdf-report'),
      'PDF report element',
    );
    await waitFor(() => pdf.documentUrl, 'PDF blob URL');
    const bytes = new Uint8Array(await (await fetch(pdf.documentUrl!)).arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 5))).to.equal('%PDF-');
    expect(viewer.getLayout()[1]?.seriesInstanceUid).to.be.a('string');
  });

  it('runs two viewers independently; disconnecting one leaves the other working', async () => {
    const demo = await manifest();
    const a = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
    });
    const b = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.priorCt.studyInstanceUid,
    });
    mounted.push(a, b);
    const [viewportA] = await allRendered(a, 1);
    const [viewportB] = await allRendered(b, 1);
    expect(a.getLayout()[0]?.studyInstanceUid).to.equal(demo.studies.currentCt.studyInstanceUid);
    expect(b.getLayout()[0]?.studyInstanceUid).to.equal(demo.studies.priorCt.studyInstanceUid);
    const servicesA = a.viewerServices!;
    const servicesB = b.viewerServices!;
    expect(servicesA).to.not.equal(servicesB);
    expect(servicesA.pool).to.not.equal(servicesB.pool);
    expect(servicesA.scheduler).to.not.equal(servicesB.scheduler);
    // Scrolling one does not move the other (no links across viewers).
    const before = viewportB!.index;
    viewportA!.index = 0;
    // Links act on the draw: once A has drawn slice 0, and two frames later, B would have moved.
    await drawnAt(viewportA!, 0);
    await animationFrames(2);
    expect(viewportB!.index).to.equal(before);

    a.remove();
    expect(servicesA.disposed).to.equal(true);
    expect(servicesA.signal.aborted).to.equal(true);
    expect(servicesB.disposed).to.equal(false);
    viewportB!.index = 1;
    await drawnAt(viewportB!, 1);
    expect(viewports(b)).to.have.length(1);
  });

  it('reopens a series with cache=persistent without a single frame request', async () => {
    const demo = await manifest();
    await clearCache();
    const study = demo.studies.priorCt.studyInstanceUid;
    const ct = (await studySeries(STATIC, study)).find((series) => series.modality === 'CT')!;
    const frameRequests: string[] = [];
    const counting: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.includes('/frames/') && url.includes(ct.seriesInstanceUid)) frameRequests.push(url);
      return fetch(input, init);
    };
    const open = async (): Promise<SeriesLoadedEvent> => {
      const loaded = new Promise<SeriesLoadedEvent>((resolve) => {
        const listener = (event: SeriesLoadedEvent) => {
          if (event.detail.seriesInstanceUid !== ct.seriesInstanceUid) return;
          document.removeEventListener('cb-series-loaded', listener);
          resolve(event);
        };
        document.addEventListener('cb-series-loaded', listener);
      });
      const viewer = mountViewer(
        { server: STATIC, cache: 'persistent', 'patient-id': demo.patient.patientId, study },
        (element) => {
          element.fetch = counting;
        },
      );
      mounted.push(viewer);
      const event = await loaded;
      await allRendered(viewer, 1);
      return event;
    };
    const first = await open();
    expect(first.detail.fromCache).to.equal(false);
    expect(frameRequests.length).to.be.greaterThan(0);
    // Writes finish behind display: wait until the store holds every frame before reopening.
    await storedFrames(
      { studyInstanceUid: study, seriesInstanceUid: ct.seriesInstanceUid },
      ct.instances,
    );
    mounted.pop()!.remove();

    frameRequests.length = 0;
    const second = await open();
    expect(second.detail.fromCache).to.equal(true);
    expect(frameRequests).to.deep.equal([]);
    await mounted[0]!.clearCache();
  });
});
