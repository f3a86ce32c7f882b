/**
 * The Breast Imaging Report (TID 4200) and the "Rejected for Quality Reasons" KOS we write for a
 * screening reading, checked by independent validators (dciodvfy against the Comprehensive SR and
 * KOS IODs, dsrdump on the content tree), then stored in Orthanc with STOW-RS and read back
 * through DICOMweb into the same reading.
 */
import { expect } from '@open-wc/testing';
import { readBreastImagingReport } from '../../src/dicom/breast-imaging-report-reader.js';
import { KeyObjectTitles, readKeyObjectSelection } from '../../src/dicom/key-object-selection.js';
import { datasetFromDicomJson } from '../../src/dicom/json-dataset.js';
import { parseDicom } from '../../src/dicom/parse-dicom.js';
import { writePart10 } from '../../src/dicom/part10-writer.js';
import {
  findScreeningReadings,
  storeScreeningReading,
  writeScreeningReading,
} from '../../src/session/screening-reading-store.js';
import { requireRig } from '../dicomweb/dicomweb-fixtures.js';
import { deleteFromOrthanc, errorLines, validateDicom } from '../kos/kos-fixtures.js';
import { client, currentMammogram, sampleReading, view } from './screening-fixtures.js';

const observer = { name: 'LÉGER^Anaïs', loginName: 'aleger', organization: 'CRCDC Île-de-France' };

