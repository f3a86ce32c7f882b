import { expect } from '@open-wc/testing';
import { DicomwebClient, type RetrievedFrame } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebAuthError, DicomwebHttpError } from '../../src/dicomweb/errors.js';
import { Tag, jsonString } from '../../src/dicomweb/dicom-json-values.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import { decodeFrame, disposeDefaultDecodePool } from '../../src/workers/decode-frame.js';
import type { EncodedFrame, PixelDataSource } from '../../src/dicom/dataset.js';
import {
  FAULTY_ORTHANC,
  ORTHANC,
  countingFetch,
  expectPixelExact,
  fixtures,
  requireRig,
  referencePixels,
  resetFaults,
  setFaults,
  type FixtureSeries,
} from './dicomweb-fixtures.js';

async function collect(frames: AsyncGenerator<RetrievedFrame>): Promise<RetrievedFrame[]> {
  const out: RetrievedFrame[] = [];
  for await (const frame of frames) out.push(frame);
  return out;
}

/** Decodes `frame` with the pixel module of `series`' metadata and compares it with the source pixels. */
async function checkPixels(
  client: DicomwebClient,
  series: FixtureSeries,
  sopInstanceUid: string,
  frame: RetrievedFrame,
): Promise<string | undefined> {
  const [metadata] = await client.retrieveInstanceMetadata(
    series.studyInstanceUid,
    series.seriesInstanceUid,
    sopInstanceUid,
  );
  const encoded: EncodedFrame = { bytes: frame.bytes, transferSyntaxUid: frame.transferSyntaxUid };
  const source: PixelDataSource = { frameCount: 1, frame: () => Promise.resolve(encoded) };
  const dataset = datasetFromDicomJson(metadata, { frames: source });
  return expectPixelExact(
    await decodeFrame(dataset, 0),
    await referencePixels(sopInstanceUid, frame.frameNumber),
  );
}

