/** QIDO-RS search parameters (PS3.18 §8.3.4) and the URL pieces every DICOMweb request shares. */

export interface DateRange {
  /** DA, YYYYMMDD (PS3.18 8.3.4.1 range matching); either end may be open. */
  readonly from?: string;
  readonly to?: string;
}

export interface StudyQuery {
  readonly patientId?: string;
  readonly issuerOfPatientId?: string;
  readonly accessionNumber?: string;
  readonly studyInstanceUid?: string | readonly string[];
  readonly studyDate?: string | DateRange;
  readonly modalitiesInStudy?: string;
  readonly includeFields?: readonly string[];
  readonly limit?: number;
  readonly offset?: number;
}

export interface SeriesQuery {
  readonly modality?: string;
  readonly seriesInstanceUid?: string | readonly string[];
  readonly includeFields?: readonly string[];
  readonly limit?: number;
  readonly offset?: number;
}

export interface InstanceQuery {
  readonly sopInstanceUid?: string | readonly string[];
  readonly includeFields?: readonly string[];
  readonly limit?: number;
  readonly offset?: number;
}

export function uid(value: string): string {
  return encodeURIComponent(value);
}

export function commonParams(query: {
  readonly includeFields?: readonly string[];
  readonly limit?: number;
  readonly offset?: number;
}): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of query.includeFields ?? []) params.append('includefield', field);
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  return params;
}

/** PS3.18 8.3.4.1: a UID list is comma-separated. */
export function setParam(
  params: URLSearchParams,
  name: string,
  value: string | readonly string[] | undefined,
): void {
  if (value === undefined || value === '') return;
  params.set(name, typeof value === 'string' ? value : value.join(','));
}

export function queryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
