import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { DisplayPipeline } from './display-pipeline.js';
import { applyModalityLut } from './modality-lut.js';
import { invert, type Affine } from './view-transform.js';
import { applyVoi } from './voi-lut.js';

/**
 * Modality values of every pixel (grey), or the samples themselves (RGB): what the WebGL2
 * shader mixes when it interpolates. Computed once per frame and Modality LUT.
 */
export function interpolationSource(
  frame: DecodedFrame,
  modality: DisplayPipeline['modality'],
): Float32Array {
  const pixels = frame.pixels;
  const values = new Float32Array(pixels.length);
  if (frame.samplesPerPixel === 3) {
    for (let i = 0; i < pixels.length; i++) values[i] = (pixels[i] ?? 0) / 255;
    return values;
  }
  for (let i = 0; i < pixels.length; i++) values[i] = applyModalityLut(modality, pixels[i] ?? 0);
  return values;
}

/**
 * Bilinear resampling as the WebGL2 fragment shader does it (webgl2-shaders.ts): each device
 * pixel centre is mapped back into the image, the four nearest values (clamped at the image
 * edge) are mixed *before* VOI, then the window applies. Smoothing the 8-bit output instead
 * (what Canvas2D's drawImage can do) would blur across a narrow window's edge and show grey
 * levels the window never gives; this keeps both paths showing the same image when zoomed.
 * Device pixels outside the image stay as they are in `out` (black).
 */
export function resampleLinear(
  out: ImageData,
  source: Float32Array,
  frame: DecodedFrame,
  pipeline: DisplayPipeline,
  imageToDevice: Affine,
): void {
  const { columns, rows } = frame;
  const channels = frame.samplesPerPixel;
  const m = invert(imageToDevice);
  const data = out.data;
  const grey = channels === 1 ? greyOf(pipeline) : undefined;
  const flip = pipeline.invert;
  for (let dy = 0; dy < out.height; dy++) {
    // Image coordinates of device pixel (0, dy)'s centre; each step right adds (m.a, m.b).
    let vx = m.a * 0.5 + m.c * (dy + 0.5) + m.e;
    let vy = m.b * 0.5 + m.d * (dy + 0.5) + m.f;
    for (let dx = 0; dx < out.width; dx++, vx += m.a, vy += m.b) {
      if (!(vx >= 0 && vx < columns && vy >= 0 && vy < rows)) continue;
      const qx = vx - 0.5;
      const qy = vy - 0.5;
      const floorX = Math.floor(qx);
      const floorY = Math.floor(qy);
      const fx = qx - floorX;
      const fy = qy - floorY;
      const x0 = floorX < 0 ? 0 : floorX;
      const y0 = floorY < 0 ? 0 : floorY;
      const x1 = floorX + 1 < columns ? floorX + 1 : columns - 1;
      const y1 = floorY + 1 < rows ? floorY + 1 : rows - 1;
      const i00 = (y0 * columns + x0) * channels;
      const i10 = (y0 * columns + x1) * channels;
      const i01 = (y1 * columns + x0) * channels;
      const i11 = (y1 * columns + x1) * channels;
      const o = (dy * out.width + dx) * 4;
      for (let k = 0; k < channels; k++) {
        const top = (source[i00 + k] ?? 0) * (1 - fx) + (source[i10 + k] ?? 0) * fx;
        const bottom = (source[i01 + k] ?? 0) * (1 - fx) + (source[i11 + k] ?? 0) * fx;
        const mixed = top * (1 - fy) + bottom * fy;
        if (grey) {
          const value = grey(mixed);
          data[o] = value;
          data[o + 1] = value;
          data[o + 2] = value;
        } else {
          data[o + k] = Math.round((flip ? 1 - mixed : mixed) * 255);
        }
      }
      data[o + 3] = 255;
    }
  }
}

/** Modality value → 8-bit grey; the linear windows inlined (they run once per device pixel). */
function greyOf(pipeline: DisplayPipeline): (modality: number) => number {
  const { voi, invert: flip } = pipeline;
  const out = (y: number): number => Math.round((flip ? 1 - y : y) * 255);
  if (voi.kind === 'window' && voi.window.function !== 'SIGMOID') {
    const c = voi.window.windowCenter;
    const w = voi.window.windowWidth;
    // PS3.3 C.11.2.1.2.1 (LINEAR) and C.11.2.1.3.2 (LINEAR_EXACT) as y = (x − low) / span.
    const exact = voi.window.function === 'LINEAR_EXACT';
    const low = exact ? c - w / 2 : c - 0.5 - (w - 1) / 2;
    const high = exact ? c + w / 2 : c - 0.5 + (w - 1) / 2;
    const span = exact ? w : w - 1;
    return (x) => (x <= low ? out(0) : x > high ? out(1) : out((x - low) / span));
  }
  return (x) => out(Math.min(Math.max(applyVoi(voi, x), 0), 1));
}

/** True when one image pixel covers more than one device pixel (the image is magnified). */
export function magnifies(m: Affine): boolean {
  return Math.abs(m.a * m.d - m.b * m.c) > 1 + 1e-9;
}
