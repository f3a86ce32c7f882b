export interface SeriesSelectDetail {
  readonly studyInstanceUid: string;
  /** undefined when the whole study was chosen. */
  readonly seriesInstanceUid: string | undefined;
}

/** The user chose a study or a series in the study browser (click, Enter or Space). */
export class SeriesSelectEvent extends Event {
  static readonly eventName = 'cb-series-select';
  constructor(readonly detail: SeriesSelectDetail) {
    super(SeriesSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-series-select': SeriesSelectEvent;
  }
}
