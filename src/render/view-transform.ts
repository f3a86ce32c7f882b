/** An affine map like CanvasRenderingContext2D.setTransform: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export interface Affine {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

export type Rotation = 0 | 90 | 180 | 270;

/** How the user has placed the image: the viewport's `scale`, `pan`, `rotation` and flips. */
export interface ViewGeometry {
  /** 'fit' or CSS pixels per image pixel. */
  readonly scale: 'fit' | number;
  /** Offset of the image centre from the canvas centre, in CSS pixels. */
  readonly pan: { readonly x: number; readonly y: number };
  readonly rotation: Rotation;
  readonly flipHorizontal: boolean;
  readonly flipVertical: boolean;
}

export interface Surface {
  /** CSS size of the drawing area. */
  readonly width: number;
  readonly height: number;
  readonly devicePixelRatio: number;
}

/** CSS pixels per image pixel for this geometry on this surface. */
export function effectiveScale(
  geometry: ViewGeometry,
  surface: Surface,
  columns: number,
  rows: number,
): number {
  if (geometry.scale !== 'fit') return geometry.scale;
  const quarter = geometry.rotation === 90 || geometry.rotation === 270;
  const w = quarter ? rows : columns;
  const h = quarter ? columns : rows;
  const fit = Math.min(surface.width / w, surface.height / h);
  return Number.isFinite(fit) && fit > 0 ? fit : 1;
}

/**
 * Image pixel coordinates (origin at the top-left corner of pixel (0,0)) → device pixels.
 * The translation is snapped to whole device pixels when the zoom is an integer so that
 * at scale 1 every image pixel lands on exactly one device pixel (no resampling blur).
 */
export function imageToDevice(
  geometry: ViewGeometry,
  surface: Surface,
  columns: number,
  rows: number,
): Affine {
  const dpr = surface.devicePixelRatio;
  const s = effectiveScale(geometry, surface, columns, rows) * dpr;
  const radians = (geometry.rotation * Math.PI) / 180;
  const cos = Math.round(Math.cos(radians));
  const sin = Math.round(Math.sin(radians));
  const fx = geometry.flipHorizontal ? -1 : 1;
  const fy = geometry.flipVertical ? -1 : 1;
  // M = T(centre + pan) · S(s) · R(rotation) · F(flips) · T(−image centre)
  const a = s * cos * fx;
  const b = s * sin * fx;
  const c = -s * sin * fy;
  const d = s * cos * fy;
  let e = (surface.width / 2 + geometry.pan.x) * dpr - (a * columns) / 2 - (c * rows) / 2;
  let f = (surface.height / 2 + geometry.pan.y) * dpr - (b * columns) / 2 - (d * rows) / 2;
  if (Math.abs(s - Math.round(s)) < 1e-9) {
    e = Math.round(e);
    f = Math.round(f);
  }
  return { a, b, c, d, e, f };
}

export function invert(m: Affine): Affine {
  const det = m.a * m.d - m.b * m.c;
  return {
    a: m.d / det,
    b: -m.b / det,
    c: -m.c / det,
    d: m.a / det,
    e: (m.c * m.f - m.d * m.e) / det,
    f: (m.b * m.e - m.a * m.f) / det,
  };
}

export function apply(m: Affine, x: number, y: number): { x: number; y: number } {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}
