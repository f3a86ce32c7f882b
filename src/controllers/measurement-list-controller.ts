import type { ReactiveControllerHost } from 'lit';
import { MeasurementEvent } from '../events/measurement.js';
import type { Measurement } from '../render/measurement.js';

/** The measurements made in one viewport, as data; each change is announced with `cb-measurement`. */
export class MeasurementListController {
  private list: readonly Measurement[] = [];

  constructor(private readonly host: ReactiveControllerHost & EventTarget) {}

  get measurements(): readonly Measurement[] {
    return this.list;
  }

  add(measurement: Measurement): void {
    this.list = [...this.list, measurement];
    this.host.requestUpdate();
    this.host.dispatchEvent(new MeasurementEvent(measurement, 'created'));
  }

  delete(id: string): void {
    const removed = this.list.find((m) => m.id === id);
    if (!removed) return;
    this.list = this.list.filter((m) => m.id !== id);
    this.host.requestUpdate();
    this.host.dispatchEvent(new MeasurementEvent(removed, 'deleted'));
  }
}
