import type { DecodedFrame } from './decoded-frame.js';

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

/**
 * The fewest halvings of both sides (resolution levels; each quarters the pixels) that bring
 * `pixels` to at most `maxPixels`: 0 when it fits already.
 */
export function levelsToFit(pixels: number, maxPixels: number): number {
  let level = 0;
  while (pixels > maxPixels * 4 ** level) level++;
  return level;
}

export function isPreviewFrame(frame: DecodedFrame): frame is PreviewFrame {
  return 'resolutionLevel' in frame && 'scale' in frame;
}

/**
 * The preview at the full image's size (nearest neighbour), so everything downstream — the
 * viewport's geometry, overlays, measurements' calibration — sees the data set's Rows and
 * Columns whether the frame is a preview or final. Costs one pass over the full-size array.
 */
export function expandPreview(preview: PreviewFrame): DecodedFrame {
  const { fullRows, fullColumns, columns, rows, scale, samplesPerPixel } = preview;
  if (scale === 1 && rows === fullRows && columns === fullColumns) return preview;
  const source = preview.pixels;
  const Typed = source.constructor as new (length: number) => typeof source;
  const pixels = new Typed(fullRows * fullColumns * samplesPerPixel);
  const sourceRow = new Int32Array(fullColumns);
  for (let x = 0; x < fullColumns; x++) {
    sourceRow[x] = Math.min(columns - 1, Math.floor(x / scale)) * samplesPerPixel;
  }
  for (let y = 0; y < fullRows; y++) {
    const from = Math.min(rows - 1, Math.floor(y / scale)) * columns * samplesPerPixel;
    const to = y * fullColumns * samplesPerPixel;
    for (let x = 0; x < fullColumns; x++) {
      const s = from + (sourceRow[x] ?? 0);
      const d = to + x * samplesPerPixel;
      for (let c = 0; c < samplesPerPixel; c++) pixels[d + c] = source[s + c] ?? 0;
    }
  }
  return {
    rows: fullRows,
    columns: fullColumns,
    samplesPerPixel,
    bitsStored: preview.bitsStored,
    signed: preview.signed,
    photometricInterpretation: preview.photometricInterpretation,
    pixels,
  };
}
