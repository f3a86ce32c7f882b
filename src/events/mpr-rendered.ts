export type MprPlaneName = 'axial' | 'coronal' | 'sagittal';

export interface MprRenderedDetail {
  readonly plane: MprPlaneName;
  /** Slices in the volume so far; pixels that need the others are marked not loaded. */
  readonly loadedSlices: number;
  readonly totalSlices: number;
}

/** One plane of `<cb-mpr>` was drawn from the volume as it is now. */
export class MprRenderedEvent extends Event {
  static readonly eventName = 'cb-mpr-rendered';
  constructor(readonly detail: MprRenderedDetail) {
    super(MprRenderedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-mpr-rendered': MprRenderedEvent;
  }
}
