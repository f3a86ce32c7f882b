/**
 * <cb-viewer> and Key Object Selection documents, against the rig's Orthanc: a pydicom manifest
 * spanning two studies (by UID on the server, and as a data set whose prior series lives on a
 * second DICOMweb source behind its own origin), `key-images-only`, and key images marked and
 * saved with STOW-RS.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { CbViewer } from '../../src/components/viewer/viewer.js';
import { datasetToDicomJson } from '../../src/dicom/dicom-json-writer.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import { KeyObjectTitles, readKeyObjectSelection } from '../../src/dicom/key-object-selection.js';
import { parseDicom } from '../../src/dicom/parse-dicom.js';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import type { KeyImagesSavedEvent } from '../../src/events/key-images-saved.js';
import type { StudyOpenedEvent } from '../../src/events/study-opened.js';
import type { ViewerErrorEvent } from '../../src/events/viewer-error.js';
import { eventOn } from '../waits.js';
import '../../src/define.js';
import { ORTHANC, requireRig } from '../dicomweb/dicomweb-fixtures.js';
import { allRendered, mountViewer, viewports, waitFor } from '../viewer/viewer-harness.js';
import {
  deleteFromOrthanc,
  fixtureFile,
  kosFixtures,
  type FixtureReference,
} from './kos-fixtures.js';

const TOKEN = 'Bearer second-source-token';

interface SecondSource {
  readonly url: string;
  readonly requests: { method: string; url: string; authorization: string | undefined }[];
}

function secondSource(reset = false): Promise<SecondSource> {
  return executeServerCommand<SecondSource, unknown>('second-source', reset ? { reset: true } : {});
}

/** SOP Instance UIDs each viewport's stack holds (sorted), by series. */
function stacks(viewer: CbViewer): Record<string, string[]> {
  return Object.fromEntries(
    viewports(viewer).map((viewport) => [
      viewport.stack[0]?.string(0x0020000e) ?? '',
      viewport.stack.map((dataset) => dataset.string(0x00080018) ?? '').sort(),
    ]),
  );
}

function bySeries(references: readonly FixtureReference[]): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const reference of references)
    map[reference.seriesInstanceUid] = [
      ...(map[reference.seriesInstanceUid] ?? []),
      reference.sopInstanceUid,
    ].sort();
  return map;
}

function title(viewer: CbViewer): string | undefined {
  return viewer.shadowRoot!.querySelector('[part="selection-title"]')?.textContent.trim();
}

const mounted: CbViewer[] = [];
/** KOS a test stored, deleted after it (later test files find Orthanc as the fixtures left it). */
const stored: string[] = [];
function mount(attributes: Record<string, string>, configure?: (viewer: CbViewer) => void) {
  const viewer = mountViewer({ server: ORTHANC, cache: 'none', ...attributes }, configure);
  mounted.push(viewer);
  return viewer;
}

