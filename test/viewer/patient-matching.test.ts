/**
 * Only the patient asked for, against a real Orthanc behind the rig's fault proxy made to lie:
 * it drops the patient keys from QIDO (sloppy matching, an ignored issuer) or rewrites a series'
 * metadata to name someone else. Patients: mismatch-patients-data.mjs.
 */
import { expect } from '@open-wc/testing';
import { SERIES_DRAG_TYPE } from '../../src/components/viewer/layout-grid.js';
import type { PatientMismatchDetail } from '../../src/events/patient-mismatch.js';
import type { ViewerErrorDetail } from '../../src/events/viewer-error.js';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import {
  FAULTY_ORTHANC,
  proxyCounters,
  requireRig,
  resetFaults,
  setFaults,
} from '../dicomweb/dicomweb-fixtures.js';
import { makeMismatchPatients, type MismatchPatients } from './mismatch-patients-data.mjs';
import { allRendered, mountViewer, qido, value, waitFor } from './viewer-harness.js';

async function store(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const response = await fetch('/orthanc/instances', {
    method: 'POST',
    headers: { 'Content-Type': 'application/dicom' },
    body: bytes,
  });
  if (!response.ok) throw new Error(`Orthanc refused an instance: ${String(response.status)}`);
}

interface Watched {
  readonly viewer: CbViewer;
  readonly mismatches: PatientMismatchDetail[];
  readonly errors: ViewerErrorDetail[];
  readonly opened: Promise<unknown>;
  /** Every URL this viewer asked for (its fetch hook): requests of earlier viewers still on the wire do not count. */
  readonly requested: string[];
}

function watch(attributes: Record<string, string>): Watched {
  const mismatches: PatientMismatchDetail[] = [];
  const errors: ViewerErrorDetail[] = [];
  let opened: Promise<unknown> = Promise.resolve();
  const requested: string[] = [];
  const viewer = mountViewer({ server: FAULTY_ORTHANC, cache: 'none', ...attributes }, (v) => {
    v.fetch = (input, init) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    v.addEventListener('cb-patient-mismatch', (event) => mismatches.push(event.detail));
    v.addEventListener('cb-error', (event) => errors.push(event.detail));
    opened = new Promise((resolve) => {
      v.addEventListener('cb-study-opened', resolve, { once: true });
    });
  });
  return { viewer, mismatches, errors, opened, requested };
}

function listedStudies(viewer: CbViewer): string[] {
  const browser = viewer.shadowRoot!.querySelector('cb-study-browser');
  return (browser?.studies ?? []).map((study) => study.studyInstanceUid);
}

