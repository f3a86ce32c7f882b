import type { Measurement } from '../render/measurement.js';

/** A measurement was completed, changed or deleted by the user. */
export class MeasurementEvent extends Event {
  static readonly eventName = 'cb-measurement';
  constructor(
    readonly detail: Measurement,
    readonly change: 'created' | 'deleted' = 'created',
  ) {
    super(MeasurementEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-measurement': MeasurementEvent;
  }
}
