/**
 * What the viewer does with events rising from its cells: the audit event on a series' first
 * image, and the link sync (position on every new image, window on user changes, zoom/pan
 * after a gesture).
 */
import type { CbViewport } from '../viewport/viewport.js';
import { ViewedEvent } from '../../events/viewed.js';
import { LinkSync, type LinkedCell } from './link-sync.js';
import type { ViewerCell } from '../../session/viewer-cell.js';

export interface CellEventsHost {
  readonly target: EventTarget;
  cells(): readonly ViewerCell[];
  viewportOf(cellId: number): CbViewport | undefined;
  /** A cell of a physical scale group drew its first image: resolve the group again. */
  remeasure(cell: ViewerCell): void;
  /** Renders again (Lit's ReactiveControllerHost): the registration mode shows in the toolbar. */
  requestUpdate(): void;
}

export class CellEvents {
  readonly sync = new LinkSync();
  readonly #host: CellEventsHost;
  readonly #viewed = new Set<string>();
  #gestureFrame = 0;
  #registering = false;

  constructor(host: CellEventsHost) {
    this.#host = host;
  }

  get registering(): boolean {
    return this.#registering;
  }

  /** Registration mode: the next click in one cell and then in another pair their positions. */
  toggleRegistering(): void {
    this.#registering = !this.#registering;
    this.sync.registration.cancel();
    this.#host.requestUpdate();
  }

  /** Capture-phase pointerdown: in registration mode a click marks a point instead of a tool. */
  pointerDown(event: PointerEvent): void {
    if (!this.#registering) return;
    const viewport = viewportIn(event);
    if (!viewport) return;
    event.stopPropagation();
    if (this.sync.registration.click(viewport, event.clientX, event.clientY) === 'done') {
      this.#registering = false;
      this.#host.requestUpdate();
    }
  }

  /** A new patient: series seen before are announced again. */
  reset(): void {
    this.#viewed.clear();
  }

  linkedCells(): LinkedCell[] {
    return this.#host.cells().flatMap((cell) => {
      const viewport = this.#host.viewportOf(cell.id);
      return viewport ? [{ cell, viewport }] : [];
    });
  }

  imageRendered(event: Event): void {
    const source = this.#sourceOf(event);
    if (!source) return;
    const { studyInstanceUid, seriesInstanceUid } = source.cell;
    const key = `${studyInstanceUid ?? ''}/${seriesInstanceUid ?? ''}`;
    if (studyInstanceUid !== undefined && !this.#viewed.has(key)) {
      this.#viewed.add(key);
      this.#host.target.dispatchEvent(
        new ViewedEvent({ studyInstanceUid, seriesInstanceUid, at: new Date().toISOString() }),
      );
    }
    if (source.cell.scaleGroup !== undefined) this.#host.remeasure(source.cell);
    this.sync.imageRendered(source, this.linkedCells());
  }

  voiChanged(event: Event): void {
    const detail = (event as Event & { detail?: { source?: string } }).detail;
    const source = this.#sourceOf(event);
    if (source && detail?.source === 'user') this.sync.voiChanged(source, this.linkedCells());
  }

  /** Pointer up, wheel or key up: compare zoom/pan on the next frame. */
  gesture(event: Event): void {
    const viewport = viewportIn(event);
    if (!viewport) return;
    cancelAnimationFrame(this.#gestureFrame);
    this.#gestureFrame = requestAnimationFrame(() => {
      // Looked up again: the cell's data may have been replaced since the event.
      const all = this.linkedCells();
      const source = all.find((item) => item.viewport === viewport);
      if (source) this.sync.gestureEnded(source, all);
    });
  }

  /**
   * Reset views: every viewport back to its defaults, the viewer's plan again (`replan`), then
   * the hung orientation, which a viewport's reset() clears with the reader's flips.
   */
  resetViews(replan: () => void): void {
    for (const { viewport } of this.linkedCells()) viewport.reset();
    replan();
    for (const { cell, viewport } of this.linkedCells()) {
      viewport.flipHorizontal = cell.flipHorizontal;
      viewport.rotation = cell.rotation;
    }
  }

  /** The viewer replaced every view (1:1 on or off): remembered once the viewports applied them. */
  viewsReplaced(): void {
    const all = this.linkedCells();
    void Promise.all(all.map(({ viewport }) => viewport.updateComplete)).then(() => {
      this.sync.rememberAll(this.linkedCells());
    });
  }

  #sourceOf(event: Event): LinkedCell | undefined {
    const viewport = viewportIn(event);
    return viewport ? this.linkedCells().find((item) => item.viewport === viewport) : undefined;
  }
}

/** The viewport an event came from (only readable while the event is dispatched). */
function viewportIn(event: Event): CbViewport | undefined {
  return event
    .composedPath()
    .find(
      (node): node is CbViewport => node instanceof HTMLElement && node.localName === 'cb-viewport',
    );
}
