import type { DicomDataset } from '../../dicom/dataset.js';
import { WindowCenter, WindowWidth } from '../../dicom/tags.generated.js';
import { PixelStatus, type ReformatImage } from '../../volume/reformat-plane.js';

/** A VOI window in modality units (PS3.3 C.11.2.1.2). */
export interface MprWindow {
  readonly center: number;
  readonly width: number;
}

/** Not-loaded pixels: a dark blue hatch, so they never pass for tissue (or for air). */
const HATCH_DARK = [18, 24, 64] as const;
const HATCH_LIGHT = [44, 56, 120] as const;

/**
 * Draws a reformat into `canvas` at one canvas pixel per reformat pixel, through the linear VOI
 * function of PS3.3 C.11.2.1.2.1: y = ((x − (c − 0.5)) / (w − 1) + 0.5) × 255, clipped. Pixels
 * outside the volume are black; pixels that need a slice not loaded yet are hatched.
 */
export function paintReformat(
  canvas: HTMLCanvasElement,
  image: ReformatImage,
  window: MprWindow,
): void {
  if (canvas.width !== image.width) canvas.width = image.width;
  if (canvas.height !== image.height) canvas.height = image.height;
  const context = canvas.getContext('2d');
  if (!context) return;
  const data = context.createImageData(image.width, image.height);
  const rgba = data.data;
  const width = Math.max(window.width, 1);
  const low = window.center - 0.5 - (width - 1) / 2;
  const factor = 255 / Math.max(width - 1, 1e-6);
  for (let p = 0, y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++, p++) {
      const q = p * 4;
      const status = image.status[p];
      if (status === PixelStatus.notLoaded) {
        const colour = ((x + y) >> 2) & 1 ? HATCH_LIGHT : HATCH_DARK;
        rgba[q] = colour[0];
        rgba[q + 1] = colour[1];
        rgba[q + 2] = colour[2];
      } else if (status === PixelStatus.sampled) {
        const value = ((image.pixels[p] ?? 0) - low) * factor;
        const grey = value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
        rgba[q] = grey;
        rgba[q + 1] = grey;
        rgba[q + 2] = grey;
      }
      rgba[q + 3] = 255;
    }
  }
  context.putImageData(data, 0, 0);
}

/** A window covering the sampled values (when the header names none). */
export function windowOfImage(image: ReformatImage): MprWindow | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < image.pixels.length; p++) {
    if (image.status[p] !== PixelStatus.sampled) continue;
    const value = image.pixels[p] ?? 0;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!(max >= min)) return undefined;
  return { center: (min + max) / 2, width: Math.max(max - min, 1) };
}

/** The header's first window (PS3.3 C.11.2.1.2: a width below 1 is invalid), if any. */
export function headerWindow(dataset: DicomDataset | undefined): MprWindow | undefined {
  const center = dataset?.numbers(WindowCenter)[0];
  const width = dataset?.numbers(WindowWidth)[0];
  return center !== undefined && width !== undefined && width >= 1 ? { center, width } : undefined;
}
