import { clampIndex } from '../tool-host.js';
import type { DragToolDefinition } from './tool-definition.js';

/** CSS pixels of vertical drag per slice. */
const PIXELS_PER_SLICE = 8;

/** Drag down to go through the stack, one slice per 8 CSS pixels. */
export const scroll: DragToolDefinition<'scroll'> = {
  id: 'scroll',
  kind: 'drag',
  key: 's',
  move(host, motion) {
    motion.carry += motion.dy;
    const steps = Math.trunc(motion.carry / PIXELS_PER_SLICE);
    if (steps === 0) return;
    motion.carry -= steps * PIXELS_PER_SLICE;
    host.index = clampIndex(host, host.index + steps);
  },
};
