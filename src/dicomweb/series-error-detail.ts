import { CourbarilError } from '../dicom/errors.js';
import type { SeriesErrorCode, SeriesErrorDetail } from '../events/series-error.js';
import {
  DicomwebAuthError,
  DicomwebHttpError,
  DicomwebNetworkError,
  DicomwebTimeoutError,
  InvalidUidError,
  MultipartFormatError,
  ResponseTooLargeError,
  TruncatedResponseError,
} from './errors.js';

/**
 * What `cb-series-error` tells of the last error: a stable code, the HTTP status, the class
 * name. Never the error itself (its message may hold a URL or a UID).
 */
export function seriesErrorDetail(
  seriesInstanceUid: string,
  failed: number,
  error: unknown,
): SeriesErrorDetail {
  return {
    seriesInstanceUid,
    failed,
    code: seriesErrorCode(error),
    status: error instanceof DicomwebHttpError ? error.status : undefined,
    cause: error instanceof CourbarilError ? error.name : undefined,
  };
}

/** Most specific class first: DicomwebAuthError is a DicomwebHttpError, the timeout a network error. */
export function seriesErrorCode(error: unknown): SeriesErrorCode {
  if (error instanceof DicomwebAuthError) return 'auth';
  if (error instanceof DicomwebHttpError) return 'http';
  if (error instanceof DicomwebTimeoutError) return 'timeout';
  if (error instanceof DicomwebNetworkError) return 'network';
  if (error instanceof TruncatedResponseError) return 'truncated';
  if (error instanceof ResponseTooLargeError) return 'too-large';
  if (error instanceof MultipartFormatError) return 'malformed';
  if (error instanceof InvalidUidError) return 'invalid-uid';
  return 'unknown';
}
