import { svg } from 'lit';
import { drawRegion, measureRegion, regionCaption } from './region.js';
import type { MeasurementToolDefinition } from './tool-definition.js';

/** The ellipse inscribed in an image-aligned box: its area, and statistics in modality units. */
export const ellipse: MeasurementToolDefinition<'ellipse'> = {
  id: 'ellipse',
  kind: 'measurement',
  key: 'o',
  label: 'ellipse',
  strokes: [2],
  measure: (points, image) => measureRegion('ellipse', points, image),
  draw: (points, m, caption) =>
    drawRegion(points, m, caption, ([c0, c1, c2, c3]) => {
      if (!c0 || !c1 || !c2 || !c3) return svg``;
      const cx = (c0.x + c2.x) / 2;
      const cy = (c0.y + c2.y) / 2;
      const rx = Math.hypot(c1.x - c0.x, c1.y - c0.y) / 2;
      const ry = Math.hypot(c3.x - c0.x, c3.y - c0.y) / 2;
      const angle = (Math.atan2(c1.y - c0.y, c1.x - c0.x) * 180) / Math.PI;
      return svg`<ellipse class="shape" cx=${cx} cy=${cy} rx=${rx} ry=${ry} transform="rotate(${angle} ${cx} ${cy})"></ellipse>`;
    }),
  caption: regionCaption,
};
