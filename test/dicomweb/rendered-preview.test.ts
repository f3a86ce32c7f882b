// Something to look at at once (issue 18 item 3): the server renders the slice on screen small
// (WADO-RS /frames/N/rendered?viewport=256,256), it is drawn labelled as a preview while the
// diagnostic frame is on its way, then replaced; it never reaches the cache. Real Orthanc
// behind the fault proxy; the diagnostic frame is held by a fetch gate so the order is certain.
import { expect } from '@open-wc/testing';
import '../../src/components/viewport/cb-viewport.js';
import type { CbViewport } from '../../src/components/viewport/viewport.js';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { isPreviewFrame } from '../../src/dicom/preview-frame.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RenderedPreviews } from '../../src/dicomweb/rendered-preview.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { RetrievalPriority } from '../../src/dicomweb/retrieval-request.js';
import { SeriesOpening } from '../../src/dicomweb/series-opening.js';
import type { ImageRenderedEvent } from '../../src/events/image-rendered.js';
import { en } from '../../src/i18n/en.js';
import { fr } from '../../src/i18n/fr.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { deleteTestDatabases, uniqueDatabaseName } from '../cache/cache-fixtures.js';
import {
  FAULTY_ORTHANC,
  expectPixelExact,
  fixtures,
  proxyCounters,
  referencePixels,
  requireRig,
  resetFaults,
  setFaults,
  type FixtureSeries,
} from './dicomweb-fixtures.js';
import { fetchGate, waitFor } from '../waits.js';

const JPEG_LS = '1.2.840.10008.1.2.4.80';
/** Diagnostic frame requests, not their rendered siblings. */
const isFrame = (url: string): boolean => url.includes('/frames/') && !url.includes('/rendered');

function open(series: FixtureSeries, client: DicomwebClient, store?: SeriesCache): SeriesOpening {
  return new SeriesOpening({
    client,
    scheduler: new RetrievalScheduler(client),
    studyInstanceUid: series.studyInstanceUid,
    seriesInstanceUid: series.seriesInstanceUid,
    store,
  });
}

/** Pearson's r of two equally long series. */
function correlation(a: readonly number[], b: readonly number[]): number {
  const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = (a[i] ?? 0) - ma;
    const db = (b[i] ?? 0) - mb;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('server-rendered previews', () => {
  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  let pool: DecodePool;
  const viewports: CbViewport[] = [];
  const caches: SeriesCache[] = [];
  beforeEach(async () => {
    pool = new DecodePool();
    await resetFaults();
  });
  afterEach(async () => {
    for (const viewport of viewports.splice(0)) viewport.remove();
    for (const cache of caches.splice(0)) await cache.close();
    await deleteTestDatabases();
    pool.dispose();
    await resetFaults();
  });

  for (const [lang, strings] of [
    ['en', en],
    ['fr', fr],
  ] as const) {
    it(`draws the preview first, labelled (${lang}), then the diagnostic frame; the preview is never cached`, async function () {
      this.timeout(60_000);
      const { ct120 } = (await fixtures()).series;
      const gate = fetchGate(isFrame);
      const client = new DicomwebClient({ url: FAULTY_ORTHANC, fetch: gate.fetch });
      const cache = new SeriesCache({ databaseName: uniqueDatabaseName('rendered') });
      caches.push(cache);
      const first = await open(ct120, client, cache).firstSlice;
      const key = first.source.frameKey(first.frameIndex);
      const viewport = document.createElement('cb-viewport');
      viewports.push(viewport);
      viewport.lang = lang;
      viewport.style.width = '256px';
      viewport.style.height = '256px';
      viewport.frameLoader = new DicomwebFrameLoader({
        pool,
        decoded: cache,
        renderedPreviews: new RenderedPreviews({ client }),
      });
      const qualities: string[] = [];
      viewport.addEventListener('cb-image-rendered', (event: ImageRenderedEvent) => {
        qualities.push(event.detail.quality);
      });
      document.body.append(viewport);
      viewport.stack = [first.dataset];
      await waitFor(() => qualities.includes('preview'), 'the preview on screen');
      expect(qualities).to.deep.equal(['preview']);
      const shown = viewport.currentImage;
      expect(shown?.quality).to.equal('preview');
      // Display-ready RGB from the server, at the data set's size (no VOI applies to it).
      expect(shown?.frame.samplesPerPixel).to.equal(3);
      expect([shown?.frame.rows, shown?.frame.columns]).to.deep.equal([128, 128]);
      // The server's picture of this slice (its own window, JPEG): it follows the source pixels.
      const reference = await referencePixels(first.source.sopInstanceUid, 1);
      const red = Array.from(
        { length: reference.length },
        (_, i) => shown?.frame.pixels[i * 3] ?? 0,
      );
      expect(correlation(red, Array.from(reference))).to.be.greaterThan(0.9);
      const mark = await waitFor(
        () => viewport.shadowRoot?.querySelector('[part="preview"]'),
        'the preview mark',
      );
      expect(mark.textContent.trim()).to.equal(strings.viewport.previewImage);
      // Nothing of it in the cache while it is shown.
      expect(cache.getDecoded(key)).to.equal(undefined);
      expect(await cache.getFrame(key)).to.equal(undefined);
      gate.open();
      await waitFor(() => qualities.includes('full'), 'the diagnostic frame on screen');
      expect(qualities).to.deep.equal(['preview', 'full']);
      await waitFor(
        () => viewport.shadowRoot?.querySelector('[part="preview"]') === null,
        'the preview mark gone',
      );
      const full = viewport.currentImage?.frame;
      expect(full && expectPixelExact(full, reference)).to.equal(undefined);
      // What the cache holds is the diagnostic frame: the server's stored JPEG-LS, and its decode.
      const decoded = cache.getDecoded(key);
      expect(decoded && isPreviewFrame(decoded)).to.equal(false);
      expect(decoded && expectPixelExact(decoded, reference)).to.equal(undefined);
      const stored = await waitFor(() => cache.getFrame(key), 'the frame in IndexedDB');
      expect(stored.transferSyntaxUid).to.equal(JPEG_LS);
      // One rendered request: scrolling on in the series asks for no other.
      const rendered = (await proxyCounters()).paths.filter((path) => path.endsWith('/rendered'));
      expect(rendered).to.have.length(1);
    });
  }

  it('goes straight to the diagnostic frame on a server without /rendered, and asks it no more', async function () {
    this.timeout(60_000);
    const { ct120, multiframe } = (await fixtures()).series;
    await setFaults({ fail: { status: 404, count: -1, match: '/rendered' } });
    const client = new DicomwebClient({ url: FAULTY_ORTHANC });
    const previews = new RenderedPreviews({ client });
    const loader = new DicomwebFrameLoader({ pool, renderedPreviews: previews });
    const previewsShown: unknown[] = [];
    for (const series of [ct120, multiframe]) {
      const first = await open(series, client).firstSlice;
      const frame = await loader.load(first.dataset, first.frameIndex, {
        signal: new AbortController().signal,
        priority: RetrievalPriority.visible,
        onPreview: (preview) => previewsShown.push(preview),
      });
      const reference = await referencePixels(first.source.sopInstanceUid, first.frameIndex + 1);
      expect(expectPixelExact(frame, reference)).to.equal(undefined);
    }
    expect(previewsShown).to.have.length(0);
    expect(previews.enabled).to.equal(false);
    const counters = await proxyCounters();
    expect(counters.failed, 'the 404 was met once').to.equal(1);
    expect(counters.paths.filter((path) => path.endsWith('/rendered'))).to.have.length(1);
  });
});
