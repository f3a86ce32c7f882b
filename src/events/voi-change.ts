import type { VoiWindow } from '../render/voi-lut.js';

export interface VoiChangeDetail {
  /** The window now applied; undefined when a VOI LUT Sequence table is in use. */
  readonly voi: VoiWindow | undefined;
  /** The header preset's explanation when a preset was chosen. */
  readonly preset: string | undefined;
  /** 'user' for tools and keys, 'api' when `viewport.voi` was set by code. */
  readonly source: 'user' | 'api';
}

/** The window (VOI) applied to the image changed. */
export class VoiChangeEvent extends Event {
  static readonly eventName = 'cb-voi-change';
  constructor(readonly detail: VoiChangeDetail) {
    super(VoiChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-voi-change': VoiChangeEvent;
  }
}
