import { svg } from 'lit';
import { pointList } from './drawing.js';
import { drawRegion, measureRegion, regionCaption } from './region.js';
import type { MeasurementToolDefinition } from './tool-definition.js';

/** An image-aligned rectangle: its area, and mean / SD / min / max in modality units. */
export const rectangle: MeasurementToolDefinition<'rectangle'> = {
  id: 'rectangle',
  kind: 'measurement',
  key: 'b',
  label: 'rectangle',
  strokes: [2],
  measure: (points, image) => measureRegion('rectangle', points, image),
  draw: (points, m, caption) =>
    drawRegion(
      points,
      m,
      caption,
      (corners) => svg`<polygon class="shape" points=${pointList(corners)}></polygon>`,
    ),
  caption: regionCaption,
};
