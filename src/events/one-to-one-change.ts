export interface OneToOneChangeDetail {
  /** True when one stored pixel is now drawn on one device pixel. */
  readonly oneToOne: boolean;
}

/**
 * The reader turned 1:1 mode on or off (the X key, the toolbar button, or a zoom, which leaves
 * it). Not fired when a host sets `oneToOne`.
 */
export class OneToOneChangeEvent extends Event {
  static readonly eventName = 'cb-one-to-one-change';
  constructor(readonly detail: OneToOneChangeDetail) {
    super(OneToOneChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-one-to-one-change': OneToOneChangeEvent;
  }
}
