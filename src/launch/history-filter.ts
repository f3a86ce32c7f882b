/**
 * IID's PATIENT-request filters applied to a patient's history (RAD TF-3 4.106.4.1.2: a date-time
 * range, modalities in study, the most recent N). Studies the launch names are always kept: a
 * filter narrows the history beside them, never the study asked for.
 */
import type { HistoryFilter } from './launch-context.js';

/** The study fields the filter reads (DICOM DA / TM text as QIDO returns them). */
export interface FilterableStudy {
  readonly studyInstanceUid: string;
  readonly studyDate?: string | undefined;
  readonly studyTime?: string | undefined;
  readonly modalities: readonly string[];
}

/**
 * The studies `filter` keeps, in the order given (newest first, as the viewer sorts them). An
 * undated study fails a date bound; a study whose modalities are unknown passes the modality
 * filter (nothing says it lacks them).
 */
export function filterHistory<T extends FilterableStudy>(
  studies: readonly T[],
  filter: HistoryFilter | undefined,
  named: ReadonlySet<string> = new Set(),
): T[] {
  if (!filter) return [...studies];
  const lower = filter.lowerDateTime && filter.lowerDateTime.date + filter.lowerDateTime.time;
  const upper = filter.upperDateTime && filter.upperDateTime.date + filter.upperDateTime.time;
  const modalities = filter.modalities ?? [];
  let kept = 0;
  return studies.filter((study) => {
    if (named.has(study.studyInstanceUid)) return true;
    const key = dateTimeKey(study);
    if (lower !== undefined && (key === '' || key < lower)) return false;
    if (upper !== undefined && (key === '' || key > upper)) return false;
    if (
      modalities.length > 0 &&
      study.modalities.length > 0 &&
      !study.modalities.some((modality) => modalities.includes(modality))
    )
      return false;
    kept++;
    return filter.mostRecent === undefined || kept <= filter.mostRecent;
  });
}

/** YYYYMMDDHHMMSS, '' without a date: compares chronologically as text. */
function dateTimeKey(study: FilterableStudy): string {
  const date = study.studyDate?.trim() ?? '';
  if (!/^\d{8}$/.test(date)) return '';
  const time = (study.studyTime?.trim() ?? '').replace(/\D/g, '').slice(0, 6);
  return date + time.padEnd(6, '0');
}
