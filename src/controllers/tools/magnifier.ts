import type { ToolHost } from '../tool-host.js';
import type { DragToolDefinition } from './tool-definition.js';

const LENS_SIZE = 160;
const LENS_ZOOM = 2;
/** One lens canvas per viewport, made on first use. */
const lenses = new WeakMap<ToolHost, HTMLCanvasElement>();

/**
 * A lens under the pointer while it is held. It copies the rendered canvas (both render paths
 * keep their last frame), so it shows exactly the displayed grey values, twice as large.
 */
export const magnifier: DragToolDefinition<'magnifier'> = {
  id: 'magnifier',
  kind: 'drag',
  key: 'g',
  press: showLens,
  move: showLens,
  release(host) {
    lenses.get(host)?.remove();
  },
};

function showLens(host: ToolHost, at: { x: number; y: number }): void {
  const source = host.canvas;
  if (!source) return;
  const ratio = source.width / Math.max(host.clientWidth, 1);
  let lens = lenses.get(host);
  if (!lens) {
    lens = document.createElement('canvas');
    lens.className = 'lens';
    lens.setAttribute('aria-hidden', 'true');
    lenses.set(host, lens);
  }
  if (!lens.isConnected) host.renderRoot.append(lens);
  lens.width = Math.round(LENS_SIZE * ratio);
  lens.height = Math.round(LENS_SIZE * ratio);
  lens.style.width = `${LENS_SIZE}px`;
  lens.style.height = `${LENS_SIZE}px`;
  lens.style.left = `${at.x - LENS_SIZE / 2}px`;
  lens.style.top = `${at.y - LENS_SIZE / 2}px`;
  const context = lens.getContext('2d');
  if (!context) return;
  const span = (LENS_SIZE / LENS_ZOOM) * ratio;
  context.imageSmoothingEnabled = false;
  context.drawImage(
    source,
    at.x * ratio - span / 2,
    at.y * ratio - span / 2,
    span,
    span,
    0,
    0,
    lens.width,
    lens.height,
  );
}
