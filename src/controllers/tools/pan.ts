import type { DragToolDefinition } from './tool-definition.js';

/** Moves the image with the pointer (also the middle button, whatever the tool). */
export const pan: DragToolDefinition<'pan'> = {
  id: 'pan',
  kind: 'drag',
  key: 'p',
  move(host, { dx, dy }) {
    host.pan = { x: host.pan.x + dx, y: host.pan.y + dy };
  },
};
