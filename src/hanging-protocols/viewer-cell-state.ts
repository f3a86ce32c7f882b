import type { SpacingMm } from './summaries.js';

/** Quarter-turn clockwise rotation applied after the horizontal flip (as the renderer does). */
export type CellRotation = 0 | 90 | 180 | 270;

/** Where the image sits in its cell: against the chest wall edge for mammography, else centred. */
export type CellAlignment = 'chest-wall-left' | 'chest-wall-right' | 'center';

/** A VOI window (PS3.3 C.11.2.1.2): centre and width in modality units. */
export interface CellVoi {
  readonly center: number;
  readonly width: number;
}

/**
 * One cell of the viewer as data: what `<cb-viewer>.getLayout()` returns and `setLayout()` takes.
 * Row and column are zero-based; an empty cell has no series or instance.
 */
export interface ViewerCellState {
  readonly row: number;
  readonly column: number;
  readonly studyInstanceUid: string | undefined;
  readonly seriesInstanceUid: string | undefined;
  /** undefined: the series' first image. */
  readonly sopInstanceUid: string | undefined;
  /** Zero-based frame inside the instance. */
  readonly frame: number;
  readonly flipHorizontal: boolean;
  readonly rotation: CellRotation;
  /** undefined: the image's own default window. */
  readonly voi: CellVoi | undefined;
  /** 'fit', or CSS pixels per image pixel. */
  readonly scale: 'fit' | number;
}

/** Groups of cells that move together; cells with the same group name are linked. */
export interface CellLinks {
  /** Scroll by patient position (src/sync/slice-position.ts). */
  readonly position?: string;
  readonly zoomPan?: string;
  readonly voi?: string;
}

/** A cell as a hanging protocol fills it: the state plus what the viewer needs to honour it. */
export interface HangingCell extends ViewerCellState {
  /** 'current' study or a 'prior' one. */
  readonly role: 'current' | 'prior';
  /** Short view label shown in the cell ('RCC', 'LMLO', a series description …), never patient data. */
  readonly label: string;
  /** True when the protocol asked for an image the study does not have: the cell stays, labelled. */
  readonly empty: boolean;
  readonly alignment: CellAlignment;
  /**
   * Cells sharing a scale group are shown at the same mm per CSS pixel (see
   * src/sync/physical-scale.ts); `spacingMm` is this image's pixel spacing in the patient.
   */
  readonly scaleGroup: string | undefined;
  readonly spacingMm: SpacingMm | undefined;
  readonly links: CellLinks;
  /** Days between the prior and the current study, for prior cells with dates. */
  readonly priorAgeDays: number | undefined;
}

/** A hung layout: the grid and one entry per cell, in row-major order. */
export interface HangingLayout {
  readonly protocolId: string;
  readonly rows: number;
  readonly columns: number;
  readonly cells: readonly HangingCell[];
}

/** The plain `getLayout()` form of a hung layout. */
export function cellStatesOf(layout: HangingLayout): ViewerCellState[] {
  return layout.cells.map(cellStateOf);
}

/** The plain `getLayout()` form of one hung cell. */
export function cellStateOf(cell: HangingLayout['cells'][number]): ViewerCellState {
  return {
    row: cell.row,
    column: cell.column,
    studyInstanceUid: cell.studyInstanceUid,
    seriesInstanceUid: cell.seriesInstanceUid,
    sopInstanceUid: cell.sopInstanceUid,
    frame: cell.frame,
    flipHorizontal: cell.flipHorizontal,
    rotation: cell.rotation,
    voi: cell.voi,
    scale: cell.scale,
  };
}
