/**
 * The KOS model against documents another writer made (pydicom, test/kos/fixtures.mjs), read from
 * Part 10 and from Orthanc's WADO-RS metadata, and the KOS we write checked by independent
 * validators: dciodvfy (dicom3tools) against the IOD, dsrdump (DCMTK) on the SR content tree.
 */
import { expect } from '@open-wc/testing';
import { DicomwebClient } from '../../src/dicomweb/dicomweb-client.js';
import { datasetToDicomJson } from '../../src/dicom/dicom-json-writer.js';
import { datasetFromDicomJson, type JsonDataset } from '../../src/dicom/json-dataset.js';
import {
  KeyObjectSelectionError,
  KeyObjectTitles,
  isRejectionNote,
  readKeyObjectSelection,
  type KeyObjectReference,
} from '../../src/dicom/key-object-selection.js';
import {
  KeyObjectWriteError,
  createKeyObjectSelection,
  type KeyObjectSelectionItem,
} from '../../src/dicom/key-object-writer.js';
import { parseDicom } from '../../src/dicom/parse-dicom.js';
import { writePart10 } from '../../src/dicom/part10-writer.js';
import { ORTHANC, requireRig } from '../dicomweb/dicomweb-fixtures.js';
import {
  errorLines,
  fixtureFile,
  kosFixtures,
  validateDicom,
  type FixtureReference,
} from './kos-fixtures.js';

const client = new DicomwebClient({ url: ORTHANC });

function plain(references: readonly KeyObjectReference[]): FixtureReference[] {
  return references.map(
    ({ studyInstanceUid, seriesInstanceUid, sopClassUid, sopInstanceUid, frames }) => ({
      studyInstanceUid,
      seriesInstanceUid,
      sopClassUid,
      sopInstanceUid,
      frames: [...frames],
    }),
  );
}

async function instanceMetadata(reference: FixtureReference): Promise<JsonDataset> {
  const [json] = await client.retrieveInstanceMetadata(
    reference.studyInstanceUid,
    reference.seriesInstanceUid,
    reference.sopInstanceUid,
  );
  return datasetFromDicomJson(json);
}

