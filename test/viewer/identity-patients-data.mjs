/**
 * One patient (Patient ID P, issuer ILES-TEST) whose archive holds deliberately mislabelled
 * studies (tiny-study.mjs): the Patient module right (with the INS in Other Patient IDs
 * Sequence), right but in lower case without accents, a wrong first given name, a wrong birth date
 * and sex (an MR), a wrong INS. One series of two 16×16 images each.
 */
import { writeTinyStudy } from './tiny-study.mjs';

export const INS_TEST_OID = '1.2.250.1.213.1.4.10';
/** Two INS matricules with right keys (97 − body mod 97). */
export const INS = '275067511200153';
export const OTHER_INS = '275067511200252';

/** The launch identity the right studies match. */
export const IDENTITY = Object.freeze({
  birthName: 'DURAND',
  givenNames: ['Élodie', 'Marie'],
  birthDate: '19750615',
  sex: 'F',
  ins: { value: INS, system: INS_TEST_OID, kind: 'INS-NIR-TEST', qualified: true },
});

/** @param {(bytes: Uint8Array) => Promise<void>} store uploads one Part 10 file */
export async function makeIdentityPatients(store) {
  const root = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  let counter = 0;
  const uid = () => `${root}.${++counter}`;
  const patientId = `ID-${String(Date.now()).slice(-8)}`;
  const issuer = 'ILES-TEST';
  const study = async (date, modality, patient) => {
    const written = await writeTinyStudy(store, {
      uid,
      patient: {
        PatientName: 'DURAND^Élodie Marie',
        PatientID: patientId,
        IssuerOfPatientID: issuer,
        PatientBirthDate: '19750615',
        PatientSex: 'F',
        OtherPatientIDsSequence: [{ PatientID: INS, IssuerOfPatientID: INS_TEST_OID }],
        ...patient,
      },
      date,
      modality,
      accession: `IV${String(counter)}`,
    });
    return { study: written.study, series: written.series[0] };
  };
  return {
    patientId,
    issuer,
    right: await study('20260105', 'CT', {}),
    caseAndAccents: await study('20250105', 'CT', { PatientName: 'durand^elodie marie' }),
    wrongGiven: await study('20240105', 'CT', { PatientName: 'DURAND^Éloïse' }),
    wrongBirthAndSex: await study('20230105', 'MR', {
      PatientBirthDate: '19750616',
      PatientSex: 'M',
    }),
    wrongIns: await study('20220105', 'CT', {
      OtherPatientIDsSequence: [{ PatientID: OTHER_INS, IssuerOfPatientID: INS_TEST_OID }],
    }),
  };
}
