import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { decodeFrame } from './decode-frame.js';
import type { DecodePool } from './decode-pool.js';

export interface FrameLoadOptions {
  readonly signal: AbortSignal;
  /** Lower is more urgent: 0 = the frame on screen, neighbours count up with distance. */
  readonly priority: number;
  /** Progressive codecs (JPEG 2000 resolution levels) may hand over a coarse frame first. */
  readonly onPreview?: (preview: DecodedFrame) => void;
}

/**
 * The one service a viewport needs to get pixels: fetching, caching and decoding stay
 * behind it (STYLE.md: a component never touches a codec or IndexedDB). `frame` is the
 * 0-based frame number inside the instance.
 */
export interface FrameLoader {
  load(dataset: DicomDataset, frame: number, options: FrameLoadOptions): Promise<DecodedFrame>;
  /**
   * True when the loader keeps decoded frames in a memory tier bounded for the whole viewer
   * (a viewer's SeriesCache): a viewport then holds only its prefetch window itself, and asks
   * again for what it scrolls back to.
   */
  readonly holdsDecodedFrames?: boolean;
}

/**
 * A loader that decodes in a worker pool (`decodeFrame`). Viewers pass the pool they own;
 * without one, `decodeFrame`'s lazily created default pool is used.
 */
export function createDecodeFrameLoader(pool?: DecodePool): FrameLoader {
  return {
    load: (dataset, frame, options) =>
      decodeFrame(dataset, frame, {
        signal: options.signal,
        priority: options.priority,
        ...(pool ? { pool } : {}),
      }),
  };
}

/** Used by a viewport when neither the context nor its `frameLoader` property provides one. */
export const defaultFrameLoader: FrameLoader = createDecodeFrameLoader();
