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

/**
 * Loading stopped with frames missing; `SeriesLoader.retry()` resumes with only those. The
 * loader builds the detail from the last error (`seriesErrorDetail` in src/dicomweb/).
 */
export class SeriesErrorEvent extends Event {
  static readonly eventName = 'cb-series-error';
  constructor(readonly detail: SeriesErrorDetail) {
    super(SeriesErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-series-error': SeriesErrorEvent;
  }
}
