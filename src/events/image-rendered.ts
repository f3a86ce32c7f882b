export interface ImageRenderedDetail {
  readonly studyInstanceUid: string | undefined;
  readonly seriesInstanceUid: string | undefined;
  readonly sopInstanceUid: string | undefined;
  /** 0-based frame number inside the instance. */
  readonly frame: number;
  /** 'preview' for a coarse progressive decode, 'full' once the exact frame is on screen. */
  readonly quality: 'preview' | 'full';
  /**
   * The pixels went through lossy compression (a lossy transfer syntax asked for with the
   * viewer's `lossy`, or stored so; Lossy Image Compression "01"): not for diagnosis.
   */
  readonly lossy: boolean;
  /** From the moment the viewport asked for this image (index change) to the frame on screen. */
  readonly msSinceLoadStart: number;
}

/** A frame has reached the screen (after the draw call, in the same animation frame). */
export class ImageRenderedEvent extends Event {
  static readonly eventName = 'cb-image-rendered';
  constructor(readonly detail: ImageRenderedDetail) {
    super(ImageRenderedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'cb-image-rendered': ImageRenderedEvent;
  }
}
