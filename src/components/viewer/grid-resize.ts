/** Measures the viewer again when its grid changes size (physical scale groups, alignment). */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class GridResizeController implements ReactiveController {
  readonly #host: ReactiveControllerHost & { readonly renderRoot: ParentNode };
  readonly #onResize: () => void;
  #observer: ResizeObserver | undefined;

  constructor(
    host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    onResize: () => void,
  ) {
    this.#host = host;
    this.#onResize = onResize;
  }

  hostUpdated(): void {
    if (this.#observer) return;
    const grid = this.#host.renderRoot.querySelector('.grid');
    if (!grid) return;
    this.#observer = new ResizeObserver(() => {
      this.#onResize();
    });
    this.#observer.observe(grid);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
  }
}
