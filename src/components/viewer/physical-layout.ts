/**
 * Resolves a hanging protocol's physical scale groups and chest-wall alignment into each
 * viewport's `scale` and `pan`, for a given cell size. Screening mammography needs both: every
 * view at the same mm per CSS pixel (src/sync/physical-scale.ts) and each breast against the
 * cell edge where it meets its pair.
 */
import { cssScaleFor, sharedMmPerCssPixel, type CellSize } from '../../sync/physical-scale.js';
import type { ViewerCell } from '../../session/viewer-cell.js';
import { Columns, Rows } from '../../dicom/tags.generated.js';

export interface CellView {
  readonly scale: 'fit' | number;
  readonly pan: { readonly x: number; readonly y: number };
}

function sizeOf(cell: ViewerCell): { columns: number; rows: number } | undefined {
  const dataset = cell.stack[0];
  const columns = dataset?.number(Columns);
  const rows = dataset?.number(Rows);
  return columns !== undefined && rows !== undefined && columns > 0 && rows > 0
    ? { columns, rows }
    : undefined;
}

/** Scale and pan for cells that need them; cells left out keep 'fit' and a centred image. */
export function physicalViews(
  cells: readonly ViewerCell[],
  cellSize: CellSize,
): Map<number, CellView> {
  const views = new Map<number, CellView>();
  const groups = new Map<string, ViewerCell[]>();
  for (const cell of cells) {
    if (cell.scaleGroup === undefined || cell.spacingMm === undefined || !sizeOf(cell)) continue;
    groups.set(cell.scaleGroup, [...(groups.get(cell.scaleGroup) ?? []), cell]);
  }
  const groupMm = new Map<string, number>();
  for (const [group, members] of groups) {
    const mm = sharedMmPerCssPixel(
      members.flatMap((cell) => {
        const size = sizeOf(cell);
        return size && cell.spacingMm
          ? [{ ...size, spacingMm: cell.spacingMm, rotation: cell.rotation }]
          : [];
      }),
      cellSize,
    );
    if (mm !== undefined) groupMm.set(group, mm);
  }
  for (const cell of cells) {
    const size = sizeOf(cell);
    if (!size) continue;
    const mm = cell.scaleGroup === undefined ? undefined : groupMm.get(cell.scaleGroup);
    const quarter = cell.rotation === 90 || cell.rotation === 270;
    const width = quarter ? size.rows : size.columns;
    const height = quarter ? size.columns : size.rows;
    let scale: number | undefined =
      mm !== undefined && cell.spacingMm ? cssScaleFor(cell.spacingMm, mm) : undefined;
    if (scale === undefined && cell.alignment === 'center') continue;
    scale ??= Math.min(cellSize.width / width, cellSize.height / height);
    const slack = (cellSize.width - width * scale) / 2;
    const x =
      cell.alignment === 'chest-wall-left'
        ? -slack
        : cell.alignment === 'chest-wall-right'
          ? slack
          : 0;
    views.set(cell.id, { scale, pan: { x, y: 0 } });
  }
  return views;
}

/**
 * The scale and pan each cell's viewport is given. The grid pushes a view to its viewport only
 * when the view object changes (layout-grid.ts), so an object is kept while its values stay the
 * same, and a new one — fresh defaults after clear() — re-applies the plan over the reader's.
 */
export class CellViews {
  #views = new Map<number, CellView>();
  /** The plain centred defaults handed out since the last clear() (groups not yet resolved). */
  #defaults = new WeakSet<CellView>();

  viewOf(cell: ViewerCell): CellView {
    let view = this.#views.get(cell.id);
    if (!view) {
      view = { scale: cell.scale, pan: { x: 0, y: 0 } };
      if (cell.scale === 'fit') this.#defaults.add(view);
      this.#views.set(cell.id, view);
    }
    return view;
  }

  /** True while the cell shows the plain centred default (its group not yet resolved). */
  isDefault(cell: ViewerCell): boolean {
    const view = this.#views.get(cell.id);
    return view !== undefined && this.#defaults.has(view);
  }

  /** Resolves physical groups and alignment for a grid whose outer size is `box`. */
  measure(
    grid: { rows: number; columns: number; cells: readonly ViewerCell[] },
    box: CellSize,
  ): void {
    // 2 px gaps between cells (viewer.styles.ts).
    const width = (box.width - 2 * (grid.columns - 1)) / grid.columns;
    const height = (box.height - 2 * (grid.rows - 1)) / grid.rows;
    const resolved = physicalViews(grid.cells, { width, height });
    for (const cell of grid.cells) {
      const kept = this.#views.get(cell.id);
      const next = resolved.get(cell.id) ?? { scale: cell.scale, pan: { x: 0, y: 0 } };
      // Unchanged (a resize that moves nothing, a cell left at its plan): the same object, so
      // the reader's zoom and pan in that cell stay.
      if (kept && sameView(kept, next)) resolved.set(cell.id, kept);
    }
    this.#views = resolved;
  }

  clear(): void {
    this.#views = new Map();
    this.#defaults = new WeakSet();
  }
}

function sameView(a: CellView, b: CellView): boolean {
  return a.scale === b.scale && a.pan.x === b.pan.x && a.pan.y === b.pan.y;
}

/**
 * Where a cell's image starts in 1:1 mode, far larger than its cell: at the chest wall, as a
 * screening reader starts, the pan sent past the edge and kept there by the viewport (an image
 * larger than its viewport always covers it, view-mapping.ts); centred otherwise.
 */
export function oneToOnePan(cell: ViewerCell): CellView['pan'] {
  const edge =
    cell.alignment === 'chest-wall-right' ? -1 : cell.alignment === 'chest-wall-left' ? 1 : 0;
  return { x: edge * PAST_THE_EDGE, y: 0 };
}

/** CSS pixels: more than any image's half-width at 1:1. */
const PAST_THE_EDGE = 1e6;
