export interface StudyOpenedDetail {
  readonly studyInstanceUid: string;
  /** The hanging protocol applied ('' when cells were set by `setLayout()` or by hand). */
  readonly protocolId: string;
  /** Studies shown beside it (priors), most recent first. */
  readonly comparedWith: readonly string[];
}

/** A study is on screen: its layout is hung and its cells are loading. */
export class StudyOpenedEvent extends Event {
  static readonly eventName = 'cb-study-opened';
  constructor(readonly detail: StudyOpenedDetail) {
    super(StudyOpenedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-study-opened': StudyOpenedEvent;
  }
}
