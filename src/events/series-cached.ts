export interface SeriesCachedDetail {
  readonly seriesInstanceUid: string;
  /** Frames of the series. */
  readonly frames: number;
  /**
   * Frames the cache holds on disk now, committed with strict durability: when equal to
   * `frames`, a reload opening the series makes no frame request.
   */
  readonly stored: number;
}

/**
 * After `cb-series-loaded`: the series' frame writes have settled and are durably committed to
 * the persistent cache (IndexedDB). Not fired without a persistent cache.
 */
export class SeriesCachedEvent extends Event {
  static readonly eventName = 'cb-series-cached';
  constructor(readonly detail: SeriesCachedDetail) {
    super(SeriesCachedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-series-cached': SeriesCachedEvent;
  }
}
