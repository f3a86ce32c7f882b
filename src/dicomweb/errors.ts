/**
 * Typed DICOMweb errors. Messages name the operation and the HTTP status only:
 * never a URL (QIDO queries carry Patient IDs, some hosts put tokens in query
 * strings), never a header value, never patient data.
 */
import { CourbarilError } from '../dicom/errors.js';

/** What a request was for; appears in messages instead of the URL. */
export type DicomwebOperation =
  | 'search-studies'
  | 'search-series'
  | 'search-instances'
  | 'metadata'
  | 'frames'
  | 'bulkdata'
  | 'instance'
  | 'rendered'
  | 'store';

/** The server answered with an HTTP error status. */
export class DicomwebHttpError extends CourbarilError {
  override name = 'DicomwebHttpError';
  constructor(
    readonly operation: DicomwebOperation,
    readonly status: number,
  ) {
    super(`DICOMweb ${operation} request failed with HTTP ${status}`);
  }
  /** PS3.18 8.2: 5xx and 429 are transient; other 4xx are final. */
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** 401 persisted after the host's `refreshToken()` hook ran once (or 403). */
export class DicomwebAuthError extends DicomwebHttpError {
  override name = 'DicomwebAuthError';
}

/** The connection failed before a response arrived (server down, DNS, reset). */
export class DicomwebNetworkError extends CourbarilError {
  override name = 'DicomwebNetworkError';
  readonly retryable = true;
  constructor(readonly operation: DicomwebOperation) {
    super(`DICOMweb ${operation} request could not reach the server`);
  }
}

/**
 * A multipart/related body ended inside a part (connection cut): that part is
 * discarded, the parts completed before it stay valid.
 */
export class TruncatedResponseError extends CourbarilError {
  override name = 'TruncatedResponseError';
  readonly retryable = true;
  constructor(readonly completedParts: number) {
    super(`Multipart response ended mid-part after ${completedParts} complete part(s)`);
  }
}

/** The body is not multipart/related as PS3.18 8.7.3 describes (no boundary, huge headers …). */
export class MultipartFormatError extends CourbarilError {
  override name = 'MultipartFormatError';
}

/** What a size cap applies to: one multipart part, or a JSON body (QIDO, metadata). */
export type ResponseLimitKind = 'part' | 'json' | 'body';

/**
 * A response (or one part of it) is larger than its configured cap: a hostile or broken server
 * must not make the tab hold gigabytes. Not retried: the server would send the same again.
 */
export class ResponseTooLargeError extends CourbarilError {
  override name = 'ResponseTooLargeError';
  constructor(
    readonly operation: DicomwebOperation,
    readonly kind: ResponseLimitKind,
    readonly limit: number,
  ) {
    super(`DICOMweb ${operation} response ${kind} exceeds the ${limit}-byte limit`);
  }
}

/**
 * No response headers within the header timeout, or a body that stopped arriving: the
 * server or a proxy hangs. Retried like a network failure.
 */
export class DicomwebTimeoutError extends DicomwebNetworkError {
  override name = 'DicomwebTimeoutError';
  constructor(
    operation: DicomwebOperation,
    readonly timeoutMs: number,
  ) {
    super(operation);
    this.message = `DICOMweb ${operation} request got no response for ${timeoutMs} ms`;
  }
}

/**
 * A response body that stopped arriving mid-way (no byte for `timeoutMs`, the connection still
 * open): a link that lost its packets or a proxy that lost its upstream. What arrived before it
 * is kept; the rest is asked for again, like after a network failure.
 */
export class DicomwebStallError extends DicomwebTimeoutError {
  override name = 'DicomwebStallError';
  constructor(operation: DicomwebOperation, timeoutMs: number) {
    super(operation, timeoutMs);
    this.message = `DICOMweb ${operation} response stopped arriving for ${timeoutMs} ms`;
  }
}

/**
 * A UID that is not a UID (PS3.5 §9.1: digits and dots, at most 64 characters): refused
 * before a URL is built from it, so `..`, `/`, `?` or `#` from a hostile server, a launch
 * URL or metadata cannot reach another path on the server. The message never quotes it.
 */
export class InvalidUidError extends CourbarilError {
  override name = 'InvalidUidError';
  constructor(readonly length: number) {
    super(`A UID of ${length} characters is not a valid UID (digits and dots only)`);
  }
}

/** True for faults worth retrying: network failures, 5xx, cut bodies. Never 4xx, never aborts. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof DicomwebAuthError) return false;
  if (error instanceof DicomwebHttpError) return error.retryable;
  return error instanceof DicomwebNetworkError || error instanceof TruncatedResponseError;
}

export function isAbortError(error: unknown): boolean {
  return (
    error instanceof DOMException && (error.name === 'AbortError' || error.name === 'TimeoutError')
  );
}
