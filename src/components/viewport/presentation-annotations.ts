/**
 * Graphic and text annotations of a presentation state (PS3.3 C.10.5) as SVG over the image,
 * layer by layer in Graphic Layer Order, in the layer's recommended grey or colour (C.10.7.1.1).
 * PIXEL coordinates follow the image (its rotation, flip and zoom); DISPLAY coordinates are
 * fractions of the displayed area as shown. Text goes through text bindings, never markup.
 */
import { html, nothing, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type {
  AnnotationUnits,
  GraphicLayer,
  GraphicObject,
  Point2,
  TextObject,
} from '../../dicom/presentation-state-model.js';
import { areaBounds, type AppliedPresentation } from '../../render/presentation-display.js';
import { apply, type Affine } from '../../render/view-transform.js';
import { pValueGrey } from './presentation-shutter.js';

type ToCss = (units: AnnotationUnits, point: Point2) => Point2;

export function renderPresentationAnnotations(
  applied: AppliedPresentation | undefined,
  m: Affine | undefined,
  image: { readonly columns: number; readonly rows: number },
): TemplateResult | typeof nothing {
  if (!applied || !m || applied.annotations.length === 0) return nothing;
  // DISPLAY units: the displayed area (the whole image when none is given) as it lands on screen.
  const area = applied.displayedArea
    ? areaBounds(applied.displayedArea)
    : { x0: 0, y0: 0, x1: image.columns, y1: image.rows };
  const corners = [
    apply(m, area.x0, area.y0),
    apply(m, area.x1, area.y0),
    apply(m, area.x0, area.y1),
    apply(m, area.x1, area.y1),
  ];
  const left = Math.min(...corners.map((p) => p.x));
  const top = Math.min(...corners.map((p) => p.y));
  const width = Math.max(...corners.map((p) => p.x)) - left;
  const height = Math.max(...corners.map((p) => p.y)) - top;
  const toCss: ToCss = (units, point) =>
    units === 'PIXEL'
      ? apply(m, point.x, point.y)
      : { x: left + point.x * width, y: top + point.y * height };
  const layers = applied.annotations.map(
    ({ layer, annotation }) =>
      svg`<g class="gsps-layer" data-layer=${layer.name} style=${`color: ${layerColour(layer)}`}>
        ${annotation.graphics.map((graphic) => drawGraphic(graphic, toCss))}
        ${annotation.texts.map((text) => drawText(text, toCss))}
      </g>`,
  );
  return html`<svg class="annotations gsps" aria-hidden="true">${layers}</svg>`;
}

/** The recommended colour (CIELab, PS3.3 C.10.7.1.1), else grey, else the annotation colour. */
export function layerColour(layer: GraphicLayer): string {
  if (layer.cielab) {
    const [r, g, b] = cielabToSrgb(layer.cielab);
    return `rgb(${String(r)}, ${String(g)}, ${String(b)})`;
  }
  if (layer.grayscale !== undefined) {
    const grey = pValueGrey(layer.grayscale);
    return `rgb(${String(grey)}, ${String(grey)}, ${String(grey)})`;
  }
  return 'var(--cb-viewport-annotation-color, #ffd400)';
}

/**
 * DICOM-scaled CIELab (PS3.3 C.10.7.1.1: L* 0…100 and a*, b* −128…127 onto 0…0xFFFF) → sRGB
 * through XYZ with the D65 white point (PS3.3 C.10.7.1.1 names D50; the difference is below what
 * an annotation colour needs).
 */
export function cielabToSrgb(lab: readonly [number, number, number]): [number, number, number] {
  const l = (lab[0] / 0xffff) * 100;
  const a = (lab[1] / 0xffff) * 255 - 128;
  const b = (lab[2] / 0xffff) * 255 - 128;
  const fy = (l + 16) / 116;
  const f = (t: number): number => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));
  const x = 0.95047 * f(fy + a / 500);
  const y = 1.0 * f(fy);
  const z = 1.08883 * f(fy - b / 200);
  const linear = [
    3.2406 * x - 1.5372 * y - 0.4986 * z,
    -0.9689 * x + 1.8758 * y + 0.0415 * z,
    0.0557 * x - 0.204 * y + 1.057 * z,
  ];
  const [r = 0, g = 0, bl = 0] = linear.map((c) => {
    const v = c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
    return Math.round(Math.min(Math.max(v, 0), 1) * 255);
  });
  return [r, g, bl];
}

