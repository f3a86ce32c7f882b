/** The viewer below its toolbar: the history panel and the grid, with the cell event wiring. */
import { html, nothing, type TemplateResult } from 'lit';
import type { IdentityStrings, Locale, ViewerStrings } from '../../i18n/strings.js';
import type { SeriesSelectEvent } from '../../events/series-select.js';
import type { OneToOneChangeEvent } from '../../events/one-to-one-change.js';
import type { CellEvents } from './cell-events.js';
import { renderGrid, type GridHandlers } from './layout-grid.js';
import { studyListOf } from './study-list.js';
import type { ViewerSession } from '../../session/viewer-session.js';
import { thumbnailCanvases } from './thumbnail-canvas.js';

export interface BodyOptions {
  readonly locale: Locale;
  readonly strings: ViewerStrings;
  readonly identityStrings: IdentityStrings;
  readonly session: ViewerSession | undefined;
  readonly historyOpen: boolean;
  readonly activeCellId: number | undefined;
  readonly handlers: GridHandlers;
  readonly cellEvents: CellEvents;
  readonly onSelect: (event: SeriesSelectEvent) => void;
  /** A reader toggled 1:1 in one cell (X, its button, a zoom): the viewer applies it to all. */
  readonly onOneToOne: (oneToOne: boolean) => void;
  /** `<cb-mpr>` in place of the grid while the MPR mode is on. */
  readonly mpr: TemplateResult | undefined;
}

const NO_PROGRESS = new Map<string, { loaded: number; total: number }>();
const NO_THUMBNAILS = new Map<string, HTMLCanvasElement>();

export function renderBody(options: BodyOptions): TemplateResult {
  const { session, strings, cellEvents } = options;
  // `lang` here: elements in a shadow root cannot see the host's [lang] through closest().
  return html`${
      session?.offline
        ? html`<p part="offline" class="offline" role="status">${strings.offline}</p>`
        : nothing
    }
    <div class="body" lang=${options.locale}>
      ${
        options.historyOpen
          ? html`<aside part="history" aria-label=${strings.history}>
              <cb-study-browser
                .studies=${studyListOf(session?.history ?? [], session?.prefetchProgress ?? NO_PROGRESS)}
                .current=${session?.current?.studyInstanceUid}
                .thumbnails=${session ? thumbnailCanvases(session.thumbnails) : NO_THUMBNAILS}
                @cb-series-select=${options.onSelect}
              ></cb-study-browser>
            </aside>`
          : nothing
      }
      <div
        class="grid-host"
        @pointerdown=${{
          handleEvent: (event: PointerEvent) => {
            cellEvents.pointerDown(event);
          },
          capture: true,
        }}
        @cb-image-rendered=${(event: Event) => {
          cellEvents.imageRendered(event);
        }}
        @cb-voi-change=${(event: Event) => {
          cellEvents.voiChanged(event);
        }}
        @cb-one-to-one-change=${(event: OneToOneChangeEvent) => {
          options.onOneToOne(event.detail.oneToOne);
        }}
        @pointerup=${(event: Event) => {
          cellEvents.gesture(event);
        }}
        @wheel=${(event: Event) => {
          cellEvents.gesture(event);
        }}
        @keyup=${(event: Event) => {
          cellEvents.gesture(event);
        }}
      >
        ${options.mpr ?? (session ? renderGrid(session.grid, strings, options.activeCellId, options.handlers, options.identityStrings) : nothing)}
      </div>
    </div>`;
}
