export interface KeyImagesSavedDetail {
  /** The stored KOS (title (113000, DCM, "Of Interest")), in the study of the first marked image. */
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  /** How many images (instances or frames) it selects. */
  readonly count: number;
}

/** The marked key images were stored on the server as a Key Object Selection (STOW-RS). */
export class KeyImagesSavedEvent extends Event {
  static readonly eventName = 'cb-key-images-saved';
  constructor(readonly detail: KeyImagesSavedDetail) {
    super(KeyImagesSavedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-key-images-saved': KeyImagesSavedEvent;
  }
}
