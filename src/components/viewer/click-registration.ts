/**
 * Registration of two stacks by the reader's clicks: the same anatomical point clicked in one
 * cell, then in another, gives the translation between their patient coordinates
 * (src/sync/registration.ts). Needed to scroll together series whose Frames of Reference differ
 * (PS3.3 C.7.4.1.1.1: coordinates are only comparable inside one Frame of Reference).
 */
import type { Registration } from '../../sync/slice-position.js';
import { registrationFromClicks } from '../../sync/registration.js';
import type { CbViewport } from '../viewport/viewport.js';
import { planeOf } from './cell-links.js';

interface Click {
  readonly viewport: CbViewport;
  readonly point: Parameters<typeof registrationFromClicks>[0];
}

export class ClickRegistration {
  #pending: Click | undefined;
  readonly #pairs = new WeakMap<CbViewport, WeakMap<CbViewport, Registration>>();

  get pending(): boolean {
    return this.#pending !== undefined;
  }

  /** 'first' after the first click, 'done' once a pair is registered, 'ignored' off an image. */
  click(viewport: CbViewport, clientX: number, clientY: number): 'first' | 'done' | 'ignored' {
    const dataset = viewport.stack[viewport.index];
    const plane = dataset === undefined ? undefined : planeOf(dataset);
    const pixel = viewport.imagePointAt(clientX, clientY);
    if (!plane || !pixel) return 'ignored';
    const click: Click = { viewport, point: { plane, column: pixel.x, row: pixel.y } };
    const first = this.#pending;
    if (!first || first.viewport === viewport) {
      this.#pending = click;
      return 'first';
    }
    this.#pending = undefined;
    const forward = registrationFromClicks(first.point, click.point);
    const [x, y, z] = forward.translation;
    this.#set(first.viewport, viewport, forward);
    this.#set(viewport, first.viewport, { translation: [-x, -y, -z] });
    return 'done';
  }

  cancel(): void {
    this.#pending = undefined;
  }

  /** The translation from `from`'s patient coordinates to `to`'s, when the reader gave one. */
  between(from: CbViewport, to: CbViewport): Registration | undefined {
    return this.#pairs.get(from)?.get(to);
  }

  #set(from: CbViewport, to: CbViewport, registration: Registration): void {
    let targets = this.#pairs.get(from);
    if (!targets) {
      targets = new WeakMap();
      this.#pairs.set(from, targets);
    }
    targets.set(to, registration);
  }
}
