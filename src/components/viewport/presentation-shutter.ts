/**
 * Display shutters of a presentation state (PS3.3 C.7.6.11) drawn on a canvas over the image:
 * everything outside the shutter shapes is painted in the Shutter Presentation Value grey. With
 * several shapes, what stays visible is inside all of them (C.7.6.11.1).
 */
import type { Shutter, Shutters } from '../../dicom/presentation-state-model.js';
import { apply, type Affine, type Surface } from '../../render/view-transform.js';

/** A P-Value (0 … 0xFFFF) as an 8-bit grey, the same linear P-Value scale as the image. */
export function pValueGrey(value: number): number {
  return Math.round((Math.min(Math.max(value, 0), 0xffff) * 255) / 0xffff);
}

/** Redraws `canvas` (device-pixel sized) for these shutters, or clears it when there are none. */
export function drawShutters(
  canvas: HTMLCanvasElement,
  shutters: Shutters | undefined,
  imageToCss: Affine | undefined,
  surface: Surface,
): void {
  const dpr = surface.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(surface.width * dpr));
  const height = Math.max(1, Math.round(surface.height * dpr));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, width, height);
  if (!shutters || !imageToCss) return;
  const grey = pValueGrey(shutters.presentationValue);
  context.fillStyle = `rgb(${String(grey)}, ${String(grey)}, ${String(grey)})`;
  const toDevice = (x: number, y: number): { x: number; y: number } => {
    const p = apply(imageToCss, x, y);
    return { x: p.x * dpr, y: p.y * dpr };
  };
  for (const shutter of shutters.shapes) {
    context.beginPath();
    context.rect(0, 0, width, height);
    traceShutter(context, shutter, toDevice, Math.hypot(imageToCss.a, imageToCss.b) * dpr);
    context.fill('evenodd');
  }
}

function traceShutter(
  context: CanvasRenderingContext2D,
  shutter: Shutter,
  toDevice: (x: number, y: number) => { x: number; y: number },
  devicePixelsPerImagePixel: number,
): void {
  const polygon = (points: readonly { x: number; y: number }[]): void => {
    points.forEach((point, i) => {
      const p = toDevice(point.x, point.y);
      if (i === 0) context.moveTo(p.x, p.y);
      else context.lineTo(p.x, p.y);
    });
    context.closePath();
  };
  switch (shutter.shape) {
    case 'RECTANGULAR': {
      // Edges name columns and rows (1-based) that stay visible: pixel column `left` spans
      // [left − 1, left] in image coordinates, so the open area is [left − 1, right] × [upper − 1, lower].
      const x0 = shutter.left - 1;
      const y0 = shutter.upper - 1;
      polygon([
        { x: x0, y: y0 },
        { x: shutter.right, y: y0 },
        { x: shutter.right, y: shutter.lower },
        { x: x0, y: shutter.lower },
      ]);
      return;
    }
    case 'CIRCULAR': {
      // Centre given as (row, column) of a pixel: its centre is at (column − ½, row − ½).
      const c = toDevice(shutter.centerColumn - 0.5, shutter.centerRow - 0.5);
      const r = shutter.radius * devicePixelsPerImagePixel;
      context.moveTo(c.x + r, c.y);
      context.arc(c.x, c.y, r, 0, 2 * Math.PI);
      context.closePath();
      return;
    }
    case 'POLYGONAL':
      polygon(shutter.vertices.map((v) => ({ x: v.column - 0.5, y: v.row - 0.5 })));
      return;
  }
}
