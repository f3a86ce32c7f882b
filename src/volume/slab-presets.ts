import type { SlabMode } from './reformat-plane.js';

/**
 * A named slab with the window it is read in: data a toolbar lists, not logic. Starting points
 * common in CT reading practice, which a site may replace with its own list.
 */
export interface SlabPreset {
  readonly id: string;
  readonly mode: SlabMode;
  /** Slab thickness, mm. */
  readonly thickness: number;
  /** VOI window (PS3.3 C.11.2.1.2), in HU. */
  readonly windowCenter: number;
  readonly windowWidth: number;
}

export const SLAB_PRESETS: readonly SlabPreset[] = [
  // Contrast-filled vessels are the brightest structures: a MIP follows them across slices
  // (10–20 mm is usual for CT angiography and pulmonary embolism reading).
  { id: 'ct-angiography', mode: 'mip', thickness: 15, windowCenter: 300, windowWidth: 800 },
  // Airways and emphysema are the darkest: a MinIP shows the bronchial tree.
  { id: 'lung', mode: 'minip', thickness: 10, windowCenter: -600, windowWidth: 1500 },
  // A thin average smooths noise while keeping cortical edges sharp.
  { id: 'bone', mode: 'average', thickness: 3, windowCenter: 500, windowWidth: 2000 },
];