describe('<cb-viewer> shows only the patient asked for', function () {
  this.timeout(60000);
  let data: MismatchPatients;
  let watched: Watched | undefined;

  before(async function () {
    await requireRig(this);
    data = await makeMismatchPatients(store);
  });
  afterEach(async () => {
    watched?.viewer.remove();
    watched = undefined;
    await resetFaults();
  });

  const wildcards: [string, Record<string, string>][] = [
    ['a * in the patient ID', { 'patient-id': '*' }],
    ['a ? in the patient ID', { 'patient-id': 'MM-1234567?' }],
    ['a value separator in the patient ID', { 'patient-id': 'MM-1\\MM-2' }],
    ['a control character in the patient ID', { 'patient-id': 'MM-1\u0000' }],
    ['a * in the issuer', { 'patient-id': 'MM-1', issuer: 'ISSUER-*' }],
    ['a * in the accession number', { 'accession-number': 'MM*' }],
    ['a * in a study UID', { study: '2.25.*' }],
  ];
  for (const [what, attributes] of wildcards)
    it(`refuses ${what} before any request, with a typed error that does not repeat it`, async () => {
      await resetFaults();
      watched = watch(attributes);
      const [error] = await waitFor(
        () => watched!.errors.length > 0 && watched!.errors,
        'cb-error',
      );
      expect(error?.code).to.equal('identifier');
      expect(error?.cause).to.equal('InvalidIdentifierError');
      for (const value of Object.values(attributes)) expect(error?.message).not.to.include(value);
      expect(watched.requested, 'requests asked for').to.deep.equal([]);
      expect((await proxyCounters()).requests, 'requests the server saw').to.equal(0);
    });

  it('leaves out the studies of other patients when the archive ignores the patient keys', async () => {
    await setFaults({ query: { match: '/studies\\?', drop: ['PatientID', 'IssuerOfPatientID'] } });
    watched = watch({ 'patient-id': data.patientId, issuer: data.issuer });
    await watched.opened;
    expect(listedStudies(watched.viewer)).to.deep.equal([data.own.study]);
    const [dropped] = watched.mismatches;
    expect(dropped?.code).to.equal('study-dropped');
    // The twin, the namesake, and every other patient the test Orthanc holds.
    expect(dropped?.count).to.be.greaterThanOrEqual(2);
    expect(JSON.stringify(watched.mismatches)).not.to.include(data.patientId);
    for (const other of [data.twin.study, data.namesake.study])
      expect(watched.requested.filter((url) => url.includes(other))).to.deep.equal([]);
  });

  it('leaves out a study of the same Patient ID issued by another authority, and a namesake', async () => {
    // What the archive itself answers for the Patient ID alone (Orthanc matches it loosely).
    const answered = (await qido(`/orthanc/dicom-web/studies?PatientID=${data.patientId}`)).map(
      (study) => value(study, '0020000D'),
    );
    expect(answered).to.include.members([data.own.study, data.twin.study]);
    await setFaults({ query: { match: '/studies\\?', drop: ['IssuerOfPatientID'] } });
    watched = watch({ 'patient-id': data.patientId, issuer: data.issuer });
    await watched.opened;
    expect(listedStudies(watched.viewer)).to.deep.equal([data.own.study]);
    expect(watched.mismatches).to.deep.equal([
      { code: 'study-dropped', count: answered.length - 1 },
    ]);
    expect(watched.requested.some((url) => url.includes(data.twin.study))).to.equal(false);
  });

  it("opens no other study in place of one asked for that is another patient's", async () => {
    watched = watch({ 'patient-id': data.patientId, issuer: data.issuer, study: data.twin.study });
    await waitFor(() => watched!.errors.length > 0, 'cb-error');
    expect(watched.errors.map((error) => error.code)).to.deep.equal(['no-study']);
    expect(watched.mismatches).to.deep.equal([{ code: 'study-dropped', count: 1 }]);
    expect(watched.viewer.shadowRoot!.querySelector('cb-viewport')).to.equal(null);
    expect(watched.requested.some((url) => url.includes(`${data.twin.study}/`))).to.equal(false);
  });

  it('refuses a series whose own metadata names another patient: no frame of it is fetched', async () => {
    const [, lying] = data.own.series;
    await setFaults({
      // The series' metadata and each of its instances' (the slice a viewer opens first reads its
      // own before the series'): all of them name the other patient.
      rewrite: {
        match: `/series/${lying!}/(instances/[^/?]+/)?metadata`,
        pattern: data.patientId,
        replacement: 'XX-0',
      },
    });
    watched = watch({
      'patient-id': data.patientId,
      issuer: data.issuer,
      layout: '1x2',
      cache: 'memory',
    });
    await watched.opened;
    await waitFor(() => watched!.mismatches.length > 0, 'cb-patient-mismatch');
    expect(watched.mismatches).to.deep.equal([{ code: 'series-refused', count: 1 }]);
    const [first] = watched.viewer.getLayout();
    await watched.viewer.setLayout([
      { ...first!, column: 0, seriesInstanceUid: data.own.series[0], sopInstanceUid: undefined },
      { ...first!, column: 1, seriesInstanceUid: lying, sopInstanceUid: undefined },
    ]);
    await allRendered(watched.viewer, 1);
    const cell = watched.viewer.shadowRoot!.querySelector('.cell[data-column="1"]')!;
    expect(cell.querySelector('cb-viewport'), 'nothing shown for the refused series').to.equal(
      null,
    );
    expect(watched.errors, 'reported as a warning, not an error').to.deep.equal([]);
    expect(watched.mismatches).to.have.length(1);
    // Its slice may be searched and its metadata read, never a frame, a preview or a thumbnail.
    expect(
      watched.requested.filter(
        (url) => url.includes(`/series/${lying!}/`) && /\/(frames|rendered|thumbnail)/.test(url),
      ),
      'pixels of the refused series asked for',
    ).to.deep.equal([]);
    // Cached: the series shown, not the refused one.
    const cache = watched.viewer.viewerServices!.cache;
    const key = (series: string | undefined) => ({
      server: FAULTY_ORTHANC,
      studyInstanceUid: data.own.study,
      seriesInstanceUid: series ?? '',
    });
    await waitFor(
      async () => (await cache.getMetadata(key(data.own.series[0]))) !== undefined,
      "the shown series' metadata cached",
    );
    expect(await cache.getMetadata(key(lying))).to.equal(undefined);
  });

  it("refuses a dropped or restored series of another patient and keeps the cell's content", async () => {
    watched = watch({ 'patient-id': data.patientId, issuer: data.issuer, layout: '1x1' });
    await watched.opened;
    await allRendered(watched.viewer, 1);
    const before = watched.viewer.getLayout();
    const transfer = new DataTransfer();
    const foreign = { studyInstanceUid: data.twin.study, seriesInstanceUid: data.twin.series[0] };
    transfer.setData(SERIES_DRAG_TYPE, JSON.stringify(foreign));
    watched.viewer
      .shadowRoot!.querySelector('.cell')!
      .dispatchEvent(
        new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }),
      );
    await watched.viewer.setLayout([{ ...before[0]!, ...foreign, sopInstanceUid: undefined }]);
    expect(watched.mismatches).to.deep.equal([
      { code: 'placement-refused', count: 1 },
      { code: 'placement-refused', count: 1 },
    ]);
    expect(watched.viewer.getLayout()[0]?.seriesInstanceUid).not.to.equal(
      foreign.seriesInstanceUid,
    );
    expect(watched.requested.some((url) => url.includes(data.twin.study))).to.equal(false);
  });
});
