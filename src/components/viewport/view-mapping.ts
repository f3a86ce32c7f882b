/** Where image pixels land in the viewport, in CSS pixels (the tools' and overlay's frame). */
import type { ShownImage } from '../../controllers/frame-stack-controller.js';
import {
  imageToDevice,
  type Affine,
  type Surface,
  type ViewGeometry,
} from '../../render/view-transform.js';

/** Image pixel coordinates → CSS pixels inside the viewport (device pixels ÷ devicePixelRatio). */
export function imageToCss(
  shown: ShownImage | undefined,
  geometry: ViewGeometry,
  surface: Surface,
): Affine | undefined {
  if (!shown) return undefined;
  const m = imageToDevice(geometry, surface, shown.frame.columns, shown.frame.rows);
  const r = surface.devicePixelRatio;
  return { a: m.a / r, b: m.b / r, c: m.c / r, d: m.d / r, e: m.e / r, f: m.f / r };
}

/** The view properties of a viewport as the renderer's geometry. */
export function geometryOf(view: ViewGeometry): ViewGeometry {
  const { scale, pan, rotation, flipHorizontal, flipVertical } = view;
  return { scale, pan, rotation, flipHorizontal, flipVertical };
}

/**
 * 1:1 mode: one stored pixel on one device pixel, so CSS pixels per image pixel is
 * 1 / devicePixelRatio (imageToDevice then snaps the origin to a whole device pixel). The pan is
 * kept where the image covers the viewport along each axis it overflows (and stays whole inside
 * it along an axis it fits), so panning walks over the image and never off it.
 */
export function oneToOneGeometry(
  geometry: ViewGeometry,
  surface: Surface,
  size: { readonly columns: number; readonly rows: number } | undefined,
): ViewGeometry {
  const scale = 1 / (surface.devicePixelRatio || 1);
  if (!size || !(surface.width > 0 && surface.height > 0)) return { ...geometry, scale };
  const quarter = geometry.rotation === 90 || geometry.rotation === 270;
  const width = (quarter ? size.rows : size.columns) * scale;
  const height = (quarter ? size.columns : size.rows) * scale;
  const limitX = Math.abs(width - surface.width) / 2;
  const limitY = Math.abs(height - surface.height) / 2;
  const clamp = (value: number, limit: number): number =>
    Number.isNaN(value) ? 0 : Math.min(Math.max(value, -limit), limit);
  return {
    ...geometry,
    scale,
    pan: { x: clamp(geometry.pan.x, limitX), y: clamp(geometry.pan.y, limitY) },
  };
}
