export interface SeriesLoadedDetail {
  readonly seriesInstanceUid: string;
  readonly frames: number;
  /** Compressed bytes of all frames, as stored. */
  readonly bytes: number;
  /** True when every frame came from the cache (no frame request was made). */
  readonly fromCache: boolean;
  /** From `start()` to the last frame. */
  readonly ms: number;
}

/** Every frame of a series is available. */
export class SeriesLoadedEvent extends Event {
  static readonly eventName = 'cb-series-loaded';
  constructor(readonly detail: SeriesLoadedDetail) {
    super(SeriesLoadedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-series-loaded': SeriesLoadedEvent;
  }
}
