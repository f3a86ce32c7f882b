import { svg } from 'lit';
import { physicalLength } from '../../render/measurement.js';
import { captionAt, cursorCross, toCss, valueCaption } from './drawing.js';
import type { MeasurementToolDefinition } from './tool-definition.js';

/** A distance between two points, in mm from Pixel Spacing (PS3.3 10.7.1.3), else in pixels. */
export const length: MeasurementToolDefinition<'length'> = {
  id: 'length',
  kind: 'measurement',
  key: 'l',
  label: 'length',
  strokes: [2],
  measure([a, b], { calibration }) {
    if (!a || !b) return undefined;
    const value = physicalLength(a, b, calibration);
    return { value, unit: calibration.kind === 'none' ? 'px' : 'mm' };
  },
  draw(points, m, caption) {
    const [a, b] = toCss(points, m);
    if (!a) return svg``;
    if (!b) return cursorCross(a);
    return svg`<line class="shape" x1=${a.x} y1=${a.y} x2=${b.x} y2=${b.y}></line>${captionAt(b, caption)}`;
  },
  caption: valueCaption,
};
