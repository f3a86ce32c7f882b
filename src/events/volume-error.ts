export interface VolumeErrorDetail {
  readonly seriesInstanceUid: string | undefined;
  /**
   * A stable code a host can switch on: a geometry refusal (`gap`, `gantry-tilt`,
   * `non-uniform-spacing`, `mixed-orientation`, `too-few-slices` … see VolumeRefusal),
   * `too-large` (over `maxVolumeBytes`), `worker` (the volume worker could not run) or `load`.
   */
  readonly reason: string;
  /** Why, in words: attributes, slice indices and millimetres, never patient data. */
  readonly message: string;
}

/**
 * A series could not be shown as a volume (multiplanar reformats): the element shows the
 * message instead of a distorted volume.
 */
export class VolumeErrorEvent extends Event {
  static readonly eventName = 'cb-volume-error';
  constructor(readonly detail: VolumeErrorDetail) {
    super(VolumeErrorEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-volume-error': VolumeErrorEvent;
  }
}