describe('Screening reading as a DICOM SR (TID 4200) and KOS', function () {
  const stored: string[] = [];
  before(async function () {
    await requireRig(this);
  });
  after(async () => {
    for (const sopInstanceUid of stored) await deleteFromOrthanc(sopInstanceUid);
  });

  it('writes a Breast Imaging Report that dciodvfy and dsrdump accept, with the codes of CID 6027, 6001, 6021, 6019, 6041', async () => {
    const mammo = await currentMammogram();
    const reading = sampleReading(mammo);
    const { report } = writeScreeningReading({
      reading,
      patientStudy: view(mammo, 'RCC').dataset,
      observer,
      language: 'fr',
    });
    const { dciodvfy, dsrdump } = await validateDicom(writePart10(report));
    expect(errorLines(dciodvfy.output), dciodvfy.output).to.deep.equal([]);
    expect(dciodvfy.output).to.contain('ComprehensiveSR');
    expect(dciodvfy.output).not.to.contain('not present in standard DICOM IOD');
    expect(dsrdump.status, dsrdump.output).to.equal(0);
    expect(errorLines(dsrdump.output), dsrdump.output).to.deep.equal([]);
    const out = dsrdump.output;
    expect(out).to.contain('<CONTAINER:(111400,DCM,"Breast Imaging Report")=SEPARATE>');
    expect(out).to.contain(
      '(121049,DCM,"Language of Content Item and Descendants")=(fr,RFC5646,"French")',
    );
    expect(out).to.contain(
      '<has obs context PNAME:(121008,DCM,"Person Observer Name")="LÉGER^Anaïs">',
    );
    expect(out).to.contain('(111005,DCM,"Assessment Category")=(397140005,SCT,"1 - Negative")');
    expect(out).to.contain('(111005,DCM,"Assessment Category")=(397144001,SCT,"4 - Suspicious")');
    expect(out).to.contain(
      '(129715009,SCT,"Breast composition")=(129717001,SCT,"Scattered fibroglandular densities")',
    );
    expect(out).to.contain('(272741003,SCT,"Laterality")=(73056007,SCT,"Right breast")');
    expect(out).to.contain('(121071,DCM,"Finding")=(129788004,SCT,"Mammographic breast mass")');
    expect(out).to.contain(
      '(111048,DCM,"Quadrant location")=(76365002,SCT,"Upper outer quadrant of breast")',
    );
    expect(out).to.contain(
      '(111014,DCM,"Clockface or region")=(129773009,SCT,"2 o\'clock position")',
    );
    expect(out).to.contain('(111101,DCM,"Image Quality")=(111209,DCM,"Positioning")');
    expect(out).to.contain('(111101,DCM,"Image Quality")=(111210,DCM,"Motion blur")');
    expect(out).to.contain(
      '(111053,DCM,"Recommended Follow-up")=(111591,DCM,"Recall for imaging findings")',
    );
    expect(out).to.contain(
      'SCOORD:(111030,DCM,"Image Region")=(ELLIPSE,100.5/200,140.5/200,120.5/185,120.5/215)',
    );
    expect(out).to.contain('SCOORD:(111030,DCM,"Image Region")=(POINT,310.25/122.75)');
    expect(out).to.contain(
      '<contains TEXT:(121073,DCM,"Impression")="Masse QSE gauche <b>à revoir</b>">',
    );
    expect(out).to.contain(
      `<selected from IMAGE:=(DXm image,"${view(mammo, 'LCC').image.sopInstanceUid}")>`,
    );
    // Read back from the file we wrote: the same reading.
    const read = readBreastImagingReport(parseDicom(writePart10(report)));
    expect(read).to.deep.include(reading);
  });

  it('writes the insufficient views as a "Rejected for Quality Reasons" KOS that dciodvfy accepts', async () => {
    const mammo = await currentMammogram();
    const { rejection } = writeScreeningReading({
      reading: sampleReading(mammo),
      patientStudy: view(mammo, 'RCC').dataset,
      observer,
    });
    expect(rejection).to.not.equal(undefined);
    const bytes = writePart10(rejection!);
    const { dciodvfy, dsrdump } = await validateDicom(bytes);
    expect(errorLines(dciodvfy.output), dciodvfy.output).to.deep.equal([]);
    expect(dciodvfy.output).to.contain('KeyObjectSelectionDocument');
    expect(dsrdump.status, dsrdump.output).to.equal(0);
    expect(dsrdump.output).to.contain(
      '<CONTAINER:(113001,DCM,"Rejected for Quality Reasons")=SEPARATE>',
    );
    expect(dsrdump.output).to.contain('RMLO: Positioning, Motion blur');
    const kos = readKeyObjectSelection(parseDicom(bytes));
    expect(kos.title).to.deep.equal(KeyObjectTitles.rejectedForQualityReasons);
    expect(kos.references.map((reference) => reference.sopInstanceUid)).to.deep.equal([
      view(mammo, 'RMLO').image.sopInstanceUid,
    ]);
  });

  it('writes no KOS when every view is adequate', async () => {
    const mammo = await currentMammogram();
    const reading = sampleReading(mammo);
    const { rejection } = writeScreeningReading({
      reading: {
        ...reading,
        views: reading.views.map((item) => ({ ...item, quality: 'adequate', reasons: [] })),
      },
      patientStudy: view(mammo, 'RCC').dataset,
      observer,
    });
    expect(rejection).to.equal(undefined);
  });

  it('stores the report and the KOS in Orthanc with STOW-RS and reads the same reading back through DICOMweb', async () => {
    const mammo = await currentMammogram();
    const reading = sampleReading(mammo);
    const written = writeScreeningReading({
      reading,
      patientStudy: view(mammo, 'RCC').dataset,
      observer,
    });
    const result = await storeScreeningReading(client, written);
    stored.push(result.report.sopInstanceUid, result.rejection!.sopInstanceUid);
    expect(result.report.studyInstanceUid).to.equal(mammo.studyInstanceUid);
    const readings = await findScreeningReadings(client, mammo.studyInstanceUid);
    const mine = readings.find((item) => item.sopInstanceUid === result.report.sopInstanceUid);
    expect(mine, 'the stored report is found in the study').to.not.equal(undefined);
    expect(mine).to.deep.include(reading);
    const [kosJson] = await client.retrieveInstanceMetadata(
      result.rejection!.studyInstanceUid,
      result.rejection!.seriesInstanceUid,
      result.rejection!.sopInstanceUid,
    );
    const kos = readKeyObjectSelection(datasetFromDicomJson(kosJson));
    expect(kos.title).to.deep.equal(KeyObjectTitles.rejectedForQualityReasons);
    expect(kos.references[0]?.seriesInstanceUid).to.equal(
      view(mammo, 'RMLO').image.seriesInstanceUid,
    );
  });
});
