import { Canvas2dRenderer } from './canvas2d-renderer.js';
import type { Renderer } from './renderer.js';
import { Webgl2Renderer, type Webgl2RendererOptions } from './webgl2-renderer.js';

/** 'auto' tries WebGL2 and falls back to Canvas2D; the others force a path. */
export type RendererPreference = 'auto' | 'webgl2' | 'canvas2d';

/**
 * A canvas that ever held a WebGL context cannot give a 2D one, so every renderer gets
 * its own fresh canvas; the caller swaps it into the DOM.
 */
export function createRenderer(
  preference: RendererPreference,
  options: Webgl2RendererOptions = {},
): Renderer {
  if (preference !== 'canvas2d') {
    const renderer = Webgl2Renderer.create(document.createElement('canvas'), options);
    if (renderer) return renderer;
  }
  return new Canvas2dRenderer(document.createElement('canvas'));
}
