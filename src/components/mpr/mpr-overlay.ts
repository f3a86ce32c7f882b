/** One pane's SVG overlay: reference lines, crosshair, slab edges, markers, scale bar, lengths. */
import { svg, type SVGTemplateResult } from 'lit';
import { length as lengthTool } from '../../controllers/tools/length.js';
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import type { ViewportStrings } from '../../i18n/strings.js';
import { planeNormal, type PlaneAxes } from '../../volume/standard-planes.js';
import { add, dot, scale, sub, type Vec3 } from '../../volume/vec3.js';
import { letters } from '../viewport/orientation-markers.js';
import type { PaneMapping, PlaneAxesSet } from './mpr-geometry.js';
import { PLANE_NAMES } from './mpr-geometry.js';

/** A distance drawn in one of the planes, kept as patient points (true in every plane). */
export interface MprLength {
  readonly id: string;
  readonly plane: MprPlaneName;
  readonly points: readonly [Vec3, Vec3];
  /** mm between the points. */
  readonly value: number;
}

export interface OverlayInput {
  readonly name: MprPlaneName;
  readonly mapping: PaneMapping;
  readonly axes: PlaneAxesSet;
  readonly crosshair: Vec3;
  /** mm; 0 for a thin reformat. */
  readonly slabThickness: number;
  /** How far (mm) a length's points may sit from this plane and still show on it. */
  readonly tolerance: number;
  readonly lengths: readonly MprLength[];
  readonly draft: readonly Vec3[] | undefined;
  readonly strings: ViewportStrings;
  readonly format: (value: number, digits: number) => string;
}

const FAR = 10000;
const IDENTITY = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };
const SCALE_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

export function renderPaneOverlay(input: OverlayInput): SVGTemplateResult {
  const { mapping, crosshair, name } = input;
  const centre = mapping.toCss(crosshair);
  const lines = PLANE_NAMES.filter((other) => other !== name).map((other) =>
    referenceLine(input, other, centre),
  );
  const { width, height } = mapping.box;
  return svg`${lines}
    <circle class="crosshair" cx=${centre.x} cy=${centre.y} r="4"></circle>
    ${markers(mapping.axes, width, height, input.strings)}
    ${scaleBar(mapping.scale, width, height, input.format)}
    ${input.lengths
      .filter((item) => item.points.every((p) => onPlane(input, p)))
      .map((item) => drawLength(input, item.points, `${input.format(item.value, 2)} mm`))}
    ${input.draft && input.draft.length > 0 ? drawLength(input, input.draft, undefined) : svg``}`;
}

function onPlane(input: OverlayInput, point: Vec3): boolean {
  const normal = planeNormal(input.mapping.axes);
  return Math.abs(dot(sub(point, input.crosshair), normal)) <= input.tolerance;
}

function drawLength(
  input: OverlayInput,
  points: readonly Vec3[],
  caption: string | undefined,
): SVGTemplateResult {
  // The stack viewer's length tool draws it, in CSS pixels already.
  return svg`<g class="measurement">${lengthTool.draw(
    points.map((p) => input.mapping.toCss(p)),
    IDENTITY,
    caption,
  )}</g>`;
}

/** Where plane `other` cuts this one: through the crosshair, with its slab's faces dashed. */
function referenceLine(
  input: OverlayInput,
  other: MprPlaneName,
  centre: { x: number; y: number },
): SVGTemplateResult {
  const direction = input.mapping.lineDirection(input.axes[other]);
  const line = (offset: { x: number; y: number }, dashed: boolean): SVGTemplateResult => {
    const x = centre.x + offset.x;
    const y = centre.y + offset.y;
    return svg`<line class=${`reference ${other}${dashed ? ' slab' : ''}`} data-plane=${other}
      x1=${x - direction.x * FAR} y1=${y - direction.y * FAR}
      x2=${x + direction.x * FAR} y2=${y + direction.y * FAR}></line>`;
  };
  const faces: SVGTemplateResult[] = [];
  if (input.slabThickness > 0) {
    // The slab's faces: ± thickness/2 along the other plane's normal, seen in this plane.
    const normal = planeNormal(input.axes[other]);
    const half = scale(normal, input.slabThickness / 2);
    const a = input.mapping.toCss(sub(input.crosshair, half));
    const c = input.mapping.toCss(add(input.crosshair, half));
    faces.push(line({ x: a.x - centre.x, y: a.y - centre.y }, true));
    faces.push(line({ x: c.x - centre.x, y: c.y - centre.y }, true));
  }
  return svg`${line({ x: 0, y: 0 }, false)}${faces}`;
}

function markers(
  axes: PlaneAxes,
  width: number,
  height: number,
  strings: ViewportStrings,
): SVGTemplateResult {
  const row = axes.rowDirection;
  const column = axes.columnDirection;
  const flip = (v: Vec3): Vec3 => [-v[0], -v[1], -v[2]];
  return svg`<g class="markers">
    <text class="marker" data-edge="left" x="6" y=${height / 2}>${letters(flip(row), strings)}</text>
    <text class="marker" data-edge="right" x=${width - 6} y=${height / 2} text-anchor="end">${letters(row, strings)}</text>
    <text class="marker" data-edge="top" x=${width / 2} y="16" text-anchor="middle">${letters(flip(column), strings)}</text>
    <text class="marker" data-edge="bottom" x=${width / 2} y=${height - 8} text-anchor="middle">${letters(column, strings)}</text>
  </g>`;
}

/** A bar of a round number of mm, about a fifth of the pane wide. */
function scaleBar(
  pixelsPerMm: number,
  width: number,
  height: number,
  format: (value: number, digits: number) => string,
): SVGTemplateResult {
  const target = width / 5 / pixelsPerMm;
  const mm = SCALE_STEPS.reduce(
    (best, step) => (step <= target ? step : best),
    SCALE_STEPS[0] ?? 1,
  );
  const length = mm * pixelsPerMm;
  const x = width - 16 - length;
  const y = height - 28;
  return svg`<g class="scale-bar" data-mm=${mm}>
    <path d=${`M${x} ${y - 4}v4h${length}v-4`}></path>
    <text x=${x + length / 2} y=${y - 8} text-anchor="middle">${format(mm, 0)} mm</text>
  </g>`;
}
