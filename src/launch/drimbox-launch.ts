/**
 * The DRIMbox contextual call (ANS, DRIM-M "DRIMbox" reference implementation): a portal or a DMP
 * client POSTs the patient's identity (FHIR-named fields, the INS as identifier) and, optionally,
 * one study; the DRIMbox opens its viewer in that context. The call is strict: a parameter it
 * does not define, or one given empty, is an error, and so is an information flag saying the
 * patient opposed the consultation (then nothing opens).
 */
import { DrimboxLaunchError } from './drimbox-launch-error.js';
import { isDicomUid, isModalityCode, parseBirthDate } from './iid-values.js';
import type { LaunchContext } from './launch-context.js';
import {
  insKindOf,
  isInsMatricule,
  type LaunchIdentity,
  type PatientSex,
} from './launch-identity.js';
import { hasControlCharacter, parseHd, type PatientIdentifier } from './patient-identifier.js';

/** The information flag: the DRIMbox's spelling, and the one of the ANS test tool. */
export const INFORMATION_FLAGS = [
  'InformationEtOppositionConsultation',
  'InformationEtConsentement',
] as const;

const REQUIRED = [
  'Patient.identifier.value',
  'Patient.identifier.system',
  'Patient.name.family',
  'Patient.name.given',
  'Patient.gender',
  'Patient.birthDate',
  'PatientID',
  'PatientIDIssuer',
] as const;
const OPTIONAL = [
  'Address.district',
  'StudyInstanceUID',
  'Modality',
  'AccessionNumber',
  'AccessionNumberIssuer',
  'StudyDate',
  'AnatomicRegion',
  'Situation',
] as const;
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL, ...INFORMATION_FLAGS]);

/** FHIR administrative-gender → DICOM Patient's Sex; `unknown` leaves the trait unset. */
const GENDERS: Readonly<Record<string, PatientSex | null>> = {
  male: 'M',
  female: 'F',
  other: 'O',
  unknown: null,
};

/** LO (PS3.5 6.2): Patient ID, names and free text are at most 64 characters. */
const MAX_LO = 64;
/** SH: Accession Number at most 16 characters. */
const MAX_SH = 16;

/** The fields of a form POST, as the browser or a server's body parser gives them. */
export type DrimboxFields = URLSearchParams | FormData;

/**
 * The launch context of a DRIMbox contextual call. Throws {@link DrimboxLaunchError} naming the
 * field at fault (never its value), or with code `patient-opposed`.
 */
export function launchContextFromDrimbox(fields: DrimboxFields): LaunchContext {
  const values = new Map<string, string>();
  for (const [name, value] of fields.entries()) {
    if (!KNOWN.has(name)) throw new DrimboxLaunchError('unknown-parameter', printable(name));
    if (typeof value !== 'string') throw new DrimboxLaunchError('invalid-value', name);
    if (values.has(name)) throw new DrimboxLaunchError('duplicate-parameter', name);
    if (value.trim() === '') throw new DrimboxLaunchError('empty-parameter', name);
    values.set(name, value.trim());
  }
  const read = (name: string): string | undefined => values.get(name);
  const required = (name: string): string => {
    const value = read(name);
    if (value === undefined) throw new DrimboxLaunchError('missing-parameter', name);
    return value;
  };
  const check = (ok: boolean, name: string): void => {
    if (!ok) throw new DrimboxLaunchError('invalid-value', name);
  };

  checkInformation(values);
  for (const name of REQUIRED) required(name);
  const identity = readIdentity(required, read, check);
  const patientId = required('PatientID');
  check(patientId.length <= MAX_LO && !hasControlCharacter(patientId), 'PatientID');
  const issuer = parseHd(required('PatientIDIssuer'));
  check(issuer !== undefined, 'PatientIDIssuer');
  const patient: PatientIdentifier = issuer ? { id: patientId, issuer } : { id: patientId };

  const studyUid = read('StudyInstanceUID');
  if (studyUid !== undefined) check(isDicomUid(studyUid), 'StudyInstanceUID');
  const accessionNumber = read('AccessionNumber');
  if (accessionNumber !== undefined) {
    check(
      accessionNumber.length <= MAX_SH &&
        !accessionNumber.includes('\\') &&
        !hasControlCharacter(accessionNumber),
      'AccessionNumber',
    );
  }
  const modality = read('Modality')?.toUpperCase();
  if (modality !== undefined) check(isModalityCode(modality), 'Modality');
  const studyDate = read('StudyDate');
  if (studyDate !== undefined) check(parseBirthDate(studyDate) !== undefined, 'StudyDate');
  for (const name of ['AccessionNumberIssuer', 'AnatomicRegion', 'Situation']) {
    const text = read(name);
    if (text !== undefined) check(text.length <= MAX_LO && !hasControlCharacter(text), name);
  }

  const study = studyUid !== undefined || accessionNumber !== undefined;
  return {
    source: 'drimbox',
    requestType: study ? 'STUDY' : 'PATIENT',
    patient,
    identity,
    // A study named by UID is that study; the accession number then only confirms it.
    studyInstanceUids: studyUid === undefined ? [] : [studyUid],
    accessionNumbers:
      studyUid === undefined && accessionNumber !== undefined ? [accessionNumber] : [],
    filter: !study && modality !== undefined ? { modalities: [modality] } : {},
    keyImagesOnly: false,
    diagnosticQuality: undefined,
  };
}

