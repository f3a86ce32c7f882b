import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { DisplayPipeline } from './display-pipeline.js';
import type { Affine } from './view-transform.js';

export type RendererKind = 'webgl2' | 'canvas2d';

/** 'linear' smooths magnified images; 'nearest' shows every stored pixel as a square. */
export type Interpolation = 'nearest' | 'linear';

/**
 * A surface that shows one frame through a display pipeline. Pixels are handed over once
 * per frame (`setFrame`); `draw` with another pipeline or transform must not re-send them.
 */
export interface Renderer {
  readonly kind: RendererKind;
  readonly canvas: HTMLCanvasElement;
  /** How many times pixel data went to the backing store (GPU texture or CPU image): tests count it. */
  readonly pixelUploads: number;
  setFrame(frame: DecodedFrame): void;
  /** Device-pixel size of the backing canvas. */
  resize(width: number, height: number): void;
  draw(pipeline: DisplayPipeline, imageToDevice: Affine, interpolation: Interpolation): void;
  /** Frees textures and the context; the renderer is unusable afterwards. */
  destroy(): void;
}
