/**
 * A decoded frame as a small picture for the study browser: nearest-neighbour reduction and a
 * min–max stretch of the stored values (a thumbnail only says which series this is; the
 * diagnostic display pipeline is the viewport's). MONOCHROME1 is inverted (PS3.3 C.7.6.3.1.2).
 */
import type { DecodedFrame } from '../../dicom/decoded-frame.js';

export function thumbnailCanvas(frame: DecodedFrame, size = 64): HTMLCanvasElement {
  const scale = Math.min(1, size / Math.max(frame.columns, frame.rows));
  const width = Math.max(1, Math.round(frame.columns * scale));
  const height = Math.max(1, Math.round(frame.rows * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.setAttribute('aria-hidden', 'true');
  canvas.className = 'thumbnail';
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  const image = context.createImageData(width, height);
  const { pixels, samplesPerPixel, columns } = frame;
  const source = (x: number, y: number): number =>
    Math.min(frame.rows - 1, Math.floor(y / scale)) * columns +
    Math.min(columns - 1, Math.floor(x / scale));
  if (samplesPerPixel === 3) {
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) {
        const from = source(x, y) * 3;
        const to = (y * width + x) * 4;
        image.data[to] = pixels[from] ?? 0;
        image.data[to + 1] = pixels[from + 1] ?? 0;
        image.data[to + 2] = pixels[from + 2] ?? 0;
        image.data[to + 3] = 255;
      }
  } else {
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
        image.data[to] = shown;
        image.data[to + 1] = shown;
        image.data[to + 2] = shown;
        image.data[to + 3] = 255;
      }
  }
  context.putImageData(image, 0, 0);
  return canvas;
}
