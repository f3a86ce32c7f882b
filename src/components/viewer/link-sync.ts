/**
 * Applies the cell links while the reader works: a scroll, zoom/pan or window change in one
 * viewport is carried to the viewports linked to it. Changes the sync itself makes are
 * remembered, so they do not echo back to their source.
 */
import type { CbViewport } from '../viewport/viewport.js';
import type { PanZoom, VoiWindow } from '../../sync/view-link.js';
import {
  linkedPanZoom,
  linkedPeers,
  linkedSliceIndex,
  linkedVoi,
  type LinkToggles,
} from './cell-links.js';
import { ClickRegistration } from './click-registration.js';
import type { ViewerCell } from '../../session/viewer-cell.js';

export interface LinkedCell {
  readonly cell: ViewerCell;
  readonly viewport: CbViewport;
}

export class LinkSync {
  toggles: LinkToggles = { position: true, zoomPan: true, voi: true };
  /** Click pairs for series in different Frames of Reference. */
  readonly registration = new ClickRegistration();
  readonly #syncedIndex = new WeakMap<CbViewport, number>();
  readonly #lastIndex = new WeakMap<CbViewport, number>();
  readonly #panZoom = new WeakMap<CbViewport, PanZoom>();

  /**
   * A viewport drew an image. A new index there (a scroll) moves its position peers to their
   * nearest slices; a prior's very first image is instead aligned to a current cell. The
   * indices this sync sets are remembered, so they never echo back to their source.
   */
  imageRendered(source: LinkedCell, all: readonly LinkedCell[]): void {
    const { viewport } = source;
    this.#remember(viewport);
    const last = this.#lastIndex.get(viewport);
    this.#lastIndex.set(viewport, viewport.index);
    const peers = linkedPeers(
      all.map((item) => item.cell),
      source.cell,
      'position',
      this.toggles,
    ).flatMap((cell) => all.filter((item) => item.cell === cell).map((item) => item.viewport));
    if (last === undefined) {
      // The current study leads: a prior's first image follows a current cell on screen.
      if (source.cell.role !== 'prior') return;
      const leader = all.find(
        (item) =>
          item.cell.role !== 'prior' &&
          peers.includes(item.viewport) &&
          this.#lastIndex.has(item.viewport),
      );
      if (leader) this.#align(leader.viewport, viewport);
      return;
    }
    if (last === viewport.index) return;
    if (this.#syncedIndex.get(viewport) === viewport.index) {
      this.#syncedIndex.delete(viewport);
      return;
    }
    for (const peer of peers) this.#align(viewport, peer);
  }

  #align(from: CbViewport, to: CbViewport): void {
    // The slice asked for, not a loaded neighbour standing in for it (single-frame stacks).
    const dataset =
      from.stack.length === from.imageCount
        ? from.stack[from.index]
        : from.currentImage?.image.dataset;
    // Across Frames of Reference without a registration by clicks, the scanners' patient
    // coordinates are taken as comparable (same patient, similar table positioning).
    const registration = this.registration.between(from, to) ?? { translation: [0, 0, 0] };
    const index = linkedSliceIndex(dataset, to.stack, registration);
    if (index === undefined || index === to.index) return;
    this.#syncedIndex.set(to, index);
    to.index = index;
  }

  /** The user changed the window in one viewport. */
  voiChanged(source: LinkedCell, all: readonly LinkedCell[]): void {
    const window = source.viewport.effectiveWindow;
    if (!window) return;
    for (const peer of linkedPeers(
      all.map((item) => item.cell),
      source.cell,
      'voi',
      this.toggles,
    )) {
      const target = all.find((item) => item.cell === peer)?.viewport;
      if (!target) continue;
      const linked = linkedVoi(
        { center: window.windowCenter, width: window.windowWidth },
        source.viewport.currentImage?.image.dataset,
        defaultWindow(source.viewport),
        defaultWindow(target),
      );
      target.voi = { windowCenter: linked.center, windowWidth: linked.width };
    }
  }

  /** After a pointer, wheel or key gesture: carry a zoom/pan change to linked viewports. */
  gestureEnded(source: LinkedCell, all: readonly LinkedCell[]): void {
    const before = this.#panZoom.get(source.viewport);
    const after = panZoomOf(source.viewport);
    if (!before || !after) {
      this.#remember(source.viewport);
      return;
    }
    if (
      before.scale === after.scale &&
      before.pan.x === after.pan.x &&
      before.pan.y === after.pan.y
    )
      return;
    this.#panZoom.set(source.viewport, after);
    for (const peer of linkedPeers(
      all.map((item) => item.cell),
      source.cell,
      'zoomPan',
      this.toggles,
    )) {
      const target = all.find((item) => item.cell === peer)?.viewport;
      const current = target ? panZoomOf(target) : undefined;
      if (!target || !current) continue;
      const next = linkedPanZoom(
        before,
        after,
        current,
        peer.flipHorizontal !== source.cell.flipHorizontal,
      );
      target.scale = next.scale;
      target.pan = { x: next.pan.x, y: next.pan.y };
      this.#panZoom.set(target, next);
    }
  }

  /** The viewer set every view (1:1 on or off): the next gesture starts from these. */
  rememberAll(all: readonly LinkedCell[]): void {
    for (const { viewport } of all) this.#remember(viewport);
  }

  #remember(viewport: CbViewport): void {
    const state = panZoomOf(viewport);
    if (state) this.#panZoom.set(viewport, state);
  }
}

/** CSS pixels per image pixel as drawn ('fit' resolved), and the pan. */
function panZoomOf(viewport: CbViewport): PanZoom | undefined {
  if (typeof viewport.scale === 'number') return { scale: viewport.scale, pan: viewport.pan };
  const m = viewport.imageToCss();
  return m ? { scale: Math.hypot(m.a, m.b), pan: viewport.pan } : undefined;
}

function defaultWindow(viewport: CbViewport): VoiWindow | undefined {
  const voi = viewport.presets[0]?.voi;
  return voi?.kind === 'window'
    ? { center: voi.window.windowCenter, width: voi.window.windowWidth }
    : undefined;
}
