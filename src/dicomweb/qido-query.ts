/** QIDO-RS search parameters (PS3.18 §8.3.4) and the URL pieces every DICOMweb request shares. */
import { InvalidUidError } from './errors.js';

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

/** PS3.5 §9.1: UID components are digits separated by dots; 64 characters at most. */
const UID_PATTERN = /^[0-9]+(?:\.[0-9]+)*$/;
const MAX_UID_LENGTH = 64;

/**
 * A UID as a URL path segment, or InvalidUidError: every Study, Series and SOP Instance UID
 * passes here before a WADO-RS or QIDO-RS path is built, so `..`, `/` or anything but digits
 * and dots (from metadata, a launch URL or a host call) never reaches the server's path.
 * The trailing NUL or space a UID may be padded with (§9.1) is dropped.
 */
export function uid(value: string): string {
  const trimmed = value.replace(/[\0 ]+$/, '');
  if (trimmed.length > MAX_UID_LENGTH || !UID_PATTERN.test(trimmed))
    throw new InvalidUidError(value.length);
  return trimmed;
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
