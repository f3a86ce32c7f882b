/**
 * Three patients a loose archive confuses, written as Part 10 with the demo data's writer: the
 * patient asked for (Patient ID P issued by ISSUER-A: a CT study of two series), a twin (the same
 * Patient ID P issued by ISSUER-B) and a near namesake (P in lower case, no issuer), one CT study
 * each. The Buffer shim of unseen-patient-data.mjs makes the writer run in a page.
 */
import { writePart10 } from '../../scripts/demo-data/part10-writer.mjs';
import './unseen-patient-data.mjs';

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2';

/**
 * @param {(bytes: Uint8Array) => Promise<void>} store uploads one Part 10 file
 */
export async function makeMismatchPatients(store) {
  const root = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  let counter = 0;
  const uid = () => `${root}.${++counter}`;
  const patientId = `MM-${String(Date.now()).slice(-8)}`;
  const ctStudy = async (
    /** @type {string} */ id,
    /** @type {string | undefined} */ issuer,
    seriesCount,
  ) => {
    const study = uid();
    const series = [];
    for (let s = 0; s < seriesCount; s++) {
      const seriesUid = uid();
      series.push(seriesUid);
      for (let index = 0; index < 2; index++) {
        const values = new Uint16Array(16 * 16).map((_, i) => (i * 5 + index * 97 + s * 31) % 3000);
        const bytes = new Uint8Array(values.buffer);
        const dataset = {
          SpecificCharacterSet: 'ISO_IR 192',
          PatientName: 'HOMONYME^Test',
          PatientID: id,
          ...(issuer ? { IssuerOfPatientID: issuer } : {}),
          StudyInstanceUID: study,
          StudyDate: '20260101',
          StudyTime: '090000',
          StudyDescription: 'CT TEST',
          AccessionNumber: `MM${String(counter)}`,
          SOPClassUID: CT_IMAGE,
          SOPInstanceUID: uid(),
          Modality: 'CT',
          SeriesInstanceUID: seriesUid,
          SeriesNumber: s + 1,
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
    }
    return { study, series };
  };
  return {
    patientId,
    issuer: 'ISSUER-A',
    own: await ctStudy(patientId, 'ISSUER-A', 2),
    twin: await ctStudy(patientId, 'ISSUER-B', 1),
    namesake: await ctStudy(patientId.toLowerCase(), undefined, 1),
  };
}
