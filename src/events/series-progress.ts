export interface SeriesProgressDetail {
  readonly seriesInstanceUid: string;
  /** Frames available (network or cache) so far. */
  readonly loaded: number;
  readonly total: number;
}

/** One more frame of a series is available; fired in arrival order, `loaded` counts up to `total`. */
export class SeriesProgressEvent extends Event {
  static readonly eventName = 'cb-series-progress';
  constructor(readonly detail: SeriesProgressDetail) {
    super(SeriesProgressEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-series-progress': SeriesProgressEvent;
  }
}
