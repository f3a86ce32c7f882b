import type { SliceSource } from './slice-geometry.js';

/** A slice source as a map key. */
export function sliceKey(source: SliceSource): string {
  return `${source.instance}:${source.frame}`;
}
