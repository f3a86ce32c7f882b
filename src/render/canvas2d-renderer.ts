import type { DecodedFrame } from '../dicom/decoded-frame.js';
import { interpolationSource, magnifies, resampleLinear } from './canvas2d-resample.js';
import { displayTable8, displayValue, type DisplayPipeline } from './display-pipeline.js';
import type { Interpolation, Renderer } from './renderer.js';
import type { Affine } from './view-transform.js';

/** Beyond this many distinct stored values a table costs more than computing each pixel. */
const MAX_TABLE_ENTRIES = 1 << 20;

/**
 * The CPU path: used when WebGL2 is missing or its context was lost. It runs the same
 * pipeline functions as the tests, through a stored-value → grey table, into an
 * offscreen canvas drawn with the view transform and no smoothing (like the GPU path).
 */
export class Canvas2dRenderer implements Renderer {
  readonly kind = 'canvas2d';
  pixelUploads = 0;
  private readonly context: CanvasRenderingContext2D;
  private frame: DecodedFrame | undefined;
  private storedMin = 0;
  private storedMax = 0;
  private image: ImageData | undefined;
  private readonly offscreen = document.createElement('canvas');
  private lastPipeline: DisplayPipeline | undefined;
  private source: { modality: DisplayPipeline['modality']; values: Float32Array } | undefined;
  private deviceImage: ImageData | undefined;

  constructor(readonly canvas: HTMLCanvasElement) {
    const context = canvas.getContext('2d', { alpha: false });
    if (!context) throw new Error('Canvas2D is not available');
    this.context = context;
  }

  setFrame(frame: DecodedFrame): void {
    this.frame = frame;
    this.lastPipeline = undefined;
    this.source = undefined;
    let min = Infinity;
    let max = -Infinity;
    if (frame.samplesPerPixel === 1) {
      for (const value of frame.pixels) {
        if (value < min) min = value;
        if (value > max) max = value;
      }
    }
    this.storedMin = min;
    this.storedMax = max;
    if (this.offscreen.width !== frame.columns) this.offscreen.width = frame.columns;
    if (this.offscreen.height !== frame.rows) this.offscreen.height = frame.rows;
    this.image = new ImageData(frame.columns, frame.rows);
    this.pixelUploads++;
  }

  resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  draw(pipeline: DisplayPipeline, m: Affine, interpolation: Interpolation): void {
    const ctx = this.context;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    const frame = this.frame;
    const image = this.image;
    if (!frame || !image) return;
    if (interpolation === 'linear' && magnifies(m)) {
      this.drawResampled(frame, pipeline, m);
      return;
    }
    if (pipeline !== this.lastPipeline) {
      this.fill(frame, image, pipeline);
      this.offscreen.getContext('2d')?.putImageData(image, 0, 0);
      this.lastPipeline = pipeline;
    }
    // Minified or 1:1: smoothing the 8-bit output is close to the GPU's (±1 away from edges).
    ctx.imageSmoothingEnabled = interpolation === 'linear';
    ctx.imageSmoothingQuality = 'low';
    ctx.setTransform(m.a, m.b, m.c, m.d, m.e, m.f);
    ctx.drawImage(this.offscreen, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** Magnified and smoothed: mix modality values before VOI, like the shader (canvas2d-resample.ts). */
  private drawResampled(frame: DecodedFrame, pipeline: DisplayPipeline, m: Affine): void {
    const { width, height } = this.canvas;
    if (width === 0 || height === 0) return;
    if (this.source?.modality !== pipeline.modality) {
      this.source = {
        modality: pipeline.modality,
        values: interpolationSource(frame, pipeline.modality),
      };
    }
    let out = this.deviceImage;
    if (out?.width !== width || out.height !== height) {
      out = new ImageData(width, height);
      this.deviceImage = out;
    }
    // Opaque black where the image does not reach (RGBA bytes 0, 0, 0, 255).
    const data = out.data;
    data.fill(0);
    for (let i = 3; i < data.length; i += 4) data[i] = 255;
    resampleLinear(out, this.source.values, frame, pipeline, m);
    this.context.putImageData(out, 0, 0);
  }

  private fill(frame: DecodedFrame, image: ImageData, pipeline: DisplayPipeline): void {
    const out = image.data;
    const pixels = frame.pixels;
    const count = frame.rows * frame.columns;
    if (frame.samplesPerPixel === 3) {
      for (let i = 0; i < count; i++) {
        for (let k = 0; k < 3; k++) {
          const value = pixels[i * 3 + k] ?? 0;
          out[i * 4 + k] = pipeline.invert ? 255 - value : value;
        }
        out[i * 4 + 3] = 255;
      }
      return;
    }
    const integer = !(pixels instanceof Float32Array || pixels instanceof Float64Array);
    const min = this.storedMin;
    const span = this.storedMax - min + 1;
    const table =
      integer && span <= MAX_TABLE_ENTRIES
        ? displayTable8(pipeline, min, this.storedMax)
        : undefined;
    for (let i = 0; i < count; i++) {
      const stored = pixels[i] ?? 0;
      const grey = table
        ? (table[stored - min] ?? 0)
        : Math.round(displayValue(pipeline, stored) * 255);
      out[i * 4] = grey;
      out[i * 4 + 1] = grey;
      out[i * 4 + 2] = grey;
      out[i * 4 + 3] = 255;
    }
  }

  destroy(): void {
    this.frame = undefined;
    this.image = undefined;
    this.source = undefined;
    this.deviceImage = undefined;
    this.offscreen.width = 0;
    this.offscreen.height = 0;
  }
}
