/**
 * A decoded frame reduced to a small RGBA picture for the study browser: nearest-neighbour
 * reduction and a min–max stretch of the stored values (a thumbnail only says which series this
 * is; the diagnostic display pipeline is the viewport's). MONOCHROME1 is inverted
 * (PS3.3 C.7.6.3.1.2). Pure pixels, no DOM: the study browser puts them on a canvas.
 */
import type { DecodedFrame } from '../dicom/decoded-frame.js';

export interface ThumbnailImage {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row (the layout of `ImageData.data`). */
  readonly rgba: Uint8ClampedArray;
}

export function thumbnailImage(frame: DecodedFrame, size = 64): ThumbnailImage {
  const scale = Math.min(1, size / Math.max(frame.columns, frame.rows));
  const width = Math.max(1, Math.round(frame.columns * scale));
  const height = Math.max(1, Math.round(frame.rows * scale));
  const rgba = new Uint8ClampedArray(width * height * 4);
  const { pixels, samplesPerPixel, columns } = frame;
  const source = (x: number, y: number): number =>
    Math.min(frame.rows - 1, Math.floor(y / scale)) * columns +
    Math.min(columns - 1, Math.floor(x / scale));
  if (samplesPerPixel === 3) {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const from = source(x, y) * 3;
        const to = (y * width + x) * 4;
        rgba[to] = pixels[from] ?? 0;
        rgba[to + 1] = pixels[from + 1] ?? 0;
        rgba[to + 2] = pixels[from + 2] ?? 0;
        rgba[to + 3] = 255;
      }
    return { width, height, rgba };
  }
  let min = Infinity;
  let max = -Infinity;
  for (const value of pixels) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const range = max > min ? max - min : 1;
  const invert = frame.photometricInterpretation === 'MONOCHROME1';
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const grey = Math.round((((pixels[source(x, y)] ?? min) - min) / range) * 255);
      const to = (y * width + x) * 4;
      const shown = invert ? 255 - grey : grey;
      rgba[to] = shown;
      rgba[to + 1] = shown;
      rgba[to + 2] = shown;
      rgba[to + 3] = 255;
    }
  return { width, height, rgba };
}
