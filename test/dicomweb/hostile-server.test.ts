// A hostile or hanging server (issue 13, item 6): size caps on JSON bodies and multipart parts,
// a header timeout on every request, a stall guard on JSON bodies, and UIDs checked before a
// URL is built. Real Orthanc behind the fault proxy (node scripts/test/run-browser-tests.mjs).
import { expect } from '@open-wc/testing';
import { DicomwebClient, type RetrievedFrame } from '../../src/dicomweb/dicomweb-client.js';
import { DicomParseError } from '../../src/dicom/errors.js';
import { RetrievalScheduler } from '../../src/dicomweb/retrieval-scheduler.js';
import { SeriesLoader } from '../../src/dicomweb/series-loader.js';
import type { DicomJsonObject } from '../../src/dicomweb/dicom-json-values.js';
import {
  DicomwebTimeoutError,
  InvalidUidError,
  ResponseTooLargeError,
  TruncatedResponseError,
} from '../../src/dicomweb/errors.js';
import {
  FAULTY_ORTHANC,
  ORTHANC,
  countingFetch,
  fixtures,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
} from './dicomweb-fixtures.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

async function collect(frames: AsyncGenerator<RetrievedFrame>): Promise<RetrievedFrame[]> {
  const out: RetrievedFrame[] = [];
  for await (const frame of frames) out.push(frame);
  return out;
}

