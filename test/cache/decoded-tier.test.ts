import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { isPreviewFrame } from '../../src/dicom/preview-frame.js';
import type { DecodedFrame } from '../../src/dicom/decoded-frame.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import {
  Tag,
  jsonNumber,
  jsonString,
  type DicomJsonObject,
} from '../../src/dicomweb/dicom-json-values.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { countingFetch } from '../dicomweb/dicomweb-fixtures.js';
import { deleteTestDatabases, uniqueDatabaseName } from './cache-fixtures.js';

const STATIC = '/static-dicom-web';

/** The static tree's CT series. */
async function ctSeries(client: DicomwebClient): Promise<{ studyUid: string; seriesUid: string }> {
  const [study] = await client.searchForStudies({ modalitiesInStudy: 'CT' });
  const studyUid = jsonString(study ?? {}, Tag.StudyInstanceUID) ?? '';
  const series = (await client.searchForSeries(studyUid, { modality: 'CT' }))[0] ?? {};
  return { studyUid, seriesUid: jsonString(series, Tag.SeriesInstanceUID) ?? '' };
}

/** Counts the decodes the pool is asked for (`n`, which a test may reset). */
function countDecodes(pool: DecodePool): { n: number } {
  const counter = { n: 0 };
  const decode = pool.decodeTimed.bind(pool);
  pool.decodeTimed = (request, options) => {
    counter.n++;
    return decode(request, options);
  };
  return counter;
}

