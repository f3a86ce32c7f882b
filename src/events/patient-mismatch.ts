/**
 * What the viewer refused because it belongs to another patient than the one opened:
 * - `study-dropped`: a search answered studies of another patient (loose matching, a wrong or
 *   missing issuer); they are left out of the history, so no thumbnail or prefetch touches them;
 * - `series-refused`: a series' own metadata names another patient; it is not shown or cached;
 * - `placement-refused`: a series dropped, restored or chosen that is not in this patient's
 *   history; the cell keeps what it showed.
 */
export type PatientMismatchCode = 'study-dropped' | 'series-refused' | 'placement-refused';

export interface PatientMismatchDetail {
  readonly code: PatientMismatchCode;
  /** How many studies or series were refused at once. */
  readonly count: number;
}

/**
 * A warning, not an error: the viewer goes on with the patient asked for. It carries no
 * identifier, name or UID of either patient (a host logs it; the server's logs say which).
 */
export class PatientMismatchEvent extends Event {
  static readonly eventName = 'cb-patient-mismatch';
  constructor(readonly detail: PatientMismatchDetail) {
    super(PatientMismatchEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-patient-mismatch': PatientMismatchEvent;
  }
}
