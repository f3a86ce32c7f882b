/**
 * What a locked viewport still lets the reader do. A review console's quality control (ANSM
 * decision of 15 January 2020, §8.7.5) views the test pattern 1:1, unwindowed, with the loupe
 * only: no window, preset, invert, zoom, rotation or flip may change the displayed grey values
 * or the pixel grid. Panning (to reach every part of a pattern larger than the screen) and
 * moving through a stack do neither, so they stay.
 */
import { magnifier } from './tools/magnifier.js';
import { pan } from './tools/pan.js';
import type { ToolDefinition } from './tools/tool-definition.js';

/** The tool a pointer button runs on a locked viewport: the loupe, or pan on the middle button. */
export function lockedButtonTool(button: number): ToolDefinition | undefined {
  if (button === 0) return magnifier;
  if (button === 1) return pan;
  return undefined;
}

const NAVIGATION = new Set([
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

/** Keys a locked viewport still answers: the stack, and Ctrl/Alt+arrows to pan. */
export function allowedWhenLocked(event: KeyboardEvent): boolean {
  return NAVIGATION.has(event.key) && !event.shiftKey;
}
