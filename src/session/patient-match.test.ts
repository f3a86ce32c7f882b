import { expect } from '@open-wc/testing';
import { datasetFromDicomJson } from '../dicom/json-dataset.js';
import type { DicomJsonObject } from '../dicomweb/dicom-json-values.js';
import {
  checkDatasetPatient,
  PatientMismatchError,
  seriesPatient,
  studyMatches,
} from './patient-match.js';

function instance(patientId: string, issuer?: string): DicomJsonObject {
  return {
    '00100020': { vr: 'LO', Value: [patientId] },
    ...(issuer === undefined ? {} : { '00100021': { vr: 'LO', Value: [issuer] } }),
  };
}

function refused(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('patient matching', () => {
  it('keeps a study only for the exact Patient ID, and the same issuer when one is asked for', () => {
    const study = (patientId: string, issuer?: string) =>
      datasetFromDicomJson(instance(patientId, issuer));
    const expected = { patientId: 'MM-1', issuer: 'ISSUER-A' };
    expect(studyMatches(study('MM-1 ', 'ISSUER-A'), expected), 'LO padding').to.equal(true);
    expect(studyMatches(study('mm-1', 'ISSUER-A'), expected), 'case').to.equal(false);
    expect(studyMatches(study('MM-10', 'ISSUER-A'), expected), 'prefix').to.equal(false);
    expect(studyMatches(study('MM-1', 'ISSUER-B'), expected), 'other issuer').to.equal(false);
    expect(studyMatches(study('MM-1'), expected), 'issuer missing').to.equal(false);
    expect(studyMatches(study('MM-1', 'ISSUER-B'), { patientId: 'MM-1' })).to.equal(true);
  });

  it('names the patient of a series from its own instances, the issuer from the study when they omit it', () => {
    expect(
      seriesPatient([instance('MM-1', 'ISSUER-A'), instance('MM-1')], { patientId: 'MM-1' }),
    ).to.deep.equal({ patientId: 'MM-1', issuer: 'ISSUER-A' });
    expect(
      seriesPatient([instance('MM-1')], { patientId: 'MM-1', issuer: 'ISSUER-A' }),
    ).to.deep.equal({ patientId: 'MM-1', issuer: 'ISSUER-A' });
    expect(seriesPatient([instance('MM-2', 'X')], { patientId: '' })).to.deep.equal({
      patientId: 'MM-2',
      issuer: 'X',
    });
  });

  it('refuses a series in which any instance names another patient or another issuer', () => {
    const expected = { patientId: 'MM-1', issuer: 'ISSUER-A' };
    for (const instances of [
      [instance('MM-1', 'ISSUER-A'), instance('MM-2', 'ISSUER-A')],
      [instance('MM-1', 'ISSUER-B')],
      [instance('MM-1'), instance('MM-1', 'ISSUER-B')],
    ])
      expect(refused(() => seriesPatient(instances, expected))).to.be.instanceOf(
        PatientMismatchError,
      );
    // With no patient expected, the instances must still agree with one another.
    const mixed = [instance('MM-1', 'X'), instance('MM-1', 'Y')];
    expect(refused(() => seriesPatient(mixed, { patientId: '' }))).to.be.instanceOf(
      PatientMismatchError,
    );
    expect((refused(() => seriesPatient(mixed, expected)) as Error).message).not.to.include('MM-1');
  });

  it('accepts a series naming one of the aliases a manifest asserts, exactly, and nothing else', () => {
    // A DRIMbox manifest: the INS as Patient ID, the archive's local ID in Other Patient IDs.
    const expected = {
      patientId: '268049710504236',
      issuer: '1.2.250.1.213.1.4.10',
      aliases: [{ patientId: '971-000123', issuer: 'ILES-SANTE' }],
    };
    expect(seriesPatient([instance('971-000123', 'ILES-SANTE')], expected)).to.deep.equal({
      patientId: '971-000123',
      issuer: 'ILES-SANTE',
    });
    expect(seriesPatient([instance('268049710504236')], expected).patientId).to.equal(
      '268049710504236',
    );
    for (const instances of [
      [instance('971-000123', 'OTHER-ISSUER')],
      [instance('971-00012', 'ILES-SANTE')],
      // Both identifiers in one series: two patients as far as the series can tell.
      [instance('971-000123', 'ILES-SANTE'), instance('268049710504236', '1.2.250.1.213.1.4.10')],
    ])
      expect(refused(() => seriesPatient(instances, expected))).to.be.instanceOf(
        PatientMismatchError,
      );
    expect(
      refused(() => {
        checkDatasetPatient(datasetFromDicomJson(instance('971-000123')), expected);
      }),
    ).to.equal(undefined);
    expect(
      refused(() => {
        checkDatasetPatient(datasetFromDicomJson(instance('971-999')), expected);
      }),
    ).to.be.instanceOf(PatientMismatchError);
  });
});
