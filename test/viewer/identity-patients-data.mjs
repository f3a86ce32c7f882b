/**
 * One patient (Patient ID P, issuer ILES-TEST) whose archive holds deliberately mislabelled
 * studies, written as Part 10 with the demo data's writer: the Patient module right (with the INS
 * in Other Patient IDs Sequence), right but in lower case without accents, a wrong first given
 * name, a wrong birth date and sex (an MR), a wrong INS. One series of two 16×16 images each.
 */
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';
import './unseen-patient-data.mjs';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';
const MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4';
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
    const studyUid = uid();
    const series = uid();
    for (let index = 0; index < 2; index++) {
      const values = new Uint16Array(16 * 16).map((_, i) => (i * 7 + index * 97) % 3000);
      const bytes = new Uint8Array(values.buffer);
      const dataset = {
        SpecificCharacterSet: 'ISO_IR 192',
        PatientName: 'DURAND^Élodie Marie',
        PatientID: patientId,
        IssuerOfPatientID: issuer,
        PatientBirthDate: '19750615',
        PatientSex: 'F',
        OtherPatientIDsSequence: [{ PatientID: INS, IssuerOfPatientID: INS_TEST_OID }],
        ...patient,
        StudyInstanceUID: studyUid,
        StudyDate: date,
        StudyTime: '090000',
        StudyDescription: `${modality} TEST`,
        AccessionNumber: `IV${String(counter)}`,
        SOPClassUID: modality === 'MR' ? MR_IMAGE : CT_IMAGE,
        SOPInstanceUID: uid(),
        Modality: modality,
        SeriesInstanceUID: series,
        SeriesNumber: 1,
        InstanceNumber: index + 1,
        ImagePositionPatient: [0, 0, index * 2],
        ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
        PixelSpacing: [1, 1],
        Rows: 16,
        Columns: 16,
        SamplesPerPixel: 1,
        PhotometricInterpretation: 'MONOCHROME2',
        BitsAllocated: 16,
        BitsStored: 12,
        HighBit: 11,
        PixelRepresentation: 0,
      };
      await store(
        new Uint8Array(
          writePart10(dataset, EXPLICIT_LE, { kind: 'native', bytes, frameLength: bytes.length })
            .bytes,
        ),
      );
    }
    return { study: studyUid, series };
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