describe("The viewer's decoded-frame memory (SeriesCache) behind DicomwebFrameLoader", () => {
  let pool: DecodePool;
  let cache: SeriesCache;
  afterEach(async () => {
    pool.dispose();
    await cache.close();
    await deleteTestDatabases();
  });

  it('serves a frame decoded once to every later ask, and decodes what it evicted again from the compressed copy, never refetching', async () => {
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: STATIC, fetch });
    const { studyUid, seriesUid } = await ctSeries(client);
    const instances = await client.retrieveSeriesMetadata(studyUid, seriesUid);
    const rows = jsonNumber(instances[0] ?? {}, Tag.Rows) ?? 0;
    const columns = jsonNumber(instances[0] ?? {}, Tag.Columns) ?? 0;
    const frameBytes = rows * columns * 2;
    // Room for two decoded slices: the third evicts the least recently used.
    cache = new SeriesCache({ mode: 'memory', maxDecodedBytes: frameBytes * 2 + 1 });
    pool = new DecodePool({ size: 1 });
    const decodes = countDecodes(pool);
    // The same store as the viewer's: the compressed copy stays when the decoded one goes.
    const loaderWithStore = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client),
      studyInstanceUid: studyUid,
      seriesInstanceUid: seriesUid,
      instances,
      store: cache,
    });
    expect(loaderWithStore.total).to.be.at.least(3);
    const slice = (i: number) => loaderWithStore.slices[i]!;
    const frameLoader = new DicomwebFrameLoader({ pool, decoded: cache });
    expect(frameLoader.holdsDecodedFrames).to.equal(true);
    const load = (i: number) =>
      frameLoader.load(slice(i).dataset, slice(i).frameIndex, {
        signal: new AbortController().signal,
        priority: 0,
      });
    const frameRequests = () => records.filter((r) => r.url.includes('/frames/')).length;

    const first = await load(0);
    expect([decodes.n, frameRequests()]).to.deep.equal([1, 1]);
    expect(await load(0), 'the very same decoded frame').to.equal(first);
    expect([decodes.n, frameRequests()]).to.deep.equal([1, 1]);
    expect(cache.decodedBytes).to.equal(frameBytes);

    await load(1);
    await load(2);
    expect(cache.decodedBytes).to.be.at.most(frameBytes * 2);
    expect([decodes.n, frameRequests()]).to.deep.equal([3, 3]);
    // Slice 0 was evicted: decoded again from the cache's compressed copy, not fetched again.
    const again = await load(0);
    expect([decodes.n, frameRequests()]).to.deep.equal([4, 3]);
    expect(again).to.not.equal(first);
    expect(again.pixels).to.deep.equal(first.pixels);
  });

  /** One opening of the static tree's CT: a loader on `cache` and a frame loader over it. */
  function openSession(
    client: DicomwebClient,
    ids: { studyUid: string; seriesUid: string },
    instances: readonly DicomJsonObject[],
  ) {
    const loader = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client),
      server: STATIC,
      studyInstanceUid: ids.studyUid,
      seriesInstanceUid: ids.seriesUid,
      instances,
      store: cache,
    });
    const frameLoader = new DicomwebFrameLoader({ pool, decoded: cache });
    const middle = Math.floor(loader.total / 2);
    const load = (i: number, priority: number, onPreview?: (frame: DecodedFrame) => void) =>
      frameLoader.load(loader.slices[i]!.dataset, loader.slices[i]!.frameIndex, {
        signal: new AbortController().signal,
        priority,
        ...(onPreview ? { onPreview } : {}),
      });
    return { load, middle };
  }

  /** First opening from the server, then a reopening as a new page would; returns both shown frames. */
  async function reopen(
    options: { maxPosterBytes?: number },
    onPreview?: (frame: DecodedFrame) => void,
  ) {
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: STATIC, fetch });
    const ids = await ctSeries(client);
    const key = {
      server: STATIC,
      studyInstanceUid: ids.studyUid,
      seriesInstanceUid: ids.seriesUid,
    };
    const databaseName = uniqueDatabaseName('poster-reopen');
    pool = new DecodePool({ size: 1 });
    const decodes = countDecodes(pool);
    cache = new SeriesCache({ databaseName, ...options });
    const instances = await client.retrieveSeriesMetadata(ids.studyUid, ids.seriesUid);
    await cache.putMetadata(key, instances, { patient: { patientId: 'CB-TEST' } });
    const first = openSession(client, ids, instances);
    const shown = await first.load(first.middle, 0);
    expect(decodes.n).to.equal(1);
    await cache.close();

    records.length = 0;
    decodes.n = 0;
    cache = new SeriesCache({ databaseName, ...options });
    const cached = await cache.getMetadata(key);
    const again = openSession(client, ids, cached!.metadata as DicomJsonObject[]);
    const reopened = await again.load(again.middle, 0, onPreview);
    return { shown, reopened, again, decodes, requests: () => records.length };
  }

  it('reopens a series with its first image from the poster: no frame request, no decode, the pixels decoded the first time', async () => {
    const { shown, reopened, again, decodes, requests } = await reopen({});
    expect([decodes.n, requests()], 'decodes, requests').to.deep.equal([0, 0]);
    expect(reopened.pixels).to.deep.equal(shown.pixels);
    expect(reopened.pixels.constructor).to.equal(shown.pixels.constructor);
    // Its neighbours decode as usual, from the compressed copies.
    const neighbour = await again.load(again.middle + 1, 1);
    expect(decodes.n).to.equal(1);
    expect(neighbour.pixels).to.not.deep.equal(shown.pixels);
  });

  it('shows a reduced poster (a frame over maxPosterBytes) as the preview, then the exact frame decoded from the cache', async () => {
    const log: string[] = [];
    let preview: DecodedFrame | undefined;
    const { shown, reopened, decodes, requests } = await reopen(
      { maxPosterBytes: 1024 },
      (frame) => {
        preview = frame;
        log.push('preview');
      },
    );
    log.push('full');
    expect(log).to.deep.equal(['preview', 'full']);
    expect(preview && isPreviewFrame(preview) && preview.scale).to.equal(2);
    // The full frame: one decode of the cached codestream, no request, the same pixels.
    expect([decodes.n, requests()], 'decodes, requests').to.deep.equal([1, 0]);
    expect(reopened.pixels).to.deep.equal(shown.pixels);
  });
});
