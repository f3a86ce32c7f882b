/**
 * Identity vigilance: does a study's Patient module (PS3.3 C.7.1.1) describe the patient the
 * launch names? Each strict trait both sides know is compared; a trait one side leaves out is not
 * a mismatch (an archive often lacks the birthplace, a launch the sex). Names are compared
 * without case, accents or extra spaces, as identity servers compare them (RNIV: the strict
 * traits are written in capitals without diacritics).
 */
import type { DicomDataset } from '../dicom/dataset.js';
import {
  IssuerOfPatientID,
  OtherPatientIDsSequence,
  PatientBirthDate,
  PatientBirthName,
  PatientID,
  PatientName,
  PatientSex,
} from '../dicom/tags.generated.js';
import type { IdentityTrait } from '../events/identity-mismatch.js';
import type { LaunchIdentity } from './launch-identity.js';
import type { PatientIdentifier } from './patient-identifier.js';

export type { IdentityTrait };

/** A Patient ID with the issuer that assigned it (namespace or OID text), as DICOM carries them. */
export interface IssuedId {
  readonly id: string;
  readonly issuer?: string;
}

/** What a study says of its patient. */
export interface StudyPatient {
  /** Patient's Name (0010,0010), alphabetic form `FAMILY^Given names`. */
  readonly patientName?: string;
  /** Patient's Birth Name (0010,1005), when the archive records it apart from the used name. */
  readonly patientBirthName?: string;
  /** Patient's Birth Date (0010,0030), DA. */
  readonly birthDate?: string;
  /** Patient's Sex (0010,0040). */
  readonly sex?: string;
  /** Patient ID / Issuer (0010,0020 / 0010,0021), then each item of Other Patient IDs Sequence (0010,1002). */
  readonly identifiers: readonly IssuedId[];
}

/** The Patient module of a data set (a QIDO result, metadata or a Part 10 file). */
export function studyPatientOf(dataset: DicomDataset): StudyPatient {
  const issued = (item: DicomDataset): IssuedId | undefined => {
    const id = item.string(PatientID)?.trim();
    const issuer = item.string(IssuerOfPatientID)?.trim();
    if (!id) return undefined;
    return issuer ? { id, issuer } : { id };
  };
  const identifiers = [dataset, ...dataset.sequence(OtherPatientIDsSequence)]
    .map(issued)
    .filter((id): id is IssuedId => id !== undefined);
  const text = (tag: number): string | undefined => dataset.string(tag)?.trim() || undefined;
  const name = text(PatientName);
  const birthName = text(PatientBirthName);
  const birthDate = text(PatientBirthDate);
  const sex = text(PatientSex);
  return {
    ...(name === undefined ? {} : { patientName: name }),
    ...(birthName === undefined ? {} : { patientBirthName: birthName }),
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(sex === undefined ? {} : { sex }),
    identifiers,
  };
}

/** Upper case, no diacritics, one space between words; apostrophes unified. */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** An issuer as text or OID, so `urn:oid:1.2` and `1.2` are one issuer. */
function issuerKey(issuer: string | undefined): string {
  return (issuer ?? '').trim().replace(/^urn:oid:/i, '');
}

/** The traits on which `study` contradicts the launch, in a fixed order; empty when none does. */
export function identityMismatches(
  launch: {
    readonly identity?: LaunchIdentity | undefined;
    readonly patient?: PatientIdentifier | undefined;
  },
  study: StudyPatient,
): IdentityTrait[] {
  const identity = launch.identity;
  const found: IdentityTrait[] = [];
  const [family = '', given = ''] = (study.patientName ?? '').split('=')[0]?.split('^') ?? [];
  const birthFamily = study.patientBirthName?.split('=')[0]?.split('^')[0] ?? family;
  if (identity?.birthName && birthFamily.trim() !== '') {
    if (normaliseName(identity.birthName) !== normaliseName(birthFamily)) found.push('birth-name');
  }
  const firstGiven = identity?.givenNames?.[0];
  const studyGiven = normaliseName(given).split(' ')[0] ?? '';
  if (firstGiven && studyGiven !== '' && normaliseName(firstGiven) !== studyGiven)
    found.push('given-name');
  if (identity?.birthDate && study.birthDate && identity.birthDate !== study.birthDate.trim())
    found.push('birth-date');
  if (identity?.sex && study.sex && (study.sex === 'M' || study.sex === 'F' || study.sex === 'O')) {
    if (identity.sex !== study.sex) found.push('sex');
  }
  const patient = launch.patient;
  if (patient) {
    const namespace = patient.issuer?.namespaceId ?? patient.issuer?.universalId;
    if (conflicts(study.identifiers, patient.id, namespace, patient.issuer === undefined))
      found.push('patient-id');
  }
  const ins = identity?.ins;
  if (ins && conflicts(study.identifiers, ins.value, ins.system, false)) found.push('ins');
  return found;
}

/**
 * True when the study names another ID under the same issuer. IDs of other issuers say nothing
 * either way.
 */
function conflicts(
  identifiers: readonly IssuedId[],
  id: string,
  issuer: string | undefined,
  issuerUnknown: boolean,
): boolean {
  const key = issuerKey(issuer);
  // A launch ID without an issuer can only be held against the study's own Patient ID.
  const same = issuerUnknown
    ? identifiers.slice(0, 1)
    : identifiers.filter((other) => issuerKey(other.issuer) === key);
  return same.length > 0 && !same.some((other) => other.id === id);
}