/**
 * Exactly one spelling of the flag, `true` (the patient was informed and did not oppose) or
 * `false` (opposed: the consultation is refused). `1` / `0` are read the same way.
 */
function checkInformation(values: ReadonlyMap<string, string>): void {
  const given = INFORMATION_FLAGS.filter((name) => values.has(name));
  const [name] = given;
  if (name === undefined) throw new DrimboxLaunchError('missing-parameter', INFORMATION_FLAGS[0]);
  if (given.length > 1) throw new DrimboxLaunchError('duplicate-parameter', INFORMATION_FLAGS[0]);
  const flag = values.get(name)?.toLowerCase();
  if (flag === 'false' || flag === '0') throw new DrimboxLaunchError('patient-opposed', name);
  if (flag !== 'true' && flag !== '1') throw new DrimboxLaunchError('invalid-value', name);
}

function readIdentity(
  required: (name: string) => string,
  read: (name: string) => string | undefined,
  check: (ok: boolean, name: string) => void,
): LaunchIdentity {
  const system = insKindOf(required('Patient.identifier.system'));
  check(system !== undefined, 'Patient.identifier.system');
  const matricule = required('Patient.identifier.value').toUpperCase();
  check(isInsMatricule(matricule), 'Patient.identifier.value');
  const birthName = required('Patient.name.family');
  check(isNameText(birthName), 'Patient.name.family');
  // RNIV: the birth given names, space-separated, the first given name first.
  const givenNames = required('Patient.name.given').split(/\s+/);
  check(givenNames.every(isNameText), 'Patient.name.given');
  const gender = GENDERS[required('Patient.gender').toLowerCase()];
  check(gender !== undefined, 'Patient.gender');
  const birthDate = parseBirthDate(required('Patient.birthDate'));
  check(birthDate !== undefined, 'Patient.birthDate');
  // The birthplace is carried as the INSEE code in Address.district (5 characters, 2A/2B Corsica).
  const birthplaceCode = read('Address.district');
  if (birthplaceCode !== undefined)
    check(/^(\d{5}|2[AB]\d{3})$/i.test(birthplaceCode), 'Address.district');
  return {
    birthName,
    givenNames,
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(gender ? { sex: gender } : {}),
    ...(birthplaceCode === undefined ? {} : { birthplaceCode: birthplaceCode.toUpperCase() }),
    // Only a qualified identity may carry its INS in an exchange (Référentiel INS): a caller
    // sending one vouches for its qualification.
    ...(system
      ? { ins: { value: matricule, system: system.oid, kind: system.kind, qualified: true } }
      : {}),
  };
}

function isNameText(text: string): boolean {
  return text !== '' && text.length <= MAX_LO && !hasControlCharacter(text);
}

/** A field name is echoed in errors only when it looks like one (a name, never a value). */
function printable(name: string): string {
  return /^[A-Za-z][A-Za-z0-9._-]{0,63}$/.test(name) ? name : '(unreadable name)';
}
