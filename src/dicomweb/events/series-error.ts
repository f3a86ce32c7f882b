import { CourbarilError } from '../../dicom/errors.js';
import {
  DicomwebAuthError,
  DicomwebHttpError,
  DicomwebNetworkError,
  DicomwebTimeoutError,
  InvalidUidError,
  MultipartFormatError,
  ResponseTooLargeError,
  TruncatedResponseError,
} from '../errors.js';

/** Why frames of a series are missing, as a stable code a host can switch on. */
export type SeriesErrorCode =
  | 'auth'
  | 'http'
  | 'network'
  | 'timeout'
  | 'truncated'
  | 'too-large'
  | 'malformed'
  | 'invalid-uid'
  | 'unknown';

export interface SeriesErrorDetail {
  readonly seriesInstanceUid: string;
  /** Frames still missing after retries. */
  readonly failed: number;
  readonly code: SeriesErrorCode;
  /** The HTTP status when a server answered with one. */
  readonly status: number | undefined;
  /**
   * The class name of the last error (DicomwebHttpError, TruncatedResponseError …), for
   * diagnosis. The error itself is not carried: only what is safe to log (no URL, no token,
   * no patient data, no stack).
   */
  readonly cause: string | undefined;
}

/** Loading stopped with frames missing; `SeriesLoader.retry()` resumes with only those. */
export class SeriesErrorEvent extends Event {
  static readonly eventName = 'cb-series-error';
  readonly detail: SeriesErrorDetail;
  constructor(seriesInstanceUid: string, failed: number, error: unknown) {
    super(SeriesErrorEvent.eventName, { bubbles: true, composed: true });
    this.detail = {
      seriesInstanceUid,
      failed,
      code: seriesErrorCode(error),
      status: error instanceof DicomwebHttpError ? error.status : undefined,
      cause: error instanceof CourbarilError ? error.name : undefined,
    };
  }
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

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-series-error': SeriesErrorEvent;
  }
}
