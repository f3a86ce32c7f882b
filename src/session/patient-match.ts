/**
 * Only the patient asked for. A QIDO-RS server may match loosely (a case-insensitive or fuzzy
 * Patient ID, an issuer it ignores: PS3.18 8.3.4.1 leaves matching to the server) and a metadata
 * response may simply be wrong; every study and series is checked against the patient the viewer
 * opened, by exact Patient ID (0010,0020) and Issuer of Patient ID (0010,0021).
 */
import { CourbarilError } from '../dicom/errors.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { jsonString, type DicomJsonObject } from '../dicomweb/dicom-json-values.js';
import { IssuerOfPatientID, PatientID } from '../dicom/tags.generated.js';

export interface PatientRefOf {
  readonly patientId: string;
  /** Issuer of Patient ID namespace; undefined when not known. */
  readonly issuer?: string | undefined;
  /**
   * The same patient under other identifiers, as a document the host opened asserts them (a KOS
   * manifest naming the INS as Patient ID and the sources' local IDs in Other Patient IDs
   * Sequence): a series naming one of these is this patient's. Exact matches only, as above.
   */
  readonly aliases?: readonly { readonly patientId: string; readonly issuer?: string }[];
}

/**
 * A series (or report) whose own data names another patient: refused, not shown, not cached. The
 * message carries no identifier, of either patient.
 */
export class PatientMismatchError extends CourbarilError {
  override name = 'PatientMismatchError';
  constructor() {
    super('The series names another patient than the one opened');
  }
}

/** LO values: leading and trailing spaces are not significant (PS3.5 6.2). */
function patientRef(patientId: string | undefined, issuer: string | undefined): PatientRefOf {
  const trimmedIssuer = issuer?.trim();
  return {
    patientId: patientId?.trim() ?? '',
    ...(trimmedIssuer ? { issuer: trimmedIssuer } : {}),
  };
}

/** The patient a data set names. */
export function patientOf(dataset: DicomDataset): PatientRefOf {
  return patientRef(dataset.string(PatientID), dataset.string(IssuerOfPatientID));
}

/**
 * A study from a search, exactly: same Patient ID and, when the viewer knows the issuer, the same
 * issuer. QIDO was asked to return the issuer (includefield), so a study without one is not known
 * to be this patient's: the same Patient ID issued by two authorities is two patients.
 */
export function studyMatches(study: DicomDataset, expected: PatientRefOf): boolean {
  const found = patientOf(study);
  const wanted = patientRef(expected.patientId, expected.issuer);
  if (found.patientId !== wanted.patientId) return false;
  return wanted.issuer === undefined || found.issuer === wanted.issuer;
}

/**
 * The one patient every instance of a series names, when it is the one expected (any patient when
 * none is: `patientId` empty); throws PatientMismatchError otherwise. An instance without an
 * issuer passes on its Patient ID: its study already passed the issuer check, and many archives
 * keep the issuer in their index, not in each object.
 */
export function seriesPatient(
  instances: readonly DicomJsonObject[],
  expected: PatientRefOf,
): PatientRefOf {
  const wanted = patientRef(expected.patientId, expected.issuer);
  let named: PatientRefOf | undefined;
  for (const json of instances) {
    const found = patientRef(jsonString(json, PatientID), jsonString(json, IssuerOfPatientID));
    if (
      (wanted.patientId !== '' && !isExpected(found, expected)) ||
      (named && !samePatient(found, named))
    )
      throw new PatientMismatchError();
    named = named ? { patientId: named.patientId, issuer: named.issuer ?? found.issuer } : found;
  }
  if (!named) return wanted;
  return { patientId: named.patientId, issuer: named.issuer ?? wanted.issuer };
}

/** A whole data set (a report) of the expected patient, or PatientMismatchError. */
export function checkDatasetPatient(dataset: DicomDataset, expected: PatientRefOf): void {
  const wanted = patientRef(expected.patientId, expected.issuer);
  if (wanted.patientId !== '' && !isExpected(patientOf(dataset), expected))
    throw new PatientMismatchError();
}

/** The expected patient, or one of the aliases it was opened with. */
function isExpected(found: PatientRefOf, expected: PatientRefOf): boolean {
  return [expected, ...(expected.aliases ?? [])].some((ref) =>
    samePatient(found, patientRef(ref.patientId, ref.issuer)),
  );
}

/** Same Patient ID, and no two different issuers. */
function samePatient(a: PatientRefOf, b: PatientRefOf): boolean {
  return (
    a.patientId === b.patientId &&
    (a.issuer === undefined || b.issuer === undefined || a.issuer === b.issuer)
  );
}
