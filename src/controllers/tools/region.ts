import { svg, type SVGTemplateResult } from 'lit';
import type { ViewportStrings } from '../../i18n/strings.js';
import {
  regionArea,
  regionStatistics,
  type ImagePoint,
  type MeasuredValue,
  type Measurement,
} from '../../render/measurement.js';
import { apply, type Affine } from '../../render/view-transform.js';
import { captionAt, cursorCross, toCss, valueCaption } from './drawing.js';
import type { FormatNumber, MeasuredImage } from './tool-definition.js';

/** Shared by the rectangle and the ellipse: area, and statistics in modality units. */
export function measureRegion(
  kind: 'rectangle' | 'ellipse',
  [a, b]: readonly ImagePoint[],
  image: MeasuredImage,
): MeasuredValue | undefined {
  if (!a || !b) return undefined;
  const { calibration } = image;
  const statistics = regionStatistics(kind, a, b, image.frame, image.modality, image.padding);
  const value = regionArea(kind, a, b, calibration);
  const unit = calibration.kind === 'none' ? 'px²' : 'mm²';
  return statistics ? { value, unit, statistics } : { value, unit };
}

/** "Mean −975.0 HU SD 5.0 Min −980 Max −970 Area 4.00 mm²". */
export function regionCaption(
  measurement: Measurement,
  n: FormatNumber,
  strings: ViewportStrings,
): string {
  const area = valueCaption(measurement, n);
  const s = measurement.statistics;
  if (!s) return area;
  const unit = s.unit ? ` ${s.unit}` : '';
  const t = strings.statistics;
  return `${t.mean} ${n(s.mean, 1)}${unit} ${t.sd} ${n(s.standardDeviation, 1)} ${t.min} ${n(s.min, 0)} ${t.max} ${n(s.max, 0)} ${t.area} ${area}`;
}

/**
 * The region's corners come from image space, so with rotation the region stays axis-aligned in
 * the image; `shape` draws it from those four CSS corners.
 */
export function drawRegion(
  points: readonly ImagePoint[],
  m: Affine,
  caption: string | undefined,
  shape: (corners: { x: number; y: number }[]) => SVGTemplateResult,
): SVGTemplateResult {
  const [a, b] = points;
  const [cssA, cssB] = toCss(points, m);
  if (!a || !cssA) return svg``;
  if (!b) return cursorCross(cssA);
  const corners = [a, { x: b.x, y: a.y }, b, { x: a.x, y: b.y }].map((q) => apply(m, q.x, q.y));
  return svg`${shape(corners)}${captionAt(cssB, caption)}`;
}
