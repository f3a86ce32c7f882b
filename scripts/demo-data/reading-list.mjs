/**
 * The demo's screening reading list (issue 16): five fictional women of the organised breast
 * screening programme, each with this round's four-view mammogram (November 2026) and, but for
 * the woman at her first round, the previous round's two years earlier (the programme's interval).
 * Three studies already hold the first reader's (L1) reading as a TID 4200 Breast Imaging Report
 * (series-readings.mjs); one current MLO is technically insufficient (badly positioned); one
 * breast holds a new mass that the first reading did not see. Names are Caribbean trees, IDs and
 * the screening centre invented: any resemblance to real people is coincidental.
 */
import { uidFor } from './uid.mjs';

/**
 * @typedef {{ acr: 0 | 1 | 2 | 3 | 4 | 5, composition: 'A' | 'B' | 'C' | 'D' }} BreastReading
 * @typedef {{ right: BreastReading, left: BreastReading, outcome: 'normal', date: string, time: string,
 *   text?: string }} FirstReading as the src/dicom/breast-reading.ts model has it, with its date
 * @typedef {{ PatientName: string, PatientID: string, IssuerOfPatientID: string, PatientBirthDate: string,
 *   PatientSex: string }} Patient
 * @typedef {{ anatomySeed: number, glandularity: number, mass?: 'L' | 'R', badPositioning?: 'LMLO' | 'RMLO' }} Anatomy
 * @typedef {{ date: string, time: string, accession: string }} Visit
 * @typedef {{ name: string, patient: Patient, current: Visit, prior?: Visit, anatomy: Anatomy,
 *   firstReading?: FirstReading }} ReadingCase
 */

const ISSUER = 'ILES-SANTE';
const DESCRIPTION = 'MAMMOGRAPHIE DE DÉPISTAGE ORGANISÉ';

/** The first reader, as the screening centre knows them (written in the SR's observer context). */
export const FIRST_READER = Object.freeze({
  name: 'ROUCOU^Danielle^^Dr',
  loginName: 'droucou',
  organization: 'Cabinet de radiologie du Vent (L1)',
});

/** @type {readonly ReadingCase[]} */
export const READING_CASES = Object.freeze([
  {
    name: 'balata',
    patient: patient('BALATA^Josiane', '971-000201', '19640923'),
    current: { date: '20261117', time: '091000', accession: 'DO26111700012' },
    prior: { date: '20241112', time: '101500', accession: 'DO24111200031' },
    anatomy: { anatomySeed: 5101, glandularity: -0.08 },
    firstReading: {
      right: { acr: 1, composition: 'B' },
      left: { acr: 1, composition: 'B' },
      outcome: 'normal',
      date: '20261119',
      time: '143200',
    },
  },
  {
    name: 'mapou',
    patient: patient('MAPOU^Huguette', '971-000202', '19610305'),
    current: { date: '20261118', time: '103000', accession: 'DO26111800027' },
    prior: { date: '20241114', time: '094500', accession: 'DO24111400018' },
    anatomy: { anatomySeed: 5202, glandularity: 0, badPositioning: 'LMLO' },
    // The first reader read it normal and did not flag the left MLO.
    firstReading: {
      right: { acr: 1, composition: 'B' },
      left: { acr: 1, composition: 'B' },
      outcome: 'normal',
      date: '20261120',
      time: '101500',
    },
  },
  {
    name: 'flamboyant',
    patient: patient('FLAMBOYANT^Édith', '971-000203', '19760611'),
    // 50 this year: her first round, no prior.
    current: { date: '20261119', time: '141500', accession: 'DO26111900044' },
    anatomy: { anatomySeed: 5303, glandularity: 0.12 },
    firstReading: {
      right: { acr: 2, composition: 'C' },
      left: { acr: 1, composition: 'C' },
      outcome: 'normal',
      date: '20261123',
      time: '091000',
      text: 'Microcalcifications rondes éparses bénignes du sein droit.',
    },
  },
  {
    name: 'acajou',
    patient: patient('ACAJOU^Sylviane', '971-000204', '19590118'),
    current: { date: '20261123', time: '084500', accession: 'DO26112300009' },
    prior: { date: '20241119', time: '111000', accession: 'DO24111900052' },
    // A new mass in the left breast; no first reading in the archive (read on film).
    anatomy: { anatomySeed: 5404, glandularity: -0.2, mass: 'L' },
  },
  {
    name: 'gommier',
    patient: patient('GOMMIER^Marie-Claude', '971-000205', '19700827'),
    current: { date: '20261124', time: '160000', accession: 'DO26112400061' },
    prior: { date: '20241121', time: '153000', accession: 'DO24112100047' },
    anatomy: { anatomySeed: 5505, glandularity: 0.3 },
  },
]);

/**
 * @param {string} name @param {string} id @param {string} birthDate
 * @returns {Patient}
 */
function patient(name, id, birthDate) {
  return {
    PatientName: name,
    PatientID: id,
    IssuerOfPatientID: ISSUER,
    PatientBirthDate: birthDate,
    PatientSex: 'F',
  };
}

/**
 * The studies of the reading list in the study plan's shape (study-plan.mjs), named
 * `<case>Current` and `<case>Prior`, each carrying its patient and anatomy.
 * @returns {Record<string, import('./study-plan.mjs').Study>}
 */
export function readingStudies() {
  /** @type {Record<string, import('./study-plan.mjs').Study>} */
  const studies = {};
  for (const item of READING_CASES) {
    for (const visit of /** @type {const} */ (['current', 'prior'])) {
      const when = item[visit];
      if (when === undefined) continue;
      const key = `reading/${item.name}/${visit}`;
      studies[`${item.name}${visit === 'current' ? 'Current' : 'Prior'}`] = {
        key,
        visit,
        date: when.date,
        time: when.time,
        accession: when.accession,
        studyId: when.accession.slice(-5),
        description: DESCRIPTION,
        referring: '', // Type 2: a screening invitation has no referring physician
        uid: uidFor(`${key}/study`),
        patient: item.patient,
        anatomy: item.anatomy,
      };
    }
  }
  return studies;
}
