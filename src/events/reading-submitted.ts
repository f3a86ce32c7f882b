import type { CodedConcept } from '../dicom/sr-document.js';
import type { ScreeningReading } from '../dicom/breast-reading.js';

/** A stored DICOM object, by its UIDs. */
export interface SubmittedObject {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
}

/** One disagreement with the prior reading (src/screening/double-reading.ts). */
export interface SubmittedDisagreement {
  readonly field: 'acr' | 'composition' | 'outcome';
  readonly breast?: 'right' | 'left';
}

export interface ReadingSubmittedDetail {
  /** The reading: UIDs and codes only, never a name. */
  readonly reading: ScreeningReading;
  /** The same decisions as DICOM codes (CID 6027, CID 6001, the recommended follow-up). */
  readonly codes: {
    readonly right: { readonly acr?: CodedConcept; readonly composition?: CodedConcept };
    readonly left: { readonly acr?: CodedConcept; readonly composition?: CodedConcept };
    readonly outcome?: CodedConcept;
  };
  /** The Breast Imaging Report stored with STOW-RS (undefined when the host stores it). */
  readonly report: SubmittedObject | undefined;
  /** The "Rejected for Quality Reasons" KOS, when a view was technically insufficient. */
  readonly rejection: SubmittedObject | undefined;
  /** The comparison with the study's previous reading, when there is one. */
  readonly disagreements: readonly SubmittedDisagreement[] | undefined;
}

/** A reader submitted a screening reading and it was stored (or handed to the host). */
export class ReadingSubmittedEvent extends Event {
  static readonly eventName = 'cb-reading-submitted';
  constructor(readonly detail: ReadingSubmittedDetail) {
    super(ReadingSubmittedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-reading-submitted': ReadingSubmittedEvent;
  }
}
