/**
 * Who and what the demo data holds: one fictional patient, a current visit
 * (2026-11-20) and a prior one a year earlier (2025-11-18); the screening
 * reading list's women are in reading-list.mjs. Names, IDs and institutions
 * are invented; any resemblance to real people is coincidental.
 */
import { uidFor } from './uid.mjs';

/** @typedef {import('./part10-writer.mjs').DataSet} DataSet */

export const PATIENT = Object.freeze({
  PatientName: 'JOSEPH^Marie-Line',
  PatientID: '971-000123',
  IssuerOfPatientID: 'ILES-SANTE',
  PatientBirthDate: '19680412',
  PatientSex: 'F',
});

/**
 * @typedef {{ key: string, visit: 'current' | 'prior', date: string, time: string, accession: string,
 *   studyId: string, description: string, referring: string, uid: string,
 *   patient?: typeof PATIENT | import('./reading-list.mjs').Patient,
 *   anatomy?: import('./reading-list.mjs').Anatomy }} Study patient: another woman's (the screening
 *   reading list, reading-list.mjs), else the demo patient; anatomy: her mammograms' phantom
 */

/** @param {Omit<Study, 'uid'>} study @returns {Study} */
const study = (study) => ({ ...study, uid: uidFor(`${study.key}/study`) });

export const STUDIES = Object.freeze({
  currentCt: study({
    key: 'current/ct',
    visit: 'current',
    date: '20261120',
    time: '101500',
    accession: 'IS26112000415',
    studyId: '415',
    description: 'TDM THORAX-ABDOMEN-PELVIS INJECTÉ',
    referring: 'BAPTISTE^Jean-Claude^^Dr',
  }),
  currentMg: study({
    key: 'current/mg',
    visit: 'current',
    date: '20261120',
    time: '083000',
    accession: 'IS26112000398',
    studyId: '398',
    description: 'MAMMOGRAPHIE BILATÉRALE DE DÉPISTAGE',
    referring: 'NÉRÉE^Sylvie^^Dr',
  }),
  currentUs: study({
    key: 'current/us',
    visit: 'current',
    date: '20261120',
    time: '113000',
    accession: 'IS26112000421',
    studyId: '421',
    description: 'ÉCHOGRAPHIE ABDOMINALE',
    referring: 'BAPTISTE^Jean-Claude^^Dr',
  }),
  currentCr: study({
    key: 'current/cr',
    visit: 'current',
    date: '20261120',
    time: '081000',
    accession: 'IS26112000390',
    studyId: '390',
    description: 'RADIOGRAPHIE DU THORAX DE FACE',
    referring: 'BAPTISTE^Jean-Claude^^Dr',
  }),
  priorCt: study({
    key: 'prior/ct',
    visit: 'prior',
    date: '20251118',
    time: '143000',
    accession: 'IS25111800877',
    studyId: '877',
    description: 'TDM THORAX-ABDOMEN-PELVIS INJECTÉ',
    referring: 'BAPTISTE^Jean-Claude^^Dr',
  }),
  priorMg: study({
    key: 'prior/mg',
    visit: 'prior',
    date: '20251118',
    time: '091500',
    accession: 'IS25111800851',
    studyId: '851',
    description: 'MAMMOGRAPHIE BILATÉRALE DE DÉPISTAGE',
    referring: 'NÉRÉE^Sylvie^^Dr',
  }),
  priorUs: study({
    key: 'prior/us',
    visit: 'prior',
    date: '20251118',
    time: '160000',
    accession: 'IS25111800884',
    studyId: '884',
    description: 'ÉCHOGRAPHIE ABDOMINALE',
    referring: 'BAPTISTE^Jean-Claude^^Dr',
  }),
});

/**
 * Patient, study and series level attributes every instance of a series carries.
 * @param {Study} study
 * @param {{ key: string, number: number, description: string, modality: string, bodyPart?: string }} series
 * @returns {DataSet}
 */
export function seriesAttributes(study, series) {
  return {
    SpecificCharacterSet: 'ISO_IR 192', // UTF-8, PS3.3 C.12.1.1.2: accents in names and reports
    ...(study.patient ?? PATIENT),
    StudyInstanceUID: study.uid,
    StudyDate: study.date,
    StudyTime: study.time,
    AccessionNumber: study.accession,
    StudyID: study.studyId,
    StudyDescription: study.description,
    ReferringPhysicianName: study.referring,
    InstitutionName: 'Centre Hospitalier des Îles du Vent',
    Manufacturer: 'Courbaril',
    ManufacturerModelName: 'Fantôme de démonstration',
    Modality: series.modality,
    SeriesInstanceUID: seriesUid(study, series.key),
    SeriesNumber: series.number,
    SeriesDescription: series.description,
    SeriesDate: study.date,
    SeriesTime: study.time,
    ...(series.bodyPart ? { BodyPartExamined: series.bodyPart } : {}),
  };
}

/** @param {Study} study @param {string} seriesKey */
export function seriesUid(study, seriesKey) {
  return uidFor(`${study.key}/${seriesKey}/series`);
}

/** @param {Study} study @param {string} seriesKey @param {number} instanceNumber */
export function instanceUid(study, seriesKey, instanceNumber) {
  return uidFor(`${study.key}/${seriesKey}/${instanceNumber}/instance`);
}

/** Studies of one run; `small` keeps every kind but fewer and smaller images, for tests. */
export function imageSizes(/** @type {boolean} */ small) {
  return small
    ? {
        ctSlices: 12,
        ctSize: 64,
        mgColumns: 256,
        mgRows: 320,
        usWidth: 64,
        usHeight: 48,
        usFrames: 4,
        crColumns: 140,
        crRows: 170,
        readingMgColumns: 256,
        readingMgRows: 320,
      }
    : {
        ctSlices: 128,
        ctSize: 512,
        mgColumns: 2048,
        mgRows: 2560,
        usWidth: 640,
        usHeight: 480,
        usFrames: 16,
        crColumns: 1400,
        crRows: 1700,
        // The reading list's 36 mammograms, smaller than the demo patient's (0.13 mm pixels) so
        // the demo data stays a reasonable download and generation time.
        readingMgColumns: 1536,
        readingMgRows: 1920,
      };
}

/** @typedef {ReturnType<typeof imageSizes>} ImageSizes */
