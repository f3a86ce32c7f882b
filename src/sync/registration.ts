import type { Registration, SlicePlane } from './slice-position.js';
import { imageToPatient } from './slice-position.js';
import { subtract, type Vec3 } from './vector.js';

/**
 * A translation-only registration from one click pair: the user clicks the same anatomical point
 * in the source and in the target. Enough to scroll two stacks of different Frames of Reference
 * together (same patient, similar positioning); rotation between scans is not corrected.
 */
export function registrationFromPoints(source: Vec3, target: Vec3): Registration {
  return { translation: subtract(target, source) };
}

/** The same, from clicked pixel positions (column, row) on two displayed slices. */
export function registrationFromClicks(
  source: { readonly plane: SlicePlane; readonly column: number; readonly row: number },
  target: { readonly plane: SlicePlane; readonly column: number; readonly row: number },
): Registration {
  return registrationFromPoints(
    imageToPatient(source.plane, source.column, source.row),
    imageToPatient(target.plane, target.column, target.row),
  );
}
