import { expect } from '@open-wc/testing';
import { Tag, jsonString } from '../../src/dicomweb/dicom-json-values.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import type { DecodePool } from '../../src/workers/decode-pool.js';
import { countingPool, fetchedBy, openjpegFetches } from './counting-pool.js';

// The demo's static DICOMweb tree (test/.tmp/data/dicom-web), whose metadata names each
// instance's stored transfer syntax (0002,0010); its mammograms are JPEG 2000.
const STATIC = '/static-dicom-web';

describe('DicomwebFrameLoader warms the codec named by the metadata', function () {
  this.timeout(30_000);
  let pool: DecodePool | undefined;
  before(async function () {
    if ((await fetch(`${STATIC}/studies`)).status === 404) this.skip();
  });
  afterEach(() => {
    pool?.dispose();
  });

  it('has every worker load OpenJPEG for a JPEG 2000 mammogram, not only the one that decodes it', async () => {
    const client = new DicomwebClient({ url: STATIC });
    const [study] = await client.searchForStudies({ modalitiesInStudy: 'MG' });
    const studyUid = jsonString(study ?? {}, Tag.StudyInstanceUID) ?? '';
    const [series] = await client.searchForSeries(studyUid, { modality: 'MG' });
    const seriesUid = jsonString(series ?? {}, Tag.SeriesInstanceUID) ?? '';
    const instances = await client.retrieveSeriesMetadata(studyUid, seriesUid);
    const loader = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client),
      studyInstanceUid: studyUid,
      seriesInstanceUid: seriesUid,
      instances,
    });
    const slice = loader.slices[0];
    if (!slice) throw new Error('no mammogram');
    expect(slice.dataset.string(0x00020010)).to.equal('1.2.840.10008.1.2.4.90');
    const counting = countingPool(2);
    pool = counting.pool;
    const frameLoader = new DicomwebFrameLoader({ pool });
    const frame = await frameLoader.load(slice.dataset, slice.frameIndex, {
      signal: new AbortController().signal,
      priority: 0,
    });
    expect(frame.rows).to.be.greaterThan(0);
    // One decode runs in one worker; both fetched the codec, so warm() ran for all of them.
    await pool.warm([]);
    expect(counting.workers.length).to.equal(2);
    const fetched = await Promise.all(counting.workers.map(fetchedBy));
    expect(fetched.map(openjpegFetches)).to.deep.equal([1, 1]);
  });
});