describe('Key Object Selection documents', function () {
  before(async function () {
    await requireRig(this);
  });

  it('reads a pydicom manifest spanning two studies: title, description as text, references in order', async () => {
    const all = await kosFixtures();
    const document = readKeyObjectSelection(
      parseDicom(fixtureFile(all, 'manifest-two-studies.dcm')),
    );
    const expected = all.manifest.manifestTwoStudies;
    expect(document.title).to.deep.equal(KeyObjectTitles.manifest);
    expect(document.description).to.equal('Sélection <b>fixture</b> 1');
    expect(document.sopInstanceUid).to.equal(expected.sopInstanceUid);
    expect(document.studyInstanceUid).to.equal(all.manifest.currentCt);
    expect(plain(document.references)).to.deep.equal(expected.references);
    expect(new Set(document.references.map((r) => r.studyInstanceUid)).size).to.equal(2);
    expect(document.references.every((r) => Object.keys(r.retrieve).length === 0)).to.equal(true);
  });

  it("reads the same manifest from Orthanc's WADO-RS metadata (DICOM JSON)", async () => {
    const all = await kosFixtures();
    const expected = all.manifest.manifestTwoStudies;
    const [json] = await client.retrieveInstanceMetadata(
      expected.studyInstanceUid,
      expected.seriesInstanceUid,
      expected.sopInstanceUid,
    );
    const document = readKeyObjectSelection(datasetFromDicomJson(json));
    expect(document.title).to.deep.equal(KeyObjectTitles.manifest);
    expect(plain(document.references)).to.deep.equal(expected.references);
  });

  it('reads the Retrieve URL, AE title and location of each series and the frames of a DRIMbox-style manifest', async () => {
    const all = await kosFixtures();
    const expected = all.manifest.drimbox;
    const document = readKeyObjectSelection(
      parseDicom(fixtureFile(all, 'manifest-retrieve-urls.dcm')),
    );
    expect(document.patientId).to.equal('1234567890123');
    expect(document.issuerOfPatientId).to.equal('1.2.250.1.213.1.4.10');
    expect(plain(document.references)).to.deep.equal(expected.references);
    expect(document.references.map((r) => r.frames)).to.deep.equal([[], [], [1, 3]]);
    for (const reference of document.references)
      expect(reference.retrieve).to.deep.equal({
        url: `${expected.retrieveRoot}/studies/${reference.studyInstanceUid}/series/${reference.seriesInstanceUid}`,
        aeTitle: expected.retrieveAeTitle,
        locationUid: expected.retrieveLocationUid,
      });
  });

  it('tells rejection notes (IHE IOCM) from key image notes', async () => {
    const all = await kosFixtures();
    const rejection = readKeyObjectSelection(
      parseDicom(fixtureFile(all, 'rejection-current-ct.dcm')),
    );
    const keyImages = readKeyObjectSelection(
      parseDicom(fixtureFile(all, 'key-images-current-ct.dcm')),
    );
    expect(isRejectionNote(rejection.title)).to.equal(true);
    expect(isRejectionNote(keyImages.title)).to.equal(false);
    expect(keyImages.title).to.deep.equal(KeyObjectTitles.ofInterest);
  });

  it('refuses a document whose content references an instance its evidence does not list', async () => {
    const all = await kosFixtures();
    const broken = parseDicom(fixtureFile(all, 'broken-reference.dcm'));
    expect(() => readKeyObjectSelection(broken))
      .to.throw(KeyObjectSelectionError)
      .with.property('code', 'reference-not-in-evidence');
  });

  it('refuses an image, and a KOS whose evidence holds a UID that is not one, naming no value', async () => {
    const all = await kosFixtures();
    const image = await instanceMetadata(all.manifest.keyImages.references[0]!);
    expect(() => readKeyObjectSelection(image))
      .to.throw(KeyObjectSelectionError)
      .with.property('code', 'not-key-object-selection');
    const kos = createKeyObjectSelection({
      patientStudy: image,
      items: [all.manifest.keyImages.references[0]!],
    });
    const json = JSON.parse(
      JSON.stringify(datasetToDicomJson(kos)).replace(
        all.manifest.keyImages.references[0]!.seriesInstanceUid,
        '1.2.3/../../studies',
      ),
    ) as unknown;
    let caught: unknown;
    try {
      readKeyObjectSelection(datasetFromDicomJson(json));
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(KeyObjectSelectionError);
    expect((caught as KeyObjectSelectionError).code).to.equal('invalid-uid');
    expect((caught as Error).message).not.to.contain('studies');
  });

  it('writes an "Of Interest" KOS across two studies that dciodvfy and dsrdump accept, and reads it back', async () => {
    const all = await kosFixtures();
    const [current1, current2, prior] = all.manifest.manifestTwoStudies.references;
    const cine = all.manifest.drimbox.references[2]!;
    const patientStudy = await instanceMetadata(current1!);
    const items: KeyObjectSelectionItem[] = [
      current1!,
      current2!,
      prior!,
      { ...cine, frames: [2, 4] },
    ];
    const kos = createKeyObjectSelection({
      patientStudy,
      items,
      description: 'Lésion à revoir <script>',
      observerName: 'LÉGER^Anaïs',
    });
    const bytes = writePart10(kos);
    const { dciodvfy, dsrdump } = await validateDicom(bytes);
    expect(errorLines(dciodvfy.output), dciodvfy.output).to.deep.equal([]);
    expect(dciodvfy.output).to.contain('KeyObjectSelectionDocument');
    expect(dciodvfy.output).not.to.contain('not present in standard DICOM IOD');
    expect(dsrdump.status, dsrdump.output).to.equal(0);
    expect(errorLines(dsrdump.output), dsrdump.output).to.deep.equal([]);
    expect(dsrdump.output).to.contain('<CONTAINER:(113000,DCM,"Of Interest")=SEPARATE>');
    expect(dsrdump.output).to.contain(
      '<contains TEXT:(113012,DCM,"Key Object Description")="Lésion à revoir <script>">',
    );
    expect(dsrdump.output).to.contain(
      '<has obs context PNAME:(121008,DCM,"Person Observer Name")="LÉGER^Anaïs">',
    );
    for (const item of items) expect(dsrdump.output).to.contain(item.sopInstanceUid);
    expect(dsrdump.output).to.contain(`${cine.sopInstanceUid}",2,4)`);
    expect(dsrdump.output).to.contain(`#${all.manifest.patient.patientId}`);

    const read = readKeyObjectSelection(parseDicom(bytes));
    expect(read.title).to.deep.equal(KeyObjectTitles.ofInterest);
    expect(read.description).to.equal('Lésion à revoir <script>');
    expect(read.studyInstanceUid).to.equal(all.manifest.currentCt);
    expect(read.patientId).to.equal(all.manifest.patient.patientId);
    expect(plain(read.references)).to.deep.equal(
      items.map((item) => ({ ...item, frames: [...(item.frames ?? [])] })),
    );
  });

  it('writes a Retrieve URL on the series that live on another source', async () => {
    const all = await kosFixtures();
    const [current, , prior] = all.manifest.manifestTwoStudies.references;
    const remote = `https://second.example/dicom-web/studies/${prior!.studyInstanceUid}/series/${prior!.seriesInstanceUid}`;
    const kos = createKeyObjectSelection({
      patientStudy: await instanceMetadata(current!),
      items: [current!, { ...prior!, retrieveUrl: remote }],
      title: KeyObjectTitles.manifest,
    });
    const bytes = writePart10(kos);
    const { dciodvfy } = await validateDicom(bytes);
    expect(errorLines(dciodvfy.output), dciodvfy.output).to.deep.equal([]);
    const read = readKeyObjectSelection(parseDicom(bytes));
    expect(read.title).to.deep.equal(KeyObjectTitles.manifest);
    expect(read.references.map((r) => r.retrieve)).to.deep.equal([{}, { url: remote }]);
  });

  it('refuses to write a KOS that selects nothing or names a malformed UID', async () => {
    const all = await kosFixtures();
    const current = all.manifest.keyImages.references[0]!;
    const patientStudy = await instanceMetadata(current);
    expect(() => createKeyObjectSelection({ patientStudy, items: [] })).to.throw(
      KeyObjectWriteError,
    );
    expect(() =>
      createKeyObjectSelection({
        patientStudy,
        items: [{ ...current, sopInstanceUid: '1.2.3/x' }],
      }),
    ).to.throw(KeyObjectWriteError);
  });
});
