import { zoomAround } from '../tool-host.js';
import type { DragToolDefinition } from './tool-definition.js';

/** Drag up to magnify around the pointer (also the secondary button, whatever the tool). */
export const zoom: DragToolDefinition<'zoom'> = {
  id: 'zoom',
  kind: 'drag',
  key: 'z',
  move(host, { dy, x, y }) {
    zoomAround(host, Math.exp(-dy / 100), x, y);
  },
};
