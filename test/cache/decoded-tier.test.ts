import { expect } from '@open-wc/testing';
import { SeriesCache } from '../../src/cache/series-cache.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { Tag, jsonNumber, jsonString } from '../../src/dicomweb/dicom-json-values.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { countingFetch } from '../dicomweb/dicomweb-fixtures.js';

const STATIC = '/static-dicom-web';

describe("The viewer's decoded-frame memory (SeriesCache) behind DicomwebFrameLoader", () => {
  let pool: DecodePool;
  let cache: SeriesCache;
  afterEach(async () => {
    pool.dispose();
    await cache.close();
  });

  it('serves a frame decoded once to every later ask, and decodes what it evicted again from the compressed copy, never refetching', async () => {
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: STATIC, fetch });
    const [study] = await client.searchForStudies({ modalitiesInStudy: 'CT' });
    const studyUid = jsonString(study ?? {}, Tag.StudyInstanceUID) ?? '';
    const series = (await client.searchForSeries(studyUid, { modality: 'CT' }))[0] ?? {};
    const seriesUid = jsonString(series, Tag.SeriesInstanceUID) ?? '';
    const instances = await client.retrieveSeriesMetadata(studyUid, seriesUid);
    const rows = jsonNumber(instances[0] ?? {}, Tag.Rows) ?? 0;
    const columns = jsonNumber(instances[0] ?? {}, Tag.Columns) ?? 0;
    const frameBytes = rows * columns * 2;
    // Room for two decoded slices: the third evicts the least recently used.
    cache = new SeriesCache({ mode: 'memory', maxDecodedBytes: frameBytes * 2 + 1 });
    pool = new DecodePool({ size: 1 });
    let decodes = 0;
    const decode = pool.decodeTimed.bind(pool);
    pool.decodeTimed = (request, options) => {
      decodes++;
      return decode(request, options);
    };
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
    expect([decodes, frameRequests()]).to.deep.equal([1, 1]);
    expect(await load(0), 'the very same decoded frame').to.equal(first);
    expect([decodes, frameRequests()]).to.deep.equal([1, 1]);
    expect(cache.decodedBytes).to.equal(frameBytes);

    await load(1);
    await load(2);
    expect(cache.decodedBytes).to.be.at.most(frameBytes * 2);
    expect([decodes, frameRequests()]).to.deep.equal([3, 3]);
    // Slice 0 was evicted: decoded again from the cache's compressed copy, not fetched again.
    const again = await load(0);
    expect([decodes, frameRequests()]).to.deep.equal([4, 3]);
    expect(again).to.not.equal(first);
    expect(again.pixels).to.deep.equal(first.pixels);
  });
});
