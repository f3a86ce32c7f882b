/** Everything `<cb-viewport>` draws over its stage: overlay, toolbar, marks, error, progress. */
import { html, nothing, type TemplateResult } from 'lit';
import type { ShownImage, StackImage } from '../../controllers/frame-stack-controller.js';
import type { MeasurementDraft } from '../../controllers/tools/tool-definition.js';
import type { Locale, ViewportStrings } from '../../i18n/strings.js';
import type { Measurement } from '../../render/measurement.js';
import type { VoiWindow } from '../../render/voi-lut.js';
import type { AppliedPresentation } from '../../render/presentation-display.js';
import { renderPresentationAnnotations } from './presentation-annotations.js';
import { renderStandInMark } from './stand-in.js';
import {
  renderLossyMark,
  renderOverlay,
  renderPartialMark,
  renderPreviewMark,
  renderProgress,
  type OverlayInput,
} from './viewport-overlay.js';
import { renderToolbar, type ToolbarHost } from './viewport-toolbar.js';

export interface ContentInput {
  readonly viewport: OverlayInput['viewport'] &
    ToolbarHost & {
      readonly overlay: 'on' | 'off';
      readonly loadProgress: { loaded: number; total: number } | undefined;
    };
  readonly shown: ShownImage | undefined;
  readonly strings: ViewportStrings;
  readonly locale: Locale;
  readonly window: Required<VoiWindow> | undefined;
  readonly measurements: readonly Measurement[];
  readonly draft: MeasurementDraft | undefined;
  readonly stack: { readonly length: number; image(index: number): StackImage | undefined };
  readonly failed: boolean;
  /** The presentation state's part for the image on screen, if any. */
  readonly presentation: AppliedPresentation | undefined;
}

export function renderViewportContent(input: ContentInput): TemplateResult {
  const { viewport, shown, strings, locale } = input;
  const overlay = viewport.overlay === 'on';
  // The shutter canvas is part of the image (PS3.4 N.2), drawn whatever `overlay` says.
  return html`<div class="stage" part="stage"></div>
    <canvas class="shutter" aria-hidden="true"></canvas>
    ${
      overlay && shown
        ? renderPresentationAnnotations(input.presentation, viewport.imageToCss(), shown.frame)
        : nothing
    }
    ${overlay && shown ? renderOverlay({ ...input, shown }) : nothing}
    ${overlay && !viewport.locked ? renderToolbar(viewport, strings, locale) : nothing}
    ${renderStandInMark(shown, input.stack, viewport.index, locale)}
    <div class="marks">
      ${renderLossyMark(shown, strings)}${renderPartialMark(shown, strings)}${renderPreviewMark(
        shown,
        strings,
      )}
    </div>
    ${input.failed ? html`<div class="error" role="alert">${strings.loadFailed}</div>` : nothing}
    ${renderProgress(viewport.loadProgress, strings)}`;
}
