/** `<cb-mpr>`'s public API, re-exported by src/index.ts. */
export { CbMpr } from './mpr.js';
export type { MprTool } from './mpr-input.js';
export type { MprSlabMode } from './mpr-toolbar.js';
export type { MprWindow } from './mpr-paint.js';
export type { MprLength } from './mpr-overlay.js';
export type { PlaneAxesSet } from './mpr-geometry.js';
export {
  MprRenderedEvent,
  type MprRenderedDetail,
  type MprPlaneName,
} from '../../events/mpr-rendered.js';
export { VolumeErrorEvent, type VolumeErrorDetail } from '../../events/volume-error.js';
