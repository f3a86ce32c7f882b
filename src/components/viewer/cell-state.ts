import type { CellRotation, ViewerCellState } from '../../hanging-protocols/viewer-cell-state.js';
import type { CbViewport } from '../viewport/viewport.js';
import type { ViewerCell } from '../../session/viewer-cell.js';

const SOP_INSTANCE_UID = 0x00080018;

/** `getLayout()` entry: what the cell's viewport shows now (its index, window, zoom), else the cell's plan. */
export function cellStateOf(cell: ViewerCell, viewport: CbViewport | undefined): ViewerCellState {
  const shown = viewport?.currentImage?.image;
  const voi = viewport?.voi;
  return {
    row: cell.row,
    column: cell.column,
    studyInstanceUid: cell.studyInstanceUid,
    seriesInstanceUid: cell.seriesInstanceUid,
    sopInstanceUid: shown?.dataset.string(SOP_INSTANCE_UID) ?? cell.sopInstanceUid,
    frame: shown?.frame ?? cell.frame,
    flipHorizontal: viewport ? viewport.flipHorizontal : cell.flipHorizontal,
    rotation: viewport ? quarterTurn(viewport.rotation) : cell.rotation,
    voi: voi ? { center: voi.windowCenter, width: voi.windowWidth } : cell.voi,
    scale: viewport ? viewport.scale : cell.scale,
  };
}

function quarterTurn(degrees: number): CellRotation {
  const turned = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  return turned === 90 || turned === 180 || turned === 270 ? turned : 0;
}
