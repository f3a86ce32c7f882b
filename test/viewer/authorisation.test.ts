// Issue 13 items 2 and 5: the server decides who sees what, every time, and "cached" means on
// disk. <cb-viewer> opens the demo patient through the fault proxy in front of the runner's own
// Orthanc (node scripts/test/run-browser-tests.mjs): the proxy then revokes access (401/403) or
// goes down, and the cache is read back record by record with the bare IndexedDB API.
import { expect } from '@open-wc/testing';
import { clearCache } from '../../src/cache/clear-cache.js';
import { DEFAULT_CACHE_DATABASE } from '../../src/cache/cache-schema.js';
import type { ViewerErrorEvent } from '../../src/events/viewer-error.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import type { CbStudyBrowser } from '../../src/components/study-browser/study-browser.js';
import type { SeriesCachedEvent } from '../../src/events/series-cached.js';
import {
  FAULTY_ORTHANC,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import { countRaw } from '../cache/cache-fixtures.js';
import {
  allRendered,
  manifest,
  mountViewer,
  studySeries,
  STATIC,
  waitFor,
} from './viewer-harness.js';

async function recordCount(): Promise<number> {
  const databases = await indexedDB.databases();
  if (!databases.some((database) => database.name === DEFAULT_CACHE_DATABASE)) return 0;
  return Object.values(await countRaw(DEFAULT_CACHE_DATABASE)).reduce((sum, n) => sum + n, 0);
}

function nextEvent<K extends 'cb-error' | 'cb-series-cached'>(
  viewer: CbViewer,
  name: K,
  accept: (event: GlobalEventHandlersEventMap[K]) => boolean = () => true,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) => {
    const listener = (event: GlobalEventHandlersEventMap[K]): void => {
      if (!accept(event)) return;
      viewer.removeEventListener(name, listener);
      resolve(event);
    };
    viewer.addEventListener(name, listener);
  });
}

const browserOf = (viewer: CbViewer): CbStudyBrowser =>
  viewer.shadowRoot!.querySelector<CbStudyBrowser>('cb-study-browser')!;

