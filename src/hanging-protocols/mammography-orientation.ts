import type { InstanceSummary } from './summaries.js';
import type { CellRotation } from './viewer-cell-state.js';

/**
 * How to turn a mammogram so its chest wall touches the wanted cell edge and the head is up.
 *
 * Patient Orientation (0020,0020) gives the patient direction of the image rows (left → right
 * on screen) and columns (top → bottom), PS3.3 C.7.6.1.1.1. In a breast projection the row
 * direction is A (towards the nipple) or P (towards the chest wall):
 * - chest wall on the RIGHT edge needs rows pointing P: 'P' → as stored, 'A' → flipHorizontal;
 * - chest wall on the LEFT edge needs rows pointing A: 'A' → as stored, 'P' → flipHorizontal.
 * With the screening layout (right breast in the left-hand columns, chest wall right; left
 * breast chest wall left) the breasts meet chest wall to chest wall:
 * - RCC 'A\L', RMLO 'A\FR' (stored chest wall left, as most detectors read out) → flipped;
 *   RCC 'P\L', RMLO 'P\F' (already mirrored by the modality) → shown as stored;
 * - LCC 'A\R', LMLO 'A\FL' → shown as stored; LCC 'P\R' → flipped.
 * Without Patient Orientation we assume the detector read-out (chest wall on the left of the
 * matrix, rows 'A'): right views are flipped, left views are not.
 *
 * For lateral and oblique views the column direction should run head → foot ('F'); one running
 * foot → head ('H') is upside down: a vertical flip, expressed as a 180° turn plus a horizontal
 * flip because the cell state has only flipHorizontal and rotation (R(180)·Fx = Fy).
 */
export function orientForChestWall(
  instance: InstanceSummary | undefined,
  chestWall: 'left' | 'right',
): { flipHorizontal: boolean; rotation: CellRotation } {
  const [rowDirection = '', columnDirection = ''] = instance?.patientOrientation ?? [];
  const wantedRow = chestWall === 'right' ? 'P' : 'A';
  const storedRow = rowDirection.includes('P') ? 'P' : rowDirection.includes('A') ? 'A' : 'A';
  let flipHorizontal = storedRow !== wantedRow;
  let rotation: CellRotation = 0;
  const upsideDown = columnDirection.includes('H') && !columnDirection.includes('F');
  if (upsideDown) {
    rotation = 180;
    flipHorizontal = !flipHorizontal;
  }
  return { flipHorizontal, rotation };
}
