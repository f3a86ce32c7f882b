import { svg } from 'lit';
import { applyModalityLut } from '../../render/modality-lut.js';
import { captionAt, toCss } from './drawing.js';
import type { MeasurementToolDefinition } from './tool-definition.js';

/**
 * The value of the pixel under a point: the stored value and the modality value it stands for,
 * stored × Rescale Slope + Rescale Intercept or the Modality LUT (PS3.3 C.11.1.1.2), in the
 * Rescale Type's unit (HU for CT, PS3.3 C.8.2.1.1.4). Grayscale images only: a colour pixel has
 * no modality value.
 */
export const probe: MeasurementToolDefinition<'probe'> = {
  id: 'probe',
  kind: 'measurement',
  key: 'u',
  label: 'probe',
  strokes: [1],
  measure([point], { frame, modality }) {
    if (!point || frame.samplesPerPixel !== 1) return undefined;
    // Image coordinates put (0,0) at the first pixel's top-left corner: pixel (c, r) spans [c, c+1).
    const column = Math.floor(point.x);
    const row = Math.floor(point.y);
    if (column < 0 || row < 0 || column >= frame.columns || row >= frame.rows) return undefined;
    const storedValue = frame.pixels[row * frame.columns + column];
    if (storedValue === undefined) return undefined;
    return {
      value: applyModalityLut(modality, storedValue),
      unit: modality.unit ?? '',
      storedValue,
    };
  },
  draw(points, m, caption) {
    const [at] = toCss(points, m);
    if (!at) return svg``;
    return svg`<circle class="shape" cx=${at.x} cy=${at.y} r="3"></circle>${captionAt(at, caption)}`;
  },
  caption(measurement, n) {
    const unit = measurement.unit ? ` ${measurement.unit}` : '';
    return `${n(measurement.value, Number.isInteger(measurement.value) ? 0 : 2)}${unit}`;
  },
};