describe('<cb-viewer> authorisation and the cache', () => {
  const mounted: CbViewer[] = [];
  let attributes: Record<string, string>;
  let ctSeries: string;

  before(async function () {
    await requireRig(this);
    const demo = await manifest();
    const study = demo.studies.currentCt.studyInstanceUid;
    ctSeries = (await studySeries(STATIC, study)).find(
      (s) => s.modality === 'CT',
    )!.seriesInstanceUid;
    attributes = {
      server: FAULTY_ORTHANC,
      cache: 'persistent',
      'prefetch-budget': '0',
      'patient-id': demo.patient.patientId,
      study,
    };
  });
  beforeEach(() => clearCache());
  afterEach(async () => {
    for (const viewer of mounted.splice(0)) viewer.remove();
    await resetFaults();
    await clearCache();
  });

  function mount(scope: string, configure?: (viewer: CbViewer) => void): CbViewer {
    const viewer = mountViewer(attributes, (element) => {
      element.cacheScope = scope;
      configure?.(element);
    });
    mounted.push(viewer);
    return viewer;
  }

  /** Opens the patient and waits until its CT series is on disk (cb-series-cached), then leaves. */
  async function firstLook(scope = 'alice'): Promise<SeriesCachedEvent> {
    const viewer = mount(scope);
    const cached = await nextEvent(
      viewer,
      'cb-series-cached',
      (event) => event.detail.seriesInstanceUid === ctSeries,
    );
    await allRendered(viewer, 1);
    mounted.splice(mounted.indexOf(viewer), 1);
    viewer.remove();
    return cached;
  }

  it('cb-series-cached means on disk: a reload right after it makes no frame request', async function () {
    this.timeout(60000);
    const cached = await firstLook();
    expect(cached.detail.stored).to.equal(cached.detail.frames);
    await resetFaults();
    const again = mount('alice');
    const loaded = new Promise<void>((resolve) => {
      again.addEventListener('cb-series-loaded', ({ detail }) => {
        if (detail.seriesInstanceUid === ctSeries) resolve();
      });
    });
    await allRendered(again, 1);
    await loaded;
    expect((await proxyCounters()).byKind['frames'] ?? 0).to.equal(0);
  });

  for (const status of [403, 401] as const) {
    const code = status === 403 ? 'forbidden' : 'unauthorized';
    it(`the server answering ${String(status)}: nothing of the patient is shown from the cache, its records are purged, then cb-error ${code}`, async function () {
      this.timeout(60000);
      await firstLook();
      expect(await recordCount()).to.be.greaterThan(0);
      await setFaults({ fail: { status, count: -1 } });
      let refreshed = 0;
      let rendered = 0;
      const viewer = mount('alice', (element) => {
        element.refreshToken = () => {
          refreshed++;
          return Promise.resolve();
        };
        element.addEventListener('cb-image-rendered', () => rendered++);
      });
      const error: ViewerErrorEvent = await nextEvent(viewer, 'cb-error');
      expect(error.detail.code).to.equal(code);
      expect(error.detail.status).to.equal(status);
      // Purged before the event: no record of any store is left (only this patient was cached).
      expect(await recordCount()).to.equal(0);
      await viewer.updateComplete;
      expect(rendered).to.equal(0);
      expect(viewer.getLayout().every((cell) => cell.seriesInstanceUid === undefined)).to.equal(
        true,
      );
      expect(browserOf(viewer).studies).to.deep.equal([]);
      if (status === 401) expect(refreshed).to.equal(1);
    });
  }

  it('a series refused in the background (metadata 403 after the history was allowed) closes the patient and purges it', async function () {
    this.timeout(60000);
    await firstLook();
    await setFaults({ fail: { status: 403, count: -1, match: '/metadata' } });
    const viewer = mount('alice');
    const error = await nextEvent(viewer, 'cb-error');
    expect(error.detail.code).to.equal('forbidden');
    expect(await recordCount()).to.equal(0);
    await viewer.updateComplete;
    expect(browserOf(viewer).studies).to.deep.equal([]);
    expect(viewer.shadowRoot!.querySelectorAll('cb-viewport')).to.have.length(0);
  });

  /** Mounts the patient on a fresh cache and waits for the refusal, after the study opened. */
  async function refusedAfterOpening(
    faults: Parameters<typeof setFaults>[0],
  ): Promise<{ viewer: CbViewer; error: ViewerErrorEvent; opened: boolean; refreshed: number }> {
    await setFaults(faults);
    let opened = false;
    let refreshed = 0;
    const viewer = mount('alice', (element) => {
      element.addEventListener('cb-study-opened', () => (opened = true));
      element.refreshToken = () => {
        refreshed++;
        return Promise.resolve();
      };
    });
    const error = await nextEvent(viewer, 'cb-error', (event) =>
      ['forbidden', 'unauthorized'].includes(event.detail.code),
    );
    return { viewer, error, opened, refreshed };
  }

  it('frames of a shown series refused mid-series (401 after refreshToken): the open patient is closed and purged', async function () {
    this.timeout(60000);
    const { viewer, error, opened, refreshed } = await refusedAfterOpening({
      fail: { status: 401, count: -1, match: `/series/${ctSeries}/instances/[0-9.]+/frames/` },
    });
    expect(opened, 'the patient was open when the server refused').to.equal(true);
    expect(error.detail.code).to.equal('unauthorized');
    // Each frame request ran the refresh once before giving up (several may be in flight).
    expect(refreshed).to.be.greaterThanOrEqual(1);
    expect(await recordCount()).to.equal(0);
    await viewer.updateComplete;
    expect(browserOf(viewer).studies).to.deep.equal([]);
    expect(viewer.shadowRoot!.querySelectorAll('cb-viewport')).to.have.length(0);
  });

  it('a thumbnail frame refused in the background (403) is not swallowed: the patient is closed and purged', async function () {
    this.timeout(60000);
    // Every series but the one shown: only the study browser's thumbnails ask for those frames.
    const { viewer, error, opened } = await refusedAfterOpening({
      fail: {
        status: 403,
        count: -1,
        match: `/series/(?!${ctSeries.replace(/\./g, '\\.')}/)[0-9.]+/instances/[0-9.]+/frames/`,
      },
    });
    expect(opened).to.equal(true);
    expect(error.detail.code).to.equal('forbidden');
    expect(await recordCount()).to.equal(0);
    await viewer.updateComplete;
    expect(browserOf(viewer).studies).to.deep.equal([]);
    expect(viewer.shadowRoot!.querySelectorAll('cb-viewport')).to.have.length(0);
  });

  it('the server unreachable: what this device cached is shown, marked offline', async function () {
    this.timeout(60000);
    await firstLook();
    await setFaults({ down: true });
    const errors: string[] = [];
    const viewer = mount('alice', (element) => {
      element.addEventListener('cb-error', (event) => errors.push(event.detail.code));
    });
    const [viewport] = await allRendered(viewer, 1, 40000);
    expect(viewport?.currentImage?.image.dataset.string(0x0020000e)).to.equal(ctSeries);
    const notice = viewer.shadowRoot!.querySelector('[part="offline"]');
    expect(notice?.getAttribute('role')).to.equal('status');
    expect(notice?.textContent).to.match(/offline/i);
    expect(errors).not.to.include('forbidden');
    expect(errors).not.to.include('unauthorized');
  });

  it('another user of the workstation (another cacheScope) sees nothing the first one cached', async function () {
    this.timeout(60000);
    await firstLook('alice');
    const stored = await recordCount();
    expect(stored).to.be.greaterThan(0);
    await setFaults({ down: true });
    let rendered = 0;
    const viewer = mount('bob', (element) => {
      element.addEventListener('cb-image-rendered', () => rendered++);
    });
    const error = await nextEvent(viewer, 'cb-error');
    expect(error.detail.code).to.equal('history');
    await waitFor(
      () => viewer.shadowRoot?.querySelector('[part="offline"]') === null,
      'no offline notice',
    );
    expect(rendered).to.equal(0);
    expect(browserOf(viewer).studies).to.deep.equal([]);
    // Alice's records are still there, for Alice.
    expect(await recordCount()).to.equal(stored);
  });

  it("viewer.clearCache({ scope }) on logout deletes that user's records only", async function () {
    this.timeout(90000);
    await firstLook('alice');
    const alice = await recordCount();
    await firstLook('bob');
    const both = await recordCount();
    expect(both).to.be.greaterThan(alice);
    // Bob's viewer is open when Alice's session ends: the host purges Alice's scope through it.
    const viewer = mount('bob');
    await allRendered(viewer, 1);
    const before = await recordCount();
    await viewer.clearCache({ scope: 'alice' });
    // Totals only bound it (a viewer's last writes may land after a count: Bob's is open); what
    // each user then finds offline, below, is the proof.
    const after = await recordCount();
    expect(after).to.be.below(before);
    expect(after).to.be.at.least(both - alice);
    // Offline, Alice finds nothing of hers any more; Bob still would.
    await setFaults({ down: true });
    let rendered = 0;
    const again = mount('alice', (element) => {
      element.addEventListener('cb-image-rendered', () => rendered++);
    });
    expect((await nextEvent(again, 'cb-error')).detail.code).to.equal('history');
    expect(rendered).to.equal(0);
    expect(browserOf(again).studies).to.deep.equal([]);
    // Bob, offline too, still opens what he cached, marked offline.
    const bob = mount('bob');
    await allRendered(bob, 1);
    await waitFor(
      () => bob.shadowRoot?.querySelector('[part="offline"]') !== null,
      'the offline notice',
    );
  });
});