describe('DicomwebClient against Orthanc', () => {
  before(async function () {
    await requireRig(this);
  });
  afterEach(async () => {
    await resetFaults();
  });
  after(() => {
    disposeDefaultDecodePool();
  });

  it("finds a patient's history with QIDO-RS, by patient and issuer, date range and modality", async () => {
    const fx = await fixtures();
    const client = new DicomwebClient({ url: ORTHANC });
    const studies = await client.searchForStudies({
      patientId: fx.patientId,
      issuerOfPatientId: fx.issuer,
    });
    const uids = studies.map((s) => jsonString(s, Tag.StudyInstanceUID)).sort();
    expect(uids).to.deep.equal(
      [fx.series.ct120.studyInstanceUid, fx.series.prior.studyInstanceUid].sort(),
    );
    const lastYear = await client.searchForStudies({
      patientId: fx.patientId,
      studyDate: { from: '20240101', to: '20241231' },
    });
    expect(lastYear.map((s) => jsonString(s, Tag.StudyInstanceUID))).to.deep.equal([
      fx.series.prior.studyInstanceUid,
    ]);
    expect(
      await client.searchForStudies({ patientId: fx.patientId, modalitiesInStudy: 'MG' }),
    ).to.deep.equal([]);
    const series = await client.searchForSeries(fx.series.ct120.studyInstanceUid);
    expect(series.length).to.equal(4);
    const instances = await client.searchForInstances({
      studyInstanceUid: fx.series.ct120.studyInstanceUid,
      seriesInstanceUid: fx.series.ct120.seriesInstanceUid,
    });
    expect(instances.length).to.equal(120);
  });

  it('streams the frames of a multi-frame instance in their stored syntax, pixel-exact', async () => {
    const fx = await fixtures();
    const series = fx.series.multiframe;
    const client = new DicomwebClient({ url: ORTHANC });
    const sop = series.instances[0]?.sopInstanceUid ?? '';
    const frames = await collect(
      client.retrieveFrames(
        { ...series, sopInstanceUid: sop },
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      ),
    );
    expect(frames.map((f) => f.frameNumber)).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(frames.map((f) => f.transferSyntaxUid))).to.deep.equal(
      new Set(['1.2.840.10008.1.2.4.80']),
    );
    for (const frame of frames)
      expect(await checkPixels(client, series, sop, frame)).to.equal(undefined);
  });

  it('detects an HTJ2K codestream Orthanc serves labelled as uncompressed, and decodes it exactly', async () => {
    const fx = await fixtures();
    const series = fx.series.htj2k;
    const client = new DicomwebClient({ url: ORTHANC, retry: { retries: 0 } });
    const sop = series.instances[0]?.sopInstanceUid ?? '';
    const [frame] = await collect(
      client.retrieveFrames({ ...series, sopInstanceUid: sop }, [1], {
        nativeFrameLength: 64 * 64 * 2,
      }),
    );
    expect(frame?.transferSyntaxUid).to.equal('1.2.840.10008.1.2.4.201');
    expect(frame && (await checkPixels(client, series, sop, frame))).to.equal(undefined);
  });

  it('falls back to uncompressed frames when the server answers 406 to transfer-syntax=*', async () => {
    const fx = await fixtures();
    const series = fx.series.ct120;
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: FAULTY_ORTHANC, fetch });
    await setFaults({ fail: { status: 406, count: 1, match: '/frames/' } });
    const sop = series.instances[7]?.sopInstanceUid ?? '';
    const [frame] = await collect(client.retrieveFrames({ ...series, sopInstanceUid: sop }, [1]));
    expect(frame?.transferSyntaxUid).to.equal('1.2.840.10008.1.2.1');
    expect(records.map((r) => r.headers.get('accept'))).to.deep.equal([
      'multipart/related; type="application/octet-stream"; transfer-syntax=*',
      'multipart/related; type="application/octet-stream"',
    ]);
    expect(frame && (await checkPixels(client, series, sop, frame))).to.equal(undefined);
  });

  it('retries 5xx with backoff but not 4xx', async () => {
    const fx = await fixtures();
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: FAULTY_ORTHANC, fetch, retry: { baseDelayMs: 20 } });
    await setFaults({ fail: { status: 503, count: 2, match: '/studies\\?' } });
    const studies = await client.searchForStudies({ patientId: fx.patientId });
    expect(studies.length).to.equal(2);
    expect(records.map((r) => r.status)).to.deep.equal([503, 503, 200]);
    records.length = 0;
    await setFaults({ fail: { status: 404, count: 1, match: '/studies\\?' } });
    let error: unknown;
    try {
      await client.searchForStudies({ patientId: fx.patientId });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DicomwebHttpError);
    expect((error as DicomwebHttpError).status).to.equal(404);
    expect(records.length).to.equal(1);
  });

  it('calls refreshToken once on 401, retries with the new header, and keeps tokens out of URLs and errors', async () => {
    const fx = await fixtures();
    const { fetch, records } = countingFetch();
    let token = 'secret-token-1';
    let refreshes = 0;
    const client = new DicomwebClient({
      url: FAULTY_ORTHANC,
      fetch,
      requestHeaders: () => ({ Authorization: `Bearer ${token}` }),
      refreshToken: () => {
        refreshes++;
        token = 'secret-token-2';
        return Promise.resolve();
      },
    });
    await setFaults({ fail: { status: 401, count: 1 } });
    expect((await client.searchForStudies({ patientId: fx.patientId })).length).to.equal(2);
    expect(refreshes).to.equal(1);
    expect(records.map((r) => r.headers.get('authorization'))).to.deep.equal([
      'Bearer secret-token-1',
      'Bearer secret-token-2',
    ]);
    expect(records.some((r) => r.url.includes('secret'))).to.equal(false);

    await setFaults({ fail: { status: 401, count: -1 } });
    let error: unknown;
    try {
      await client.searchForStudies({ patientId: fx.patientId });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(DicomwebAuthError);
    expect(refreshes).to.equal(2);
    expect((error as Error).message).to.not.match(/secret|CB-DW|orthanc/i);
  });
});
