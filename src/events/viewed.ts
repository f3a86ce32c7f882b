export interface ViewedDetail {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string | undefined;
  /** ISO 8601 time the series reached the screen. The host adds who viewed it. */
  readonly at: string;
}

/**
 * For the host's audit trail (who opened which study when): fired once per series a cell first
 * shows. It carries UIDs only, never patient demographics.
 */
export class ViewedEvent extends Event {
  static readonly eventName = 'cb-viewed';
  constructor(readonly detail: ViewedDetail) {
    super(ViewedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-viewed': ViewedEvent;
  }
}
