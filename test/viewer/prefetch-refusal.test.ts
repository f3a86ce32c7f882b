// Issue 13 item 2: the server decides every time, the prior prefetch included. A prefetch loader
// reports its errors to no one (it is not on screen); a 401/403 it meets must still reach the
// session (SeriesRepository's onRefused), which closes and purges the patient. In the viewer the
// thumbnails ask for the same priors' frames and would report it first, so the prefetch is run
// here on its own, against the runner's Orthanc behind the fault proxy answering 403 to frames.
import { expect } from '@open-wc/testing';
import { createViewerServices } from '../../src/context/viewer-services.js';
import { DicomwebAuthError } from '../../src/dicomweb/errors.js';
import type { HistoryStudy } from '../../src/session/patient-history.js';
import { PriorPrefetch } from '../../src/session/prior-prefetch.js';
import { SeriesRepository } from '../../src/session/series-repository.js';
import {
  FAULTY_ORTHANC,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import { STATIC, manifest, studySeries, waitFor } from './viewer-harness.js';

describe('Prior prefetch and the server’s refusal', () => {
  before(async function () {
    await requireRig(this);
  });
  afterEach(async () => {
    await resetFaults();
  });

  it('hands a 403 on the frames it prefetches to the session', async function () {
    this.timeout(60_000);
    const demo = await manifest();
    const study = demo.studies.priorCt.studyInstanceUid;
    const series = (await studySeries(STATIC, study)).filter((item) => item.modality === 'CT');
    expect(series.length).to.be.greaterThan(0);
    const prior: HistoryStudy = {
      studyInstanceUid: study,
      studyDate: undefined,
      studyTime: undefined,
      studyDescription: undefined,
      accessionNumber: undefined,
      modalities: ['CT'],
      patientId: demo.patient.patientId,
      series: series.map((item) => ({
        seriesInstanceUid: item.seriesInstanceUid,
        modality: item.modality,
        seriesDescription: undefined,
        seriesNumber: undefined,
        bodyPartExamined: undefined,
        instanceCount: item.instances.length,
      })),
    };
    await setFaults({ fail: { status: 403, count: -1, match: '/frames/' } });
    const services = createViewerServices({
      server: FAULTY_ORTHANC,
      cacheMode: 'memory',
      decodeWorkers: 1,
    });
    const refusals: unknown[] = [];
    const repository = new SeriesRepository(
      services,
      { patientId: demo.patient.patientId },
      undefined,
      (error) => refusals.push(error),
    );
    const prefetch = new PriorPrefetch({
      repository,
      studies: [prior],
      onProgress: () => undefined,
    });
    try {
      const [refusal] = await waitFor(() => refusals.length > 0 && refusals, 'a refusal', 30_000);
      expect(refusal).to.be.instanceOf(DicomwebAuthError);
      expect((refusal as DicomwebAuthError).status).to.equal(403);
    } finally {
      prefetch.stop();
      repository.dispose();
      await services.dispose();
    }
  });
});
