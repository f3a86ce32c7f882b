/**
 * While the slice asked for is still on its way, the viewport shows the nearest slice already
 * loaded (issue 5: "a not-yet-loaded slice shows its nearest loaded neighbour marked as such").
 * Whoever fills the stack knows which slices are in (SeriesLoader.nearestLoaded); the viewport
 * only asks, decodes that neighbour through its frame loader and labels it.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FrameLoader } from '../../context/frame-loader.js';
import type { ShownImage, StackImage } from '../../controllers/frame-stack-controller.js';
import type { DecodedFrame } from '../../dicom/decoded-frame.js';
import type { Locale } from '../../i18n/strings.js';

/** Index of the loaded slice closest to `index` (itself when loaded), or undefined. */
export type NearestLoaded = (index: number) => number | undefined;

export interface StandInHost {
  index(): number;
  nearestLoaded(): NearestLoaded | undefined;
  imageAt(index: number): StackImage | undefined;
  shownImage(): StackImage | undefined;
  loader(): FrameLoader;
  /** Puts the neighbour on screen (only while the slice asked for is still missing). */
  showStandIn(image: StackImage, frame: DecodedFrame): void;
}

export class StandIn {
  #controller: AbortController | undefined;
  readonly #host: StandInHost;

  constructor(host: StandInHost) {
    this.#host = host;
  }

  /** The slice at `index` was asked for: if it is not on screen, bring its nearest loaded neighbour. */
  request(index: number): void {
    this.cancel();
    const host = this.#host;
    const wanted = host.imageAt(index);
    const nearestLoaded = host.nearestLoaded();
    if (!wanted || host.shownImage() === wanted || !nearestLoaded) return;
    const near = nearestLoaded(index);
    if (near === undefined || near === index) return;
    const image = host.imageAt(near);
    if (!image || host.shownImage() === image) return;
    const controller = new AbortController();
    this.#controller = controller;
    host
      .loader()
      // Priority 1, not 0: a neighbour, loaded already; 0 is the slice asked for (the one a
      // series cache keeps as where the series opens).
      .load(image.dataset, image.frame, { signal: controller.signal, priority: 1 })
      .then(
        (frame) => {
          if (controller.signal.aborted || host.index() !== index) return;
          if (host.shownImage() === wanted) return;
          host.showStandIn(image, frame);
        },
        () => undefined,
      );
  }

  cancel(): void {
    this.#controller?.abort();
    this.#controller = undefined;
  }
}

const LABELS: Record<Locale, (shown: number, wanted: number) => string> = {
  en: (shown, wanted) => `Image ${String(wanted)} loading — image ${String(shown)} shown`,
  fr: (shown, wanted) => `Image ${String(wanted)} en chargement — image ${String(shown)} affichée`,
};

/** The mark over a stand-in: which slice is shown, which one is awaited (1-based, as readers count). */
export function renderStandInMark(
  shown: ShownImage | undefined,
  stack: { readonly length: number; image(index: number): StackImage | undefined },
  wantedIndex: number,
  locale: Locale,
): TemplateResult | typeof nothing {
  const wanted = stack.image(wantedIndex);
  if (!shown || !wanted || shown.image === wanted) return nothing;
  let shownIndex = wantedIndex;
  for (let i = 0; i < stack.length; i++) if (stack.image(i) === shown.image) shownIndex = i;
  return html`<div class="stand-in" part="stand-in" role="status">
    ${LABELS[locale](shownIndex + 1, wantedIndex + 1)}
  </div>`;
}
