/**
 * A cell of the viewer's grid as data: what it shows (image stack, report, nothing), how (the
 * hanging protocol's flips, rotation, alignment, scale group, links) and its loading state.
 */
import type { DicomDataset } from '../../dicom/dataset.js';
import type {
  CellAlignment,
  CellLinks,
  CellRotation,
  CellVoi,
  HangingLayout,
  ViewerCellState,
} from '../../hanging-protocols/viewer-cell-state.js';
import type { SpacingMm } from '../../hanging-protocols/summaries.js';

export type CellContent = 'image' | 'sr' | 'pdf' | 'empty';

export interface ViewerCell {
  /** Stable identity for rendering (a cell keeps its viewport while its series changes). */
  readonly id: number;
  readonly row: number;
  readonly column: number;
  readonly label: string;
  readonly role: 'current' | 'prior' | undefined;
  readonly content: CellContent;
  readonly studyInstanceUid: string | undefined;
  readonly seriesInstanceUid: string | undefined;
  readonly sopInstanceUid: string | undefined;
  readonly frame: number;
  /** Where the viewport starts in the expanded stack (one entry per frame). */
  readonly index: number;
  readonly flipHorizontal: boolean;
  readonly rotation: CellRotation;
  readonly voi: CellVoi | undefined;
  readonly scale: 'fit' | number;
  readonly alignment: CellAlignment;
  readonly scaleGroup: string | undefined;
  readonly spacingMm: SpacingMm | undefined;
  readonly links: CellLinks;
  readonly priorAgeDays: number | undefined;
  readonly stack: readonly DicomDataset[];
  readonly document: DicomDataset | undefined;
  readonly progress: { readonly loaded: number; readonly total: number } | undefined;
  /** Nothing could be shown (metadata or report retrieval failed): Retry fills the cell again. */
  readonly failed: boolean;
  /** Frames of the series still missing after the loader's retries (0 = none): Retry asks again. */
  readonly framesFailed: number;
  /** Which slice is loaded nearest to an index (the viewport's stand-in while one loads). */
  readonly nearestLoaded: ((index: number) => number | undefined) | undefined;
}

export interface ViewerGrid {
  readonly rows: number;
  readonly columns: number;
  readonly cells: readonly ViewerCell[];
}

let nextId = 1;

export function blankCell(row: number, column: number, label = ''): ViewerCell {
  return {
    id: nextId++,
    row,
    column,
    label,
    role: undefined,
    content: 'empty',
    studyInstanceUid: undefined,
    seriesInstanceUid: undefined,
    sopInstanceUid: undefined,
    frame: 0,
    index: 0,
    flipHorizontal: false,
    rotation: 0,
    voi: undefined,
    scale: 'fit',
    alignment: 'center',
    scaleGroup: undefined,
    spacingMm: undefined,
    links: {},
    priorAgeDays: undefined,
    stack: [],
    document: undefined,
    progress: undefined,
    failed: false,
    framesFailed: 0,
    nearestLoaded: undefined,
  };
}

/** A hung layout as cells (image content; empty cells stay, labelled). */
export function gridFromHanging(layout: HangingLayout): ViewerGrid {
  return {
    rows: layout.rows,
    columns: layout.columns,
    cells: layout.cells.map((cell) => ({
      ...blankCell(cell.row, cell.column, cell.label),
      role: cell.role,
      content: cell.empty || cell.seriesInstanceUid === undefined ? 'empty' : 'image',
      studyInstanceUid: cell.studyInstanceUid,
      seriesInstanceUid: cell.seriesInstanceUid,
      sopInstanceUid: cell.sopInstanceUid,
      frame: cell.frame,
      flipHorizontal: cell.flipHorizontal,
      rotation: cell.rotation,
      voi: cell.voi,
      scale: cell.scale,
      alignment: cell.alignment,
      scaleGroup: cell.scaleGroup,
      spacingMm: cell.spacingMm,
      links: cell.links,
      priorAgeDays: cell.priorAgeDays,
    })),
  };
}

/** `setLayout()`: cells from plain states; the grid is as large as the largest row/column. */
export function gridFromStates(states: readonly ViewerCellState[]): ViewerGrid {
  const rows = Math.max(1, ...states.map((state) => state.row + 1));
  const columns = Math.max(1, ...states.map((state) => state.column + 1));
  const cells: ViewerCell[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const state = states.find((item) => item.row === row && item.column === column);
      const cell = blankCell(row, column);
      cells.push(
        state === undefined
          ? cell
          : {
              ...cell,
              content: state.seriesInstanceUid === undefined ? 'empty' : 'image',
              studyInstanceUid: state.studyInstanceUid,
              seriesInstanceUid: state.seriesInstanceUid,
              sopInstanceUid: state.sopInstanceUid,
              frame: state.frame,
              flipHorizontal: state.flipHorizontal,
              rotation: state.rotation,
              voi: state.voi,
              scale: state.scale,
            },
      );
    }
  }
  return { rows, columns, cells };
}

/** `layout="RxC"`: the protocol's cells in row-major order on a fixed grid, padded with empties. */
export function reshapeGrid(grid: ViewerGrid, rows: number, columns: number): ViewerGrid {
  const ordered = [...grid.cells]
    .filter((cell) => cell.content !== 'empty')
    .sort((a, b) => a.row - b.row || a.column - b.column);
  const cells: ViewerCell[] = [];
  for (let i = 0; i < rows * columns; i++) {
    const row = Math.floor(i / columns);
    const column = i % columns;
    const source = ordered[i];
    cells.push(source ? { ...source, row, column } : blankCell(row, column));
  }
  return { rows, columns, cells };
}

/** '1x2' → 1 row, 2 columns; 'auto' or anything unreadable → undefined. */
export function parseLayout(value: string): { rows: number; columns: number } | undefined {
  const match = /^([1-4])x([1-4])$/i.exec(value.trim());
  return match ? { rows: Number(match[1]), columns: Number(match[2]) } : undefined;
}
