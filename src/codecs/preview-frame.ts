import type { DecodedFrame } from '../dicom/decoded-frame.js';

/**
 * A reduced-resolution decode of a JPEG 2000 / HTJ2K frame, often from the first bytes of its
 * codestream: shown stretched over the full image until the full frame replaces it.
 * Preview pixel (x, y) covers full-resolution pixels [x·scale, (x+1)·scale) × [y·scale,
 * (y+1)·scale) (ISO/IEC 15444-1 B.5: each decomposition level halves both dimensions,
 * rounding up, so the last row and column may cover fewer).
 */
export interface PreviewFrame extends DecodedFrame {
  /** Wavelet decomposition levels dropped (0 = full resolution). */
  readonly resolutionLevel: number;
  /** 2^resolutionLevel: draw each preview pixel this many full-resolution pixels wide and high. */
  readonly scale: number;
  /** Rows and Columns of the full image (the data set's). */
  readonly fullRows: number;
  readonly fullColumns: number;
  /** Decoded from a truncated codestream: finer detail is still on its way. */
  readonly partial: boolean;
}

export function isPreviewFrame(frame: DecodedFrame): frame is PreviewFrame {
  return 'resolutionLevel' in frame && 'scale' in frame;
}
