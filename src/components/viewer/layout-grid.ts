/**
 * The grid of cells: one viewport, report or labelled empty panel per cell, each a drop target
 * for a series dragged from the study browser. Pure template: the viewer owns the state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { VoiWindow } from '../../render/voi-lut.js';
import { oneToOnePan, type CellView } from './physical-layout.js';
import type { ViewerCell, ViewerGrid } from '../../session/viewer-cell.js';
import type { IdentityStrings, ViewerStrings } from '../../i18n/strings.js';
import { traitNames } from './identity-strings.js';

export interface GridHandlers {
  readonly view: (cell: ViewerCell) => CellView;
  /** Every image cell in 1:1 mode (`<cb-viewer one-to-one>`). */
  readonly oneToOne: boolean;
  readonly voi: (cell: ViewerCell) => VoiWindow | undefined;
  readonly activate: (cell: ViewerCell) => void;
  readonly drop: (cell: ViewerCell, studyInstanceUid: string, seriesInstanceUid: string) => void;
  /** The cell's Retry button: fill it again, or ask again for the frames that failed. */
  readonly retry: (cell: ViewerCell) => void;
}

export const SERIES_DRAG_TYPE = 'application/x-courbaril-series';

export function renderGrid(
  grid: ViewerGrid,
  strings: ViewerStrings,
  activeCellId: number | undefined,
  handlers: GridHandlers,
  identityStrings: IdentityStrings,
): TemplateResult {
  const style = styleMap({
    gridTemplateColumns: `repeat(${String(grid.columns)}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${String(grid.rows)}, minmax(0, 1fr))`,
  });
  return html`<div class="grid" part="grid" style=${style}>
    ${repeat(
      grid.cells,
      (cell) => cell.id,
      (cell) => renderCell(cell, strings, cell.id === activeCellId, handlers, identityStrings),
    )}
  </div>`;
}

function renderCell(
  cell: ViewerCell,
  strings: ViewerStrings,
  active: boolean,
  handlers: GridHandlers,
  identityStrings: IdentityStrings,
): TemplateResult {
  const label = cell.label || strings.noImage;
  const roleText =
    cell.role === 'prior'
      ? `${strings.prior}${cell.priorAgeDays === undefined ? '' : ` −${strings.priorAge(cell.priorAgeDays)}`}`
      : '';
  const onDrop = (event: DragEvent): void => {
    const text = event.dataTransfer?.getData(SERIES_DRAG_TYPE);
    if (!text) return;
    event.preventDefault();
    try {
      const data = JSON.parse(text) as { studyInstanceUid?: unknown; seriesInstanceUid?: unknown };
      if (typeof data.studyInstanceUid === 'string' && typeof data.seriesInstanceUid === 'string')
        handlers.drop(cell, data.studyInstanceUid, data.seriesInstanceUid);
    } catch {
      // Not our drag payload.
    }
  };
  return html`<div
    class="cell ${active ? 'active' : ''} ${cell.role ?? ''} ${
      cell.identityMismatch.length > 0 ? 'identity-mismatch' : ''
    }"
    part="cell"
    role="group"
    aria-label=${strings.cellLabel(label, cell.row, cell.column)}
    data-cell-id=${cell.id}
    data-row=${cell.row}
    data-column=${cell.column}
    style=${styleMap({ gridRow: String(cell.row + 1), gridColumn: String(cell.column + 1) })}
    @focusin=${() => {
      handlers.activate(cell);
    }}
    @pointerdown=${() => {
      handlers.activate(cell);
    }}
    @dragover=${(event: DragEvent) => {
      if (event.dataTransfer?.types.includes(SERIES_DRAG_TYPE)) event.preventDefault();
    }}
    @drop=${onDrop}
  >
    <div class="cell-label" part="cell-label">
      <span>${label}</span>${roleText ? html` <span class="role">${roleText}</span>` : nothing}
    </div>
    ${
      cell.identityMismatch.length > 0
        ? html`<p class="identity-alert" part="identity-alert" role="alert">
            ${
              cell.identityBlocked
                ? identityStrings.blocked(traitNames(identityStrings, cell.identityMismatch))
                : identityStrings.mismatch(traitNames(identityStrings, cell.identityMismatch))
            }
          </p>`
        : nothing
    }
    ${cell.identityBlocked ? nothing : renderContent(cell, strings, handlers)}
  </div>`;
}

function renderContent(
  cell: ViewerCell,
  strings: ViewerStrings,
  handlers: GridHandlers,
): TemplateResult {
  const retry = (message: string, overImage = false): TemplateResult =>
    html`<div class="cell-error ${overImage ? 'over-image' : ''}" role="alert">
      <span>${message}</span>
      <button
        type="button"
        class="retry"
        @click=${() => {
          handlers.retry(cell);
        }}
      >
        ${strings.retry}
      </button>
    </div>`;
  if (cell.failed) return retry(strings.loadFailed);
  switch (cell.content) {
    case 'empty':
      return html`<p class="message empty">
        ${cell.label ? strings.emptyCell : strings.dropHere}
      </p>`;
    case 'sr':
      return html`<cb-sr-report class="report" .instance=${cell.document}></cb-sr-report>`;
    case 'pdf':
      return html`<cb-pdf-report class="report" .instance=${cell.document}></cb-pdf-report>`;
    case 'image': {
      const view = handlers.view(cell);
      const oneToOne = handlers.oneToOne;
      // Lit sets an object-valued property on every render, whatever it held before: the
      // viewer's plan for pan and window is pushed only when that plan changes, else any
      // re-render (a thumbnail, progress) would undo the reader's own pan or window.
      return html`<cb-viewport
          data-cell-id=${cell.id}
          .stack=${cell.stack}
          .index=${cell.index}
          .flipHorizontal=${cell.flipHorizontal}
          .rotation=${cell.rotation}
          .voi=${guard([cell.voi], () => handlers.voi(cell))}
          .scale=${guard([view], () => view.scale)}
          .oneToOne=${oneToOne}
          .pan=${guard([view, oneToOne], () => (oneToOne ? oneToOnePan(cell) : view.pan))}
          .loadProgress=${cell.progress}
          .nearestLoaded=${cell.nearestLoaded}
        ></cb-viewport>
        ${cell.framesFailed > 0 ? retry(strings.framesFailed(cell.framesFailed), true) : nothing}`;
    }
  }
}
