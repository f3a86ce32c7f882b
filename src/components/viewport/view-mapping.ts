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
