export interface ReadingCaseChangeDetail {
  /** 0-based index of the case in the reading list. */
  readonly index: number;
  /** The case's study, once resolved; undefined when the case names no single study. */
  readonly studyInstanceUid: string | undefined;
}

/** The reading list moved to another case (a key, or the host setting `index`). */
export class ReadingCaseChangeEvent extends Event {
  static readonly eventName = 'cb-reading-case-change';
  constructor(readonly detail: ReadingCaseChangeDetail) {
    super(ReadingCaseChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-reading-case-change': ReadingCaseChangeEvent;
  }
}