describe('<cb-viewer> with Key Object Selection documents', function () {
  before(async function () {
    await requireRig(this);
  });
  afterEach(async () => {
    for (const viewer of mounted.splice(0)) viewer.remove();
    for (const uid of stored.splice(0)) await deleteFromOrthanc(uid);
  });

  it('opens a manifest by its UID on the server: exactly its instances, across two studies, under its title', async () => {
    const all = await kosFixtures();
    const expected = all.manifest.manifestTwoStudies;
    const opened: StudyOpenedEvent[] = [];
    const viewer = mount({ 'manifest-uid': expected.sopInstanceUid }, (element) => {
      element.addEventListener('cb-study-opened', (event) => opened.push(event));
    });
    await allRendered(viewer, 2);
    expect(stacks(viewer)).to.deep.equal(bySeries(expected.references));
    expect(title(viewer)).to.equal('Manifest');
    // The audit trail hears both studies (auditEventFor names each one read).
    expect(opened.map((event) => event.detail)).to.deep.equal([
      {
        studyInstanceUid: all.manifest.currentCt,
        protocolId: 'key-object-selection',
        comparedWith: [all.manifest.priorCt],
      },
    ]);
  });

  it('opens a manifest by the URL of its Part 10 file, relative to the page', async () => {
    const all = await kosFixtures();
    const expected = all.manifest.manifestTwoStudies;
    const lookup = await fetch('/orthanc/tools/lookup', {
      method: 'POST',
      body: expected.sopInstanceUid,
    });
    const [{ ID }] = (await lookup.json()) as [{ ID: string }];
    const viewer = mount({ 'manifest-url': `/orthanc/instances/${ID}/file` });
    await allRendered(viewer, 2);
    expect(stacks(viewer)).to.deep.equal(bySeries(expected.references));
    expect(title(viewer)).to.equal('Manifest');
  });

  it('reads a manifest series from a second DICOMweb source the host trusts, with the host token', async () => {
    const all = await kosFixtures();
    const second = await secondSource(true);
    const manifest = withRetrieveUrl(all, second.url);
    const viewer = mount({}, (element) => {
      element.manifest = manifest;
      element.trustedOrigins = [second.url];
      element.requestHeaders = { Authorization: TOKEN };
    });
    await allRendered(viewer, 2);
    expect(stacks(viewer)).to.deep.equal(bySeries(all.manifest.manifestTwoStudies.references));
    const { requests } = await secondSource();
    const gets = requests.filter((request) => request.method === 'GET');
    expect(gets.length).to.be.greaterThan(0);
    expect(gets.every((request) => request.url.includes(all.manifest.priorCt))).to.equal(true);
    expect(gets.every((request) => request.authorization === TOKEN)).to.equal(true);
  });

  it('reads a manifest series from a source the host allows only bare with no header at all', async () => {
    const all = await kosFixtures();
    const second = await secondSource(true);
    const viewer = mount({}, (element) => {
      element.manifest = withRetrieveUrl(all, second.url);
      element.anonymousOrigins = [second.url];
      element.requestHeaders = { Authorization: TOKEN };
    });
    await allRendered(viewer, 2);
    expect(stacks(viewer)).to.deep.equal(bySeries(all.manifest.manifestTwoStudies.references));
    const gets = (await secondSource()).requests.filter((request) => request.method === 'GET');
    expect(gets.length).to.be.greaterThan(0);
    expect(gets.every((request) => request.authorization === undefined)).to.equal(true);
  });

  it('sends nothing to a manifest source the host did not list, and says so', async () => {
    const all = await kosFixtures();
    const second = await secondSource(true);
    const errors: ViewerErrorEvent[] = [];
    const viewer = mount({}, (element) => {
      element.manifest = withRetrieveUrl(all, second.url);
      element.requestHeaders = { Authorization: TOKEN };
      element.addEventListener('cb-error', (event) => errors.push(event));
    });
    await allRendered(viewer, 1);
    await viewer.updateComplete;
    expect(Object.keys(stacks(viewer))).to.deep.equal([all.manifest.currentSeries]);
    expect(errors.map((event) => event.detail.cause)).to.include('UntrustedOriginError');
    expect((await secondSource()).requests).to.deep.equal([]);
  });

  it('opens a DRIMbox-style manifest naming the INS: series under the local ID it lists are the patient’s, others refused', async () => {
    const all = await kosFixtures();
    const { patientId, issuerOfPatientId } = all.manifest.patient;
    /** The two-study manifest as a DRIMbox sends it: the INS as Patient ID, local IDs beside it. */
    const insManifest = (others: readonly { id: string; issuer: string }[]) => {
      const json = datasetToDicomJson(parseDicom(fixtureFile(all, 'manifest-two-studies.dcm')));
      json['00100020'] = { vr: 'LO', Value: ['1234567890123'] };
      json['00100021'] = { vr: 'LO', Value: ['1.2.250.1.213.1.4.10'] };
      json['00101002'] = {
        vr: 'SQ',
        Value: others.map((other) => ({
          '00100020': { vr: 'LO', Value: [other.id] },
          '00100021': { vr: 'LO', Value: [other.issuer] },
        })),
      };
      return datasetFromDicomJson(json);
    };
    const viewer = mount({}, (element) => {
      element.manifest = insManifest([{ id: patientId, issuer: issuerOfPatientId }]);
    });
    await allRendered(viewer, 2);
    expect(stacks(viewer)).to.deep.equal(bySeries(all.manifest.manifestTwoStudies.references));

    // The same document listing another local ID: its series name a patient it does not.
    const mismatches: unknown[] = [];
    const refused = mount({}, (element) => {
      element.manifest = insManifest([{ id: `${patientId}-X`, issuer: issuerOfPatientId }]);
      element.addEventListener('cb-patient-mismatch', (event) => mismatches.push(event.detail));
    });
    await waitFor(() => mismatches.length >= 2, 'both series refused');
    expect(viewports(refused).filter((viewport) => viewport.stack.length > 0)).to.have.length(0);
  });

  it('key-images-only shows the images the study’s "Of Interest" KOS selects, not its rejection note’s', async () => {
    const all = await kosFixtures();
    const viewer = mount({
      'patient-id': all.manifest.patient.patientId,
      study: all.manifest.currentCt,
      'key-images-only': '',
    });
    const [opened] = await Promise.all([
      eventOn<StudyOpenedEvent>(viewer, 'cb-study-opened'),
      allRendered(viewer, 1),
    ]);
    expect(opened.detail.comparedWith).to.deep.equal([]);
    expect(stacks(viewer)).to.deep.equal(bySeries(all.manifest.keyImages.references));
    expect(title(viewer)).to.equal('Of Interest');
  });

  it('marks the shown image with K and saves it as an "Of Interest" KOS the server then holds', async () => {
    const all = await kosFixtures();
    const viewer = mount({
      'patient-id': all.manifest.patient.patientId,
      study: all.manifest.priorCt,
    });
    const [viewport] = await allRendered(viewer, 1);
    viewport!.index = 2;
    await waitFor(
      () => viewport!.currentImage?.image.dataset === viewport!.stack[2],
      'the third slice on screen',
    );
    viewport!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'k', bubbles: true, composed: true }),
    );
    const marked = viewport!.stack[2]!.string(0x00080018);
    expect(viewer.keyImages.map((mark) => mark.sopInstanceUid)).to.deep.equal([marked]);
    const saved = new Promise<KeyImagesSavedEvent>((resolve) => {
      viewer.addEventListener('cb-key-images-saved', resolve, { once: true });
    });
    const button = viewer.shadowRoot!.querySelector<HTMLButtonElement>('[part="save-key-images"]')!;
    await viewer.updateComplete;
    button.click();
    const { detail } = await saved;
    stored.push(detail.sopInstanceUid);
    expect(detail.count).to.equal(1);
    expect(detail.studyInstanceUid).to.equal(all.manifest.priorCt);
    expect(viewer.keyImages).to.deep.equal([]);
    const client = new DicomwebClient({ url: ORTHANC });
    const [json] = await client.retrieveInstanceMetadata(
      detail.studyInstanceUid,
      detail.seriesInstanceUid,
      detail.sopInstanceUid,
    );
    const document = readKeyObjectSelection(datasetFromDicomJson(json));
    expect(document.title).to.deep.equal(KeyObjectTitles.ofInterest);
    expect(document.references.map((reference) => reference.sopInstanceUid)).to.deep.equal([
      marked,
    ]);
  });
});

/** The pydicom manifest as DICOM JSON, its prior CT series given a Retrieve URL on `origin`. */
function withRetrieveUrl(all: Awaited<ReturnType<typeof kosFixtures>>, origin: string) {
  const json = datasetToDicomJson(parseDicom(fixtureFile(all, 'manifest-two-studies.dcm')));
  const evidence = json['0040A375']!.Value as Record<string, { vr: string; Value?: unknown[] }>[];
  for (const study of evidence) {
    const studyUid = (study['0020000D']!.Value as string[])[0];
    if (studyUid !== all.manifest.priorCt) continue;
    for (const series of study['00081115']!.Value as Record<string, unknown>[]) {
      const seriesUid = (series['0020000E'] as { Value: string[] }).Value[0];
      series['00081190'] = {
        vr: 'UR',
        Value: [`${origin}/dicom-web/studies/${studyUid}/series/${seriesUid}`],
      };
    }
  }
  return datasetFromDicomJson(json);
}
