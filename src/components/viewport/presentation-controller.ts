/**
 * Applies `<cb-viewport>`'s `presentationState` (a GSPS, PS3.3 A.33.1) to the image on screen:
 * resolves what the state asks of that image, sets the spatial transformation when the state is
 * set, derives the displayed area's geometry while the reader keeps the fitted view, and paints
 * the shutters.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ShownImage } from '../../controllers/frame-stack-controller.js';
import type { PresentationState } from '../../dicom/presentation-state-model.js';
import { SOPInstanceUID } from '../../dicom/tags.generated.js';
import {
  displayedAreaGeometry,
  presentationFor,
  viewOrientation,
  type AppliedPresentation,
} from '../../render/presentation-display.js';
import type { Affine, Rotation, Surface, ViewGeometry } from '../../render/view-transform.js';
import { drawShutters } from './presentation-shutter.js';

export interface PresentationHost extends ReactiveControllerHost {
  readonly presentationState: PresentationState | undefined;
  readonly currentImage: ShownImage | undefined;
  rotation: Rotation;
  flipHorizontal: boolean;
  flipVertical: boolean;
  scale: 'fit' | number;
  pan: { x: number; y: number };
  invert: boolean;
  reset(): void;
}

export class PresentationController implements ReactiveController {
  #adopted: PresentationState | undefined;
  #key: readonly unknown[] = [];
  #applied: AppliedPresentation | undefined;
  #shutterPainted = false;

  constructor(private readonly host: PresentationHost) {
    host.addController(this);
  }

  /**
   * A new state starts from its own view: the reader's window, zoom, pan, rotation, flips and
   * invert are dropped and the state's rotation and flip taken (they are the state's, not per image).
   */
  hostUpdate(): void {
    const state = this.host.presentationState;
    if (state === this.#adopted) return;
    const had = this.#adopted !== undefined;
    this.#adopted = state;
    if (!state) {
      if (had) this.host.reset();
      return;
    }
    this.host.reset();
    const orientation = viewOrientation(state.rotation, state.flipHorizontal);
    this.host.rotation = orientation.rotation;
    this.host.flipHorizontal = orientation.flipHorizontal;
  }

  /** What the state asks of the image on screen; undefined when it does not reference it. */
  applied(shown: ShownImage | undefined): AppliedPresentation | undefined {
    const state = this.host.presentationState;
    if (!state || !shown) return undefined;
    const key = [state, shown.image.dataset, shown.image.frame, shown.defaults];
    if (key.every((v, i) => v === this.#key[i])) return this.#applied;
    const sop = shown.image.dataset.string(SOPInstanceUID) ?? '';
    const signed = (shown.defaults.modalityRange?.[0] ?? 0) < 0 || shown.frame.signed;
    this.#key = key;
    this.#applied = presentationFor(state, sop, shown.image.frame + 1, signed);
    return this.#applied;
  }

  /** The displayed area's geometry (C.10.4) while `scale` is 'fit'; the reader's zoom otherwise. */
  geometry(base: ViewGeometry, surface: Surface, shown: ShownImage | undefined): ViewGeometry {
    const area = this.applied(shown)?.displayedArea;
    if (!area || !shown || base.scale !== 'fit') return base;
    return displayedAreaGeometry(area, base, surface, shown.frame, base.pan);
  }

  /** Paints the shutters; a canvas never painted is left alone (no 2D context made for nothing). */
  drawShutters(
    canvas: HTMLCanvasElement | null,
    imageToCss: Affine | undefined,
    surface: Surface,
  ): void {
    const shutters = this.applied(this.host.currentImage)?.shutters;
    if (!canvas || (!shutters && !this.#shutterPainted)) return;
    drawShutters(canvas, shutters, imageToCss, surface);
    this.#shutterPainted = shutters !== undefined;
  }
}
