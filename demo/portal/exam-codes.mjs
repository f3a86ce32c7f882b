// The identifier a patient is given after an exam (printed on the appointment letter or the
// exam's receipt): the GP types it in the portal, which resolves it, on its server, to the
// patient and the exam. Codes are random (12 characters of an alphabet without look-alikes,
// about 60 bits), compared case-insensitively without separators, and each browser session gets
// a few wrong guesses only.
import { randomInt } from 'node:crypto';
import { PATIENT, STUDIES } from '../../scripts/demo-data/study-plan.mjs';

/** @typedef {import('../../src/launch/launch-identity.js').LaunchIdentity} LaunchIdentity */
/** @typedef {import('../../src/launch/patient-identifier.js').PatientIdentifier} PatientIdentifier */
/** @typedef {{ patient: PatientIdentifier, studyInstanceUid: string, identity: LaunchIdentity }} Exam */

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** @param {string} code */
function normalise(code) {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Formats 12 characters as XXXX-XXXX-XXXX. @param {string} code */
function format(code) {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export function createExamCodes() {
  /** @type {Map<string, Exam>} */
  const exams = new Map();
  return {
    /**
     * Issues a code for an exam (what the imaging centre's system does after the exam).
     * @param {Exam} exam @param {string} [code] a fixed code (the demo's documented ones)
     */
    issue(exam, code) {
      const value =
        code === undefined
          ? Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
          : normalise(code);
      exams.set(value, exam);
      return format(value);
    },
    /** @param {string} code @returns {Exam | undefined} */
    resolve(code) {
      return exams.get(normalise(code));
    },
  };
}

/**
 * The demo patient's identity as the regional identity server holds it: qualified, with an INS
 * of the INSi test authority (the data is fictitious, so never a production NIR OID).
 * @type {LaunchIdentity}
 */
export const DEMO_IDENTITY = Object.freeze({
  birthName: 'JOSEPH',
  givenNames: ['Marie-Line'],
  birthDate: PATIENT.PatientBirthDate,
  sex: 'F',
  birthplaceCode: '97105',
  ins: {
    value: '268049710504236',
    system: '1.2.250.1.213.1.4.10',
    kind: 'INS-NIR-TEST',
    qualified: true,
  },
});

/** The demo's documented codes (README "Portal integration"): fictitious data only. */
export const DEMO_CODES = Object.freeze({ ct: '7KQ4-MX2P-R9TD', mg: 'W3HN-8FZC-5LJB' });

/** @param {ReturnType<typeof createExamCodes>} codes */
export function issueDemoCodes(codes) {
  const patient = { id: PATIENT.PatientID, issuer: { namespaceId: PATIENT.IssuerOfPatientID } };
  codes.issue(
    { patient, studyInstanceUid: STUDIES.currentCt.uid, identity: DEMO_IDENTITY },
    DEMO_CODES.ct,
  );
  codes.issue(
    { patient, studyInstanceUid: STUDIES.currentMg.uid, identity: DEMO_IDENTITY },
    DEMO_CODES.mg,
  );
}
