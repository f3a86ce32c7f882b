/**
 * Retry after a failed load (issue 5: "the viewport shows an error state with retry; the rest of
 * the viewer keeps working"): a cell's Retry button, and every failed cell at once when the
 * browser comes back online.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CbViewport } from '../viewport/viewport.js';
import type { ViewerSession } from '../../session/viewer-session.js';

export interface CellRetryHost {
  session(): ViewerSession | undefined;
  viewportOf(cellId: number): CbViewport | undefined;
  /** The retry's work, for `updateComplete`. */
  settle(work: Promise<void>): void;
}

export class CellRetry implements ReactiveController {
  readonly #host: CellRetryHost;

  /** `element`: the viewer, whose connection starts and stops the online listener. */
  constructor(element: ReactiveControllerHost, host: CellRetryHost) {
    this.#host = host;
    element.addController(this);
  }

  retry(cellId: number): void {
    const session = this.#host.session();
    if (!session) return;
    const viewport = this.#host.viewportOf(cellId);
    this.#host.settle(
      session.retry(cellId, viewport?.index).then(() => {
        // The frame in view failed with the series: ask for it again now the loader retries.
        viewport?.reload();
      }),
    );
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
  }

  readonly #onOnline = (): void => {
    for (const cell of this.#host.session()?.grid.cells ?? [])
      if (cell.failed || cell.framesFailed > 0) this.retry(cell.id);
  };
}