function drawGraphic(graphic: GraphicObject, toCss: ToCss): SVGTemplateResult {
  const points = graphic.points.map((point) => toCss(graphic.units, point));
  const fill = graphic.filled ? 'currentColor' : 'none';
  const style = 'stroke: currentColor; stroke-width: 1.5px';
  switch (graphic.type) {
    case 'POINT': {
      const p = points[0] ?? { x: 0, y: 0 };
      return svg`<circle class="gsps-point" cx=${p.x} cy=${p.y} r="2.5" style=${style} fill="currentColor"></circle>`;
    }
    case 'CIRCLE': {
      // C.10.5.1.2: the centre, then a point on the circumference.
      const [c = { x: 0, y: 0 }, edge = { x: 0, y: 0 }] = points;
      const r = Math.hypot(edge.x - c.x, edge.y - c.y);
      return svg`<circle class="gsps-circle" cx=${c.x} cy=${c.y} r=${r} style=${style} fill=${fill}></circle>`;
    }
    case 'ELLIPSE': {
      // C.10.5.1.2: the major axis end points, then the minor axis end points.
      const [a = { x: 0, y: 0 }, b = { x: 0, y: 0 }, c = { x: 0, y: 0 }, d = { x: 0, y: 0 }] =
        points;
      const cx = (a.x + b.x) / 2;
      const cy = (a.y + b.y) / 2;
      const angle = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
      return svg`<ellipse class="gsps-ellipse" cx=${cx} cy=${cy} rx=${Math.hypot(b.x - a.x, b.y - a.y) / 2}
        ry=${Math.hypot(d.x - c.x, d.y - c.y) / 2} transform=${`rotate(${String(angle)} ${String(cx)} ${String(cy)})`}
        style=${style} fill=${fill}></ellipse>`;
    }
    case 'POLYLINE':
      return svg`<polyline class="gsps-polyline" points=${points.map((p) => `${String(p.x)},${String(p.y)}`).join(' ')}
        style=${style} fill=${fill}></polyline>`;
    case 'INTERPOLATED':
      return svg`<path class="gsps-interpolated" d=${smoothPath(points)} style=${style} fill=${fill}></path>`;
  }
}

/** A Catmull-Rom curve through every point (C.10.5.1.2 leaves the interpolation to the display). */
function smoothPath(points: readonly Point2[]): string {
  const at = (i: number): Point2 =>
    points[Math.min(Math.max(i, 0), points.length - 1)] ?? { x: 0, y: 0 };
  let d = `M ${String(at(0).x)} ${String(at(0).y)}`;
  for (let i = 0; i < points.length - 1; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    const c1 = { x: p1.x + (p2.x - p0.x) / 6, y: p1.y + (p2.y - p0.y) / 6 };
    const c2 = { x: p2.x - (p3.x - p1.x) / 6, y: p2.y - (p3.y - p1.y) / 6 };
    d += ` C ${String(c1.x)} ${String(c1.y)} ${String(c2.x)} ${String(c2.y)} ${String(p2.x)} ${String(p2.y)}`;
  }
  return d;
}

function drawText(text: TextObject, toCss: ToCss): SVGTemplateResult {
  const box = text.boundingBox;
  const anchor = text.anchor ? toCss(text.anchor.units, text.anchor.point) : undefined;
  let x: number;
  let y: number;
  let align: 'start' | 'middle' | 'end' = 'start';
  if (box) {
    const a = toCss(box.units, box.topLeft);
    const b = toCss(box.units, box.bottomRight);
    const left = Math.min(a.x, b.x);
    const right = Math.max(a.x, b.x);
    align =
      box.justification === 'RIGHT' ? 'end' : box.justification === 'CENTER' ? 'middle' : 'start';
    x = align === 'end' ? right : align === 'middle' ? (left + right) / 2 : left;
    y = Math.min(a.y, b.y);
  } else {
    x = anchor?.x ?? 0;
    y = anchor?.y ?? 0;
  }
  const line =
    box && anchor && text.anchor?.visible
      ? svg`<line class="gsps-anchor" x1=${x} y1=${y} x2=${anchor.x} y2=${anchor.y} style="stroke: currentColor"></line>`
      : nothing;
  return svg`${line}<text class="gsps-text" x=${x} y=${y} dominant-baseline="hanging" text-anchor=${align}
    style="fill: currentColor">${text.text}</text>`;
}
