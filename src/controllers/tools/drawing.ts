import { svg, type SVGTemplateResult } from 'lit';
import type { ImagePoint, Measurement } from '../../render/measurement.js';
import { apply, type Affine } from '../../render/view-transform.js';
import type { FormatNumber } from './tool-definition.js';

/** Image points → viewport CSS pixels. */
export function toCss(points: readonly ImagePoint[], m: Affine): { x: number; y: number }[] {
  return points.map((point) => apply(m, point.x, point.y));
}

/** SVG `points` attribute text. */
export function pointList(points: readonly { x: number; y: number }[]): string {
  return points.map((q) => `${q.x},${q.y}`).join(' ');
}

/** A measurement's text, up and to the right of `at`. */
export function captionAt(
  at: { x: number; y: number } | undefined,
  text: string | undefined,
): SVGTemplateResult {
  return text && at ? svg`<text x=${at.x + 6} y=${at.y - 6}>${text}</text>` : svg``;
}

/** A keyboard draft's lone point, drawn as a cross until the next Enter. */
export function cursorCross(at: { x: number; y: number }): SVGTemplateResult {
  return svg`<path class="shape cursor" d="M${at.x - 8} ${at.y}h16M${at.x} ${at.y - 8}v16"></path>`;
}

/** "25.00 mm", "90.0°": the value with its unit. */
export function valueCaption(measurement: Measurement, n: FormatNumber): string {
  if (measurement.unit === 'deg') return `${n(measurement.value, 1)} °`;
  return `${n(measurement.value, 2)} ${measurement.unit}`;
}
