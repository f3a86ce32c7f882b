import { svg } from 'lit';
import { physicalAngle } from '../../render/measurement.js';
import { captionAt, cursorCross, pointList, toCss, valueCaption } from './drawing.js';
import type { MeasurementToolDefinition } from './tool-definition.js';

/**
 * The angle at a vertex between two arms, in degrees, measured in physical space (so anisotropic
 * Pixel Spacing does not bend it). Points: end, vertex, end; by pointer, a drag from the first
 * end to the vertex, then one from the vertex to the other end.
 */
export const angle: MeasurementToolDefinition<'angle'> = {
  id: 'angle',
  kind: 'measurement',
  key: 'a',
  label: 'angle',
  strokes: [2, 1],
  measure([a, vertex, b], { calibration }) {
    if (!a || !vertex || !b) return undefined;
    return { value: physicalAngle(a, vertex, b, calibration), unit: 'deg' };
  },
  draw(points, m, caption) {
    const [a, b, c] = toCss(points, m);
    if (!a) return svg``;
    if (!b) return cursorCross(a);
    return svg`<polyline class="shape" points=${pointList([a, b, c ?? b])}></polyline>${captionAt(b, caption)}`;
  },
  caption: valueCaption,
};
