import { expect } from '@open-wc/testing';
import {
  STATIC,
  allRendered,
  animationFrames,
  drawnAt,
  manifest,
  mountViewer,
  thumbnailedSeries,
  viewportAt,
  waitFor,
} from '../../../test/viewer/viewer-harness.js';
import type { CbStudyBrowser } from '../study-browser/study-browser.js';
import type { ViewedEvent } from '../../events/viewed.js';
import type { ViewerErrorEvent } from '../../events/viewer-error.js';
import type { CbViewer } from './viewer.js';

describe('<cb-viewer>', () => {
  const mounted: CbViewer[] = [];
  afterEach(() => {
    for (const viewer of mounted.splice(0)) viewer.remove();
  });

  it('passes an axe accessibility check with history, toolbar and cells', async () => {
    const demo = await manifest();
    const viewer = mountViewer({
      server: STATIC,
      cache: 'none',
      lang: 'fr',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
      compare: 'prior',
    });
    mounted.push(viewer);
    await allRendered(viewer, 2);
    await expect(viewer).to.be.accessible();
    const buttons = [...viewer.shadowRoot!.querySelectorAll('button')];
    expect(buttons.every((button) => button.textContent.trim() !== '')).to.equal(true);
    expect(buttons.map((button) => button.textContent.trim())).to.include('Lier la position');
  });

  it('takes its language from <html lang> when it has none, then English', async () => {
    const demo = await manifest();
    const before = document.documentElement.lang;
    document.documentElement.lang = 'fr-FR';
    try {
      const viewer = mountViewer({
        server: STATIC,
        cache: 'none',
        'patient-id': demo.patient.patientId,
        study: demo.studies.currentCr.studyInstanceUid,
      });
      mounted.push(viewer);
      await allRendered(viewer, 1);
      expect(viewer.shadowRoot!.querySelector('.reset')!.textContent.trim()).to.equal(
        'Réinitialiser les vues',
      );
      document.documentElement.lang = '';
      viewer.requestUpdate();
      await viewer.updateComplete;
      expect(viewer.shadowRoot!.querySelector('.reset')!.textContent.trim()).to.equal(
        'Reset views',
      );
    } finally {
      document.documentElement.lang = before;
    }
  });

  it('restores a layout saved with getLayout() in another viewer', async () => {
    const demo = await manifest();
    const first = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCt.studyInstanceUid,
      compare: 'prior',
    });
    mounted.push(first);
    await allRendered(first, 2);
    const viewport = viewportAt(first, 0, 0)!;
    viewport.index = 3;
    viewport.voi = { windowCenter: 40, windowWidth: 400 };
    viewport.scale = 1.5;
    await waitFor(() => viewport.currentImage?.image.dataset === viewport.stack[3], 'slice 3');
    const saved = first.getLayout();
    expect(saved[0]?.voi).to.deep.equal({ center: 40, width: 400 });

    const second = mountViewer({
      server: STATIC,
      cache: 'none',
      'patient-id': demo.patient.patientId,
      study: demo.studies.currentCr.studyInstanceUid,
    });
    mounted.push(second);
    await allRendered(second, 1);
    await second.setLayout(saved);
    await allRendered(second, 2);
    await waitFor(
      () =>
        viewportAt(second, 0, 0)?.currentImage?.image.dataset.string(0x00080018) ===
        saved[0]?.sopInstanceUid,
      'restored slice',
    );
    const restored = second.getLayout();
    expect(
      restored.map(({ row, column, seriesInstanceUid, sopInstanceUid, voi, scale }) => ({
        row,
        column,
        seriesInstanceUid,
        sopInstanceUid,
        voi,
        scale,
      })),
    ).to.deep.equal(
      saved.map(({ row, column, seriesInstanceUid, sopInstanceUid, voi, scale }) => ({
        row,
        column,
        seriesInstanceUid,
        sopInstanceUid,
        voi,
        scale,
      })),
    );
  });

  it('reports a failed history search as a typed cb-error without patient data', async () => {
    const failed = new Promise<ViewerErrorEvent>((resolve) => {
      document.addEventListener('cb-error', resolve, { once: true });
    });
    const viewer = mountViewer({
      server: '/no-such-dicom-web',
      cache: 'none',
      'patient-id': 'SECRET-42',
    });
    mounted.push(viewer);
    const event = await failed;
    expect(event.detail.code).to.equal('history');
    expect(event.detail.status).to.equal(404);
    expect(JSON.stringify(event.detail)).to.not.contain('SECRET-42');
    expect(JSON.stringify(event.detail)).to.not.contain('no-such');
  });

  it('prefetches the other studies newest first, shows progress, and stops when the patient changes', async () => {
    const demo = await manifest();
    const frameUrls: string[] = [];
    const viewer = mountViewer(
      {
        server: STATIC,
        cache: 'memory',
        'patient-id': demo.patient.patientId,
        study: demo.studies.currentCr.studyInstanceUid,
      },
      (element) => {
        element.fetch = (input, init) => {
          const url =
            typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
          // Rendered previews (issue 18 item 3) are drawn before diagnostic frames: not prefetch.
          if (url.includes('/frames/') && !url.includes('/rendered')) frameUrls.push(url);
          return fetch(input, init);
        };
      },
    );
    mounted.push(viewer);
    await allRendered(viewer, 1);
    const browser = viewer.shadowRoot!.querySelector<CbStudyBrowser>('cb-study-browser')!;
    const priorCt = demo.studies.priorCt.studyInstanceUid;
    await waitFor(
      () => {
        const progress = browser.studies.find((s) => s.studyInstanceUid === priorCt)?.prefetch;
        return progress !== undefined && progress.total > 0 && progress.loaded === progress.total;
      },
      'prior CT prefetched',
      30000,
    );
    await browser.updateComplete;
    expect(browser.shadowRoot!.querySelectorAll('progress.prefetch').length).to.be.greaterThan(0);
    // Newest first: a 2026 study's frames were asked for before any 2025 study's.
    const studyOf = (url: string) =>
      Object.values(demo.studies).find((s) => url.includes(s.studyInstanceUid))?.date ?? '';
    // The first frame asked for in each series may be its study-browser thumbnail: leave it out.
    const seen = new Set<string>();
    const prefetchUrls = frameUrls.filter((url) => {
      const series = /\/series\/([^/]+)/.exec(url)?.[1] ?? url;
      if (seen.has(series)) return true;
      seen.add(series);
      return false;
    });
    const dates = prefetchUrls.map(studyOf).filter((date) => date !== '');
    const firstPrior = dates.findIndex((date) => date.startsWith('2025'));
    expect(dates.slice(firstPrior).every((date) => date.startsWith('2025'))).to.equal(true);

    const left = viewer.viewerServices!;
    viewer.setAttribute('patient-id', 'SOMEONE-ELSE');
    await viewer.updateComplete;
    const count = frameUrls.length;
    // Another patient on the same server keeps the services (a reading list's next case draws
    // from them), but the old patient's prefetch is stopped: the scheduler winds down (nothing
    // queued, nothing in flight) and no frame is asked for after.
    expect(viewer.viewerServices).to.equal(left);
    expect(left.disposed).to.equal(false);
    await waitFor(
      () => left.scheduler.stats.queued === 0 && left.scheduler.stats.inFlight === 0,
      "the old patient's requests ended",
    );
    await animationFrames(2);
    expect(frameUrls.length).to.equal(count);
  });

  it('stops the prefetch at its byte budget, before older studies', async () => {
    const demo = await manifest();
    const frameUrls: string[] = [];
    const viewer = mountViewer(
      {
        server: STATIC,
        cache: 'memory',
        'prefetch-budget': '1',
        'patient-id': demo.patient.patientId,
        study: demo.studies.currentCr.studyInstanceUid,
      },
      (element) => {
        element.fetch = (input, init) => {
          const url =
            typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
          if (url.includes('/frames/')) frameUrls.push(url);
          return fetch(input, init);
        };
      },
    );
    mounted.push(viewer);
    await allRendered(viewer, 1);
    const browser = viewer.shadowRoot!.querySelector<CbStudyBrowser>('cb-study-browser')!;
    await waitFor(
      () => browser.studies.some((study) => (study.prefetch?.loaded ?? 0) > 0),
      'a frame',
    );
    // Settled: every thumbnail drawn and no frame request queued or in flight. A prefetch that
    // ran past its budget would still be sending frames of the next series or study.
    const thumbnails = await thumbnailedSeries(demo.patient.patientId);
    const { scheduler } = viewer.viewerServices!;
    await waitFor(
      () =>
        browser.thumbnails.size === thumbnails &&
        scheduler.stats.queued === 0 &&
        scheduler.stats.inFlight === 0,
      'thumbnails drawn and no frame request left',
      30000,
    );
    await animationFrames(2);
    const prefetched = browser.studies.filter((study) => (study.prefetch?.loaded ?? 0) > 0);
    expect(prefetched, 'only the first study got frames').to.have.length(1);
    const older = Object.values(demo.studies).filter((study) => study.date.startsWith('2025'));
    // Older studies get their thumbnails (one frame per series), nothing more.
    const perSeries = new Map<string, number>();
    for (const url of frameUrls) {
      if (!older.some((study) => url.includes(study.studyInstanceUid))) continue;
      const series = /\/series\/([^/]+)/.exec(url)?.[1] ?? url;
      perSeries.set(series, (perSeries.get(series) ?? 0) + 1);
    }
    expect(
      [...perSeries.values()].every((count) => count <= 1),
      'prefetched older frames',
    ).to.equal(true);
  });

  it('announces each series it shows once, for the host audit trail, without patient data', async () => {
    const demo = await manifest();
    const seen: ViewedEvent[] = [];
    const listener = (event: ViewedEvent) => seen.push(event);
    document.addEventListener('cb-viewed', listener);
    try {
      const viewer = mountViewer({
        server: STATIC,
        cache: 'none',
        'patient-id': demo.patient.patientId,
        study: demo.studies.currentCt.studyInstanceUid,
        compare: 'prior',
      });
      mounted.push(viewer);
      const [current] = await allRendered(viewer, 2);
      current!.index = 4;
      // cb-viewed comes from the draw (cb-image-rendered): a second announcement would be out.
      await drawnAt(current!, 4);
      expect(seen.map((event) => event.detail.studyInstanceUid).sort()).to.deep.equal(
        [demo.studies.currentCt.studyInstanceUid, demo.studies.priorCt.studyInstanceUid].sort(),
      );
      expect(Number.isNaN(Date.parse(seen[0]!.detail.at))).to.equal(false);
      expect(JSON.stringify(seen.map((event) => event.detail))).to.not.contain(
        demo.patient.patientId,
      );
    } finally {
      document.removeEventListener('cb-viewed', listener);
    }
  });
});
