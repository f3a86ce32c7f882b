import { expect } from '@open-wc/testing';
import type { CbStudyBrowser } from '../../src/components/study-browser/study-browser.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { clearCache } from '../../src/cache/clear-cache.js';
import {
  STATIC,
  allRendered,
  manifest,
  mountViewer,
  storedFrames,
  studySeries,
} from './viewer-harness.js';

describe('<cb-viewer> second look without the network', () => {
  const mounted: CbViewer[] = [];
  afterEach(async () => {
    for (const viewer of mounted.splice(0)) viewer.remove();
    await clearCache();
  });

  it('reopens a patient seen before while every request fails: history, hanging and first image from the cache', async function () {
    this.timeout(60000);
    const demo = await manifest();
    await clearCache();
    const study = demo.studies.currentCt.studyInstanceUid;
    const ct = (await studySeries(STATIC, study)).find((series) => series.modality === 'CT')!;
    const attributes = {
      server: STATIC,
      cache: 'persistent',
      'prefetch-budget': '0',
      'patient-id': demo.patient.patientId,
      study,
    };
    const first = mountViewer(attributes);
    mounted.push(first);
    await allRendered(first, 1);
    const browser = (viewer: CbViewer) =>
      viewer.shadowRoot!.querySelector<CbStudyBrowser>('cb-study-browser')!;
    const seen = browser(first).studies.map((s) => s.studyInstanceUid);
    expect(seen.length).to.be.greaterThan(1);
    // Writes finish behind display: wait until the store holds the CT before going offline.
    await storedFrames(
      { studyInstanceUid: study, seriesInstanceUid: ct.seriesInstanceUid },
      ct.instances,
    );
    mounted.pop()!.remove();

    // The island's link is down: every request fails as fetch fails offline.
    const attempts: string[] = [];
    const offline: typeof fetch = (input) => {
      attempts.push(
        typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      );
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    const errors: string[] = [];
    const second = mountViewer(attributes, (viewer) => {
      viewer.fetch = offline;
      viewer.addEventListener('cb-error', (event) => errors.push(event.detail.code));
    });
    mounted.push(second);
    const [viewport] = await allRendered(second, 1);
    expect(viewport?.currentImage?.quality).to.equal('full');
    expect(viewport?.currentImage?.image.dataset.string(0x0020000e)).to.equal(ct.seriesInstanceUid);
    expect(browser(second).studies.map((s) => s.studyInstanceUid)).to.deep.equal(seen);
    expect(errors).to.deep.equal([]);
    // Nothing reached a server: what was tried (background revalidation) failed quietly.
    expect(attempts.filter((url) => url.includes('/frames/'))).to.deep.equal([]);
  });
});
