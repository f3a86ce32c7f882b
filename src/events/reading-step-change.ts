export interface ReadingStepChangeDetail {
  /** 0-based index of the step in `steps`. */
  readonly index: number;
  /** The step's `id`. */
  readonly step: string;
  /** In a step showing its views one at a time, the view shown ('RCC' …); else undefined. */
  readonly view: string | undefined;
}

/** The reader moved to another reading step (or another view of a one-at-a-time step). */
export class ReadingStepChangeEvent extends Event {
  static readonly eventName = 'cb-reading-step-change';
  constructor(readonly detail: ReadingStepChangeDetail) {
    super(ReadingStepChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-reading-step-change': ReadingStepChangeEvent;
  }
}
