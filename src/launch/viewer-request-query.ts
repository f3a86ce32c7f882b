/**
 * From an IID request to QIDO-RS study searches (PS3.18 10.6 "Search Transaction") and the
 * client-side filtering QIDO cannot express.
 */
import type { ViewerRequest } from './invoke-image-display.js';

/** One QIDO-RS `/studies` search: attribute keyword → matching value (PS3.18 8.3.4.1). */
export type QidoStudyQuery = Readonly<Record<string, string>>;

export interface QidoQueryOptions {
  /**
   * Also match Issuer of Patient ID (0010,0021) on the server when the CX names a namespace.
   * Default true: the same Patient ID issued by two authorities is two patients. Turn it off for
   * servers that do not index the issuer, and check `issuerOfPatientId` with {@link filterStudies}.
   */
  readonly matchIssuer?: boolean;
}

/**
 * The searches whose union answers the request. QIDO matches a list of values only for UIDs
 * (PS3.18 8.3.4.1: UID list matching), so several accession numbers or modalities mean several
 * searches. Date ranges match on StudyDate only (date granularity): combined date-time range
 * matching is an optional C-FIND extended negotiation (PS3.4 C.2.2.2.5.1) most servers lack, so
 * {@link filterStudies} applies the time of day afterwards.
 */
export function qidoStudyQueries(
  request: ViewerRequest,
  options: QidoQueryOptions = {},
): QidoStudyQuery[] {
  const base: Record<string, string> = {};
  const patient = request.patient;
  if (patient !== undefined) {
    base['PatientID'] = patient.id;
    const namespace = patient.issuer?.namespaceId;
    if ((options.matchIssuer ?? true) && namespace !== undefined)
      base['IssuerOfPatientID'] = namespace;
    // Returned so the viewer can verify the issuer when the server ignored it as a key.
    base['includefield'] = 'IssuerOfPatientID';
  }
  if (request.requestType === 'STUDY') {
    if (request.studyInstanceUids.length > 0) {
      return [{ ...base, StudyInstanceUID: request.studyInstanceUids.join(',') }];
    }
    return request.accessionNumbers.map((accessionNumber) => ({
      ...base,
      AccessionNumber: accessionNumber,
    }));
  }
  const lower = request.lowerDateTime?.date ?? '';
  const upper = request.upperDateTime?.date ?? '';
  if (lower !== '' || upper !== '') base['StudyDate'] = `${lower}-${upper}`;
  if (request.modalitiesInStudy.length === 0) return [base];
  return request.modalitiesInStudy.map((modality) => ({ ...base, ModalitiesInStudy: modality }));
}

/** The study fields {@link filterStudies} reads (DICOM DA / TM text as QIDO returns them). */
export interface StudyFilterFields {
  readonly studyInstanceUid: string;
  readonly studyDate?: string | undefined;
  readonly studyTime?: string | undefined;
  readonly modalitiesInStudy?: readonly string[] | undefined;
  readonly issuerOfPatientId?: string | undefined;
}

/**
 * Applies what the searches could not: de-duplication of the union, the time-of-day bounds,
 * the issuer when known, modalitiesInStudy, and mostRecentResults (most recent first, studies
 * without a date last). Returns the studies newest first.
 */
export function filterStudies<T extends StudyFilterFields>(
  request: ViewerRequest,
  studies: readonly T[],
): T[] {
  const seen = new Set<string>();
  const namespace = request.patient?.issuer?.namespaceId;
  let kept = studies.filter((study) => {
    if (seen.has(study.studyInstanceUid)) return false;
    seen.add(study.studyInstanceUid);
    if (
      namespace !== undefined &&
      study.issuerOfPatientId !== undefined &&
      study.issuerOfPatientId !== namespace
    ) {
      return false;
    }
    return true;
  });
  kept.sort((a, b) => dateTimeKey(b).localeCompare(dateTimeKey(a)));
  if (request.requestType === 'STUDY') return kept;
  const lower = request.lowerDateTime;
  const upper = request.upperDateTime;
  kept = kept.filter((study) => {
    const key = dateTimeKey(study);
    if (lower !== undefined && (key === '' || key < lower.date + lower.time)) return false;
    if (upper !== undefined && (key === '' || key > upper.date + upper.time)) return false;
    const modalities = study.modalitiesInStudy;
    if (request.modalitiesInStudy.length > 0 && modalities !== undefined) {
      return modalities.some((modality) => request.modalitiesInStudy.includes(modality));
    }
    return true;
  });
  return request.mostRecentResults === undefined ? kept : kept.slice(0, request.mostRecentResults);
}

/** YYYYMMDDHHMMSS, '' without a date: sorts chronologically as text. */
function dateTimeKey(study: StudyFilterFields): string {
  const date = study.studyDate?.trim() ?? '';
  if (!/^\d{8}$/.test(date)) return '';
  const time = (study.studyTime?.trim() ?? '').replace(/[^\d]/g, '').slice(0, 6);
  return date + time.padEnd(6, '0');
}
