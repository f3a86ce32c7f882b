export interface SeriesErrorDetail {
  readonly seriesInstanceUid: string;
  /** Frames still missing after retries. */
  readonly failed: number;
  /** A typed error (DicomwebHttpError, DicomwebNetworkError, TruncatedResponseError …): no URL, no token, no patient data. */
  readonly error: Error;
}

/** Loading stopped with frames missing; `SeriesLoader.retry()` resumes with only those. */
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
