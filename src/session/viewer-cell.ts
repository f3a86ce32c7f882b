/**
 * A cell of the viewer's grid as data: what it shows (image stack, report, nothing), how (the
 * hanging protocol's flips, rotation, alignment, scale group, links) and its loading state.
 */
import type { DicomDataset } from '../dicom/dataset.js';
import type { SeriesLoader } from '../dicomweb/series-loader.js';
import {
  cellStateOf,
  type CellAlignment,
  type CellLinks,
  type CellRotation,
  type CellVoi,
  type HangingLayout,
  type ViewerCellState,
} from '../hanging-protocols/viewer-cell-state.js';
import type { SpacingMm } from '../hanging-protocols/summaries.js';

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
      ...cellStateOf(cell),
      role: cell.role,
      content: cell.empty || cell.seriesInstanceUid === undefined ? 'empty' : 'image',
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

/**
 * `layout="RxC"`: the protocol's cells on a fixed grid, padded with empties. A grid that still
 * holds every cell keeps them where the protocol put them (a side-by-side comparison stays side
 * by side). Otherwise, when current and prior are both hung, priors fill the upper rows and
 * currents the lower ones, each in the protocol's order with its labelled empty cells kept, so a
 * column still pairs a view with its prior (screening 2 × 4 on 2 × 2: RCC, LCC over RCC, LCC).
 * Anything else is laid out in row-major order.
 */
export function reshapeGrid(grid: ViewerGrid, rows: number, columns: number): ViewerGrid {
  const ordered = [...grid.cells].sort((a, b) => a.row - b.row || a.column - b.column);
  const placed = new Map<string, ViewerCell>();
  const at = (row: number, column: number): string => `${String(row)},${String(column)}`;
  const priors = ordered.filter((cell) => cell.role === 'prior');
  const currents = ordered.filter((cell) => cell.role === 'current');
  const hasImage = (cells: readonly ViewerCell[]): boolean =>
    cells.some((cell) => cell.content !== 'empty');
  if (ordered.every((cell) => cell.row < rows && cell.column < columns)) {
    for (const cell of ordered) placed.set(at(cell.row, cell.column), cell);
  } else if (rows >= 2 && hasImage(priors) && hasImage(currents)) {
    const priorRows = Math.floor(rows / 2);
    const fill = (cells: readonly ViewerCell[], firstRow: number, rowCount: number): void => {
      cells.slice(0, rowCount * columns).forEach((cell, i) => {
        const row = firstRow + Math.floor(i / columns);
        const column = i % columns;
        placed.set(at(row, column), { ...cell, row, column });
      });
    };
    fill(priors, 0, priorRows);
    fill(currents, priorRows, rows - priorRows);
  } else {
    ordered
      .filter((cell) => cell.content !== 'empty')
      .slice(0, rows * columns)
      .forEach((cell, i) => {
        const row = Math.floor(i / columns);
        const column = i % columns;
        placed.set(at(row, column), { ...cell, row, column });
      });
  }
  const cells: ViewerCell[] = [];
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++)
      cells.push(placed.get(at(row, column)) ?? blankCell(row, column));
  return { rows, columns, cells };
}

/** '1x2' → 1 row, 2 columns; 'auto' or anything unreadable → undefined. */
export function parseLayout(value: string): { rows: number; columns: number } | undefined {
  const match = /^([1-4])x([1-4])$/i.exec(value.trim());
  return match ? { rows: Number(match[1]), columns: Number(match[2]) } : undefined;
}

/**
 * A cell's image content from its series loader: the stack (one data set per instance), the
 * slice the cell names (its SOP Instance and frame, as `setLayout()` restores it) or the first.
 */
export function imageCellOf(
  cell: ViewerCell,
  loader: SeriesLoader,
): Partial<ViewerCell> & { readonly index: number } {
  const found = loader.slices.findIndex(
    (slice) =>
      (cell.sopInstanceUid === undefined || slice.source.sopInstanceUid === cell.sopInstanceUid) &&
      slice.frameIndex === cell.frame,
  );
  return {
    content: 'image',
    stack: [...new Set(loader.slices.map((slice) => slice.dataset))],
    index: found >= 0 ? found : 0,
    progress: { loaded: loader.loadedCount, total: loader.total },
    failed: false,
    framesFailed: 0,
    nearestLoaded: (i) => loader.nearestLoaded(i),
  };
}

/** The grid with `patch` applied to the cells `which` picks (never their place); the same grid when none. */
export function patchCells(
  grid: ViewerGrid,
  which: (cell: ViewerCell) => boolean,
  patch: Partial<ViewerCell>,
): ViewerGrid {
  if (!grid.cells.some(which)) return grid;
  const cells = grid.cells.map((cell) =>
    which(cell) ? { ...cell, ...patch, id: cell.id, row: cell.row, column: cell.column } : cell,
  );
  return { ...grid, cells };
}