describe('DicomwebClient against a hostile server', () => {
  before(async function () {
    // The first fixtures() call uploads the fixtures (idempotent): slow on a loaded machine.
    this.timeout(120_000);
    await requireRig(this);
    await fixtures();
  });
  afterEach(async () => {
    await resetFaults();
  });

  it('refuses a JSON body over maxJsonBytes with ResponseTooLargeError, and reads it under the cap', async () => {
    const fx = await fixtures();
    const ct = fx.series.ct120;
    const small = new DicomwebClient({ url: ORTHANC, maxJsonBytes: 4096 });
    const error = await rejection(
      small.retrieveSeriesMetadata(ct.studyInstanceUid, ct.seriesInstanceUid),
    );
    expect(error).to.be.instanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).kind).to.equal('json');
    const roomy = new DicomwebClient({ url: ORTHANC });
    const metadata = await roomy.retrieveSeriesMetadata(ct.studyInstanceUid, ct.seriesInstanceUid);
    expect(metadata).to.have.length(ct.instances.length);
  });

  it('refuses a multipart part over maxPartBytes with ResponseTooLargeError', async () => {
    const fx = await fixtures();
    const ct = fx.series.ct120;
    const [first] = ct.instances;
    if (!first) throw new Error('no instance');
    const instance = { ...ct, sopInstanceUid: first.sopInstanceUid };
    const small = new DicomwebClient({ url: ORTHANC, maxPartBytes: 1000 });
    const error = await rejection(collect(small.retrieveFrames(instance, [1])));
    expect(error).to.be.instanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).kind).to.equal('part');
    const frames = await collect(
      new DicomwebClient({ url: ORTHANC }).retrieveFrames(instance, [1]),
    );
    expect(frames).to.have.length(1);
  });

  it('gives up on a request whose headers never come (DicomwebTimeoutError), and retries it', async () => {
    const fx = await fixtures();
    await setFaults({ hang: { count: 1, match: '/studies\\?' } });
    const client = new DicomwebClient({
      url: FAULTY_ORTHANC,
      headerTimeoutMs: 300,
      retry: { retries: 2, baseDelayMs: 20 },
    });
    const studies = await client.searchForStudies({ patientId: fx.patientId });
    expect(studies.length).to.be.greaterThan(0);
    const counters = await proxyCounters();
    expect(counters.hung).to.equal(1);

    await setFaults({ hang: { count: -1 } });
    const impatient = new DicomwebClient({
      url: FAULTY_ORTHANC,
      headerTimeoutMs: 200,
      retry: { retries: 0 },
    });
    const error = await rejection(impatient.searchForStudies({ patientId: fx.patientId }));
    expect(error).to.be.instanceOf(DicomwebTimeoutError);
    expect((error as Error).message).to.not.match(/\/studies|orthanc|PatientID|\?/i);
  });

  it('cuts a metadata body that stops arriving and retries it', async () => {
    const fx = await fixtures();
    const ct = fx.series.ct120;
    await setFaults({ stall: { afterBytes: 100, count: 1, match: '/metadata' } });
    const client = new DicomwebClient({
      url: FAULTY_ORTHANC,
      stallTimeoutMs: 300,
      retry: { retries: 2, baseDelayMs: 20 },
    });
    const metadata = await client.retrieveSeriesMetadata(ct.studyInstanceUid, ct.seriesInstanceUid);
    expect(metadata).to.have.length(ct.instances.length);
    expect((await proxyCounters()).stalled).to.equal(1);
  });

  it('refuses malformed UIDs before building a URL: no request is made', async () => {
    const fx = await fixtures();
    const ct = fx.series.ct120;
    const { fetch, records } = countingFetch();
    const client = new DicomwebClient({ url: ORTHANC, fetch });
    for (const bad of [
      '..',
      '1.2/../../studies',
      '1.2.3?x=1',
      '1.2.3#',
      'abc',
      '1..2',
      ' ',
      '1'.repeat(65),
    ]) {
      const attempts = [
        client.retrieveSeriesMetadata(ct.studyInstanceUid, bad),
        client.retrieveStudyMetadata(bad),
        client.searchForSeries(bad),
        collect(client.retrieveFrames({ ...ct, sopInstanceUid: bad }, [1])),
      ];
      for (const attempt of attempts) {
        const error = await rejection(attempt);
        expect(error, JSON.stringify(bad)).to.be.instanceOf(InvalidUidError);
        if (bad.trim()) expect((error as Error).message).to.not.contain(bad);
      }
    }
    expect(records).to.have.length(0);
    // A UID padded with NUL (PS3.5 §9.1) is a UID.
    const metadata = await client.retrieveSeriesMetadata(
      ct.studyInstanceUid,
      `${ct.seriesInstanceUid}\u0000`,
    );
    expect(metadata).to.have.length(ct.instances.length);
  });

  it('refuses metadata declaring 5,000,000 frames before making a slot for each', () => {
    const client = new DicomwebClient({ url: ORTHANC });
    const instance = (sop: string, frames: number): DicomJsonObject => ({
      '00080018': { vr: 'UI', Value: [sop] },
      '00280008': { vr: 'IS', Value: [frames] },
      '00280010': { vr: 'US', Value: [64] },
      '00280011': { vr: 'US', Value: [64] },
    });
    const open = (instances: DicomJsonObject[]) => () =>
      new SeriesLoader({
        client,
        scheduler: new RetrievalScheduler(client),
        studyInstanceUid: '1.2.3',
        seriesInstanceUid: '1.2.3.4',
        instances,
      });
    expect(open([instance('1.2.3.4.5', 5_000_000)])).to.throw(DicomParseError, /Number of Frames/);
    // Many instances each under the per-instance cap still add up to a refusal.
    const many = Array.from({ length: 40 }, (_, i) => instance(`1.2.3.4.${i + 1}`, 100_000));
    expect(open(many)).to.throw(DicomParseError, /series declares/);
    expect(open([instance('1.2.3.4.5', 3)])().total).to.equal(3);
  });

  it('reports a search body that is not DICOM JSON as DicomParseError, not a raw SyntaxError', async () => {
    // Orthanc cannot be made to send broken JSON: a `fetch` hook stands in for such a server.
    for (const body of ['{"00100020": {"vr"', '{"not": "an array"}', '<html>502</html>']) {
      const client = new DicomwebClient({
        url: ORTHANC,
        fetch: () =>
          Promise.resolve(
            new Response(body, { headers: { 'content-type': 'application/dicom+json' } }),
          ),
      });
      const error = await rejection(client.searchForStudies({}));
      expect(error, body).to.be.instanceOf(DicomParseError);
    }
  });

  it('cuts a whole-instance body that stops arriving (a DicomwebTimeoutError, retryable)', async () => {
    const fx = await fixtures();
    const ct = fx.series.ct120;
    const [first] = ct.instances;
    if (!first) throw new Error('no instance');
    await setFaults({ stall: { afterBytes: 1000, count: 1, match: '/instances/[0-9.]+$' } });
    const client = new DicomwebClient({ url: FAULTY_ORTHANC, stallTimeoutMs: 300 });
    const instance = { ...ct, sopInstanceUid: first.sopInstanceUid };
    const error = await rejection(client.retrieveInstance(instance));
    // A stall is a timeout (issue 18 item 6: DicomwebStallError is one), not a short body.
    expect(error).to.be.instanceOf(DicomwebTimeoutError);
    expect(error).not.to.be.instanceOf(TruncatedResponseError);
    expect((await proxyCounters()).stalled).to.equal(1);
    // The next attempt, unstalled, reads the whole instance.
    expect((await client.retrieveInstance(instance)).length).to.be.greaterThan(1000);
  });
});
