// Issue 13 item 6: a header timeout on every request the DICOMweb client makes, not only frame
// streams, and a stall guard on every body it streams. The fault proxy in front of the runner's
// Orthanc never answers (no status line, socket open) or stops a body mid-way; each kind of
// request must give up with a typed, retryable error instead of waiting for ever.
import { expect } from '@open-wc/testing';
import { DicomwebClient, type RetrievedFrame } from '../../src/dicomweb/dicomweb-client.js';
import { DicomwebTimeoutError, isRetryable } from '../../src/dicomweb/errors.js';
import { retrieveSeriesInstances } from '../../src/dicomweb/series-retrieval.js';
import { storeInstances } from '../../src/dicomweb/stow-rs.js';
import { CourbarilError } from '../../src/dicom/errors.js';
import {
  FAULTY_ORTHANC,
  fixtures,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
  type FixtureSeries,
} from './dicomweb-fixtures.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

async function drain<T>(items: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function firstInstance(series: FixtureSeries) {
  const [first] = series.instances;
  if (!first) throw new Error('fixture series without instances');
  return { ...series, sopInstanceUid: first.sopInstanceUid };
}

/** Every request kind of the client, each a call that must settle. */
function requests(
  client: DicomwebClient,
  series: FixtureSeries,
  patientId: string,
): [string, () => Promise<unknown>][] {
  const instance = firstInstance(series);
  const { studyInstanceUid, seriesInstanceUid, sopInstanceUid } = instance;
  return [
    ['QIDO-RS studies', () => client.searchForStudies({ patientId })],
    ['QIDO-RS series', () => client.searchForSeries(studyInstanceUid)],
    ['QIDO-RS instances', () => client.searchForInstances({ studyInstanceUid, seriesInstanceUid })],
    ['study metadata', () => client.retrieveStudyMetadata(studyInstanceUid)],
    ['series metadata', () => client.retrieveSeriesMetadata(studyInstanceUid, seriesInstanceUid)],
    [
      'instance metadata',
      () => client.retrieveInstanceMetadata(studyInstanceUid, seriesInstanceUid, sopInstanceUid),
    ],
    ['frames', () => drain<RetrievedFrame>(client.retrieveFrames(instance, [1]))],
    ['bulk data', () => client.retrieveBulkData('studies/1.2.3/bulk/7fe00010')],
    ['whole instance', () => client.retrieveInstance(instance)],
    ['whole series', () => drain(retrieveSeriesInstances(client, instance))],
    [
      'STOW-RS',
      () =>
        storeInstances(client, [{ part10: new Uint8Array(132), sopInstanceUid: '1.2.3.4' }], {
          studyInstanceUid,
        }),
    ],
  ];
}

describe('DicomwebClient: a timeout on every request', function () {
  this.timeout(60_000);
  let series: FixtureSeries;
  let patientId: string;

  before(async function () {
    this.timeout(120_000);
    await requireRig(this);
    const fx = await fixtures();
    series = fx.series.ct120;
    patientId = fx.patientId;
  });
  afterEach(async () => {
    await resetFaults();
  });

  it('gives up on each kind of request whose response headers never come, with DicomwebTimeoutError', async () => {
    await setFaults({ hang: { count: -1 } });
    const client = new DicomwebClient({
      url: FAULTY_ORTHANC,
      headerTimeoutMs: 250,
      retry: { retries: 0 },
    });
    const kinds = requests(client, series, patientId);
    for (const [kind, send] of kinds) {
      const error = await rejection(send());
      expect(error, kind).to.be.instanceOf(DicomwebTimeoutError);
      expect(isRetryable(error), `${kind}: retryable`).to.equal(true);
    }
    // Each of them reached the server (and hung there): none was refused before sending.
    expect((await proxyCounters()).hung).to.equal(kinds.length);
  });

  for (const [kind, match] of [
    ['a frames multipart body', '/frames/'],
    ['a whole-series multipart body', '/series/[0-9.]+$'],
  ] as const)
    it(`cuts ${kind} that stops arriving with a typed, retryable error`, async () => {
      await setFaults({ stall: { afterBytes: 200, count: 1, match } });
      const client = new DicomwebClient({
        url: FAULTY_ORTHANC,
        stallTimeoutMs: 300,
        retry: { retries: 0 },
      });
      const instance = firstInstance(series);
      const read = () =>
        kind === 'a frames multipart body'
          ? drain(client.retrieveFrames(instance, [1]))
          : drain(retrieveSeriesInstances(client, instance));
      const error = await rejection(read());
      expect(error).to.be.instanceOf(CourbarilError);
      expect(isRetryable(error), String(error)).to.equal(true);
      expect((await proxyCounters()).stalled).to.equal(1);
      // The same request, unstalled, completes.
      expect((await read()).length).to.be.greaterThan(0);
    });
});
