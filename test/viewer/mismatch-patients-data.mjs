/**
 * Three patients a loose archive confuses: the patient asked for (Patient ID P issued by
 * ISSUER-A: a CT study of two series), a twin (the same Patient ID P issued by ISSUER-B) and a
 * near namesake (P in lower case, no issuer), one CT study each.
 */
import { writeTinyStudy } from './tiny-study.mjs';

/**
 * @param {(bytes: Uint8Array) => Promise<void>} store uploads one Part 10 file
 */
export async function makeMismatchPatients(store) {
  const root = `2.25.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  let counter = 0;
  const uid = () => `${root}.${++counter}`;
  const patientId = `MM-${String(Date.now()).slice(-8)}`;
  const ctStudy = (
    /** @type {string} */ id,
    /** @type {string | undefined} */ issuer,
    /** @type {number} */ seriesCount,
  ) =>
    writeTinyStudy(store, {
      uid,
      patient: {
        PatientName: 'HOMONYME^Test',
        PatientID: id,
        ...(issuer ? { IssuerOfPatientID: issuer } : {}),
      },
      date: '20260101',
      accession: `MM${String(counter)}`,
      seriesCount,
    });
  return {
    patientId,
    issuer: 'ISSUER-A',
    own: await ctStudy(patientId, 'ISSUER-A', 2),
    twin: await ctStudy(patientId, 'ISSUER-B', 1),
    namesake: await ctStudy(patientId.toLowerCase(), undefined, 1),
  };
}
