import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebFrameLoader } from '../../src/dicomweb/dicomweb-frame-loader.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import { SeriesProgressEvent } from '../../src/events/series-progress.js';
import type { SeriesLoadedEvent } from '../../src/events/series-loaded.js';
import { Tag, jsonNumber, jsonString } from '../../src/dicomweb/dicom-json-values.js';
import { DecodePool } from '../../src/workers/decode-pool.js';
import { nextEvent } from './dicomweb-fixtures.js';
import { manifest } from '../viewer/viewer-harness.js';

// The demo's static DICOMweb tree (scripts/static-dicomweb.mjs over test/.tmp/data/dicom-web,
// made by `node scripts/demo-data/generate.mjs --small --out test/.tmp/data`): files on a CDN, no Orthanc.
const STATIC = '/static-dicom-web';

describe('DICOMweb client and loader against the static DICOMweb tree', () => {
  let pool: DecodePool;
  before(async function () {
    if ((await fetch(`${STATIC}/studies`)).status === 404) this.skip();
  });
  beforeEach(() => {
    pool = new DecodePool();
  });
  afterEach(() => {
    pool.dispose();
  });

  it("finds the demo patient's history, newest and prior studies, with QIDO-RS", async () => {
    const client = new DicomwebClient({ url: STATIC });
    const all = await client.searchForStudies();
    // The tree also holds the console QC pattern under its own identifier: the demo patient is
    // the one the manifest names, and the one with studies at more than one date.
    const { patient } = await manifest();
    const patientId = patient.patientId;
    expect(all.some((study) => jsonString(study, 0x00100020) === patientId)).to.equal(true);
    const history = await client.searchForStudies({ patientId });
    const dates = new Set(history.map((s) => jsonString(s, 0x00080020)));
    expect(history.length).to.be.greaterThan(1);
    expect(dates.size).to.be.greaterThan(1);
    const ct = await client.searchForStudies({
      patientId,
      modalitiesInStudy: 'CT',
    });
    expect(ct.length).to.be.greaterThan(0);
    expect(ct.length).to.be.lessThan(history.length);
  });

  it('loads a CT series in stack order with progress to the last frame, and decodes its slices', async () => {
    const client = new DicomwebClient({ url: STATIC });
    const [study] = await client.searchForStudies({ modalitiesInStudy: 'CT' });
    const studyUid = jsonString(study ?? {}, Tag.StudyInstanceUID) ?? '';
    const series = (await client.searchForSeries(studyUid, { modality: 'CT' }))[0] ?? {};
    const seriesUid = jsonString(series, Tag.SeriesInstanceUID) ?? '';
    const instances = await client.retrieveSeriesMetadata(studyUid, seriesUid);
    const loader = new SeriesLoader({
      client,
      scheduler: new RetrievalScheduler(client),
      studyInstanceUid: studyUid,
      seriesInstanceUid: seriesUid,
      instances,
    });
    expect(loader.total).to.be.greaterThan(1);
    const progress: number[] = [];
    loader.addEventListener('cb-series-progress', (e) => {
      if (e instanceof SeriesProgressEvent) progress.push(e.detail.loaded);
    });
    const loaded = nextEvent<SeriesLoadedEvent>(loader, 'cb-series-loaded');
    loader.start();
    const event = await loaded;
    expect(progress.at(-1)).to.equal(loader.total);
    expect(event.detail.frames).to.equal(loader.total);
    const frameLoader = new DicomwebFrameLoader(pool);
    for (const slice of loader.slices) {
      const frame = await frameLoader.load(slice.dataset, slice.frameIndex, {
        signal: new AbortController().signal,
        priority: 0,
      });
      expect(frame.rows).to.equal(jsonNumber(slice.instance, Tag.Rows));
      expect(frame.columns).to.equal(jsonNumber(slice.instance, Tag.Columns));
    }
  });
});
