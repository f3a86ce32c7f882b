import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ShownImage } from '../../controllers/frame-stack-controller.js';
import type { MeasurementDraft } from '../../controllers/tools/tool-definition.js';
import { measurementTool } from '../../controllers/tools/tools.js';
import { formatDicomDate, formatNumber } from '../../i18n/locale.js';
import type { Locale, ViewportStrings } from '../../i18n/strings.js';
import { calibrationOf, type Calibration } from '../../render/calibration.js';
import type { Measurement } from '../../render/measurement.js';
import type { Affine } from '../../render/view-transform.js';
import type { VoiWindow } from '../../render/voi-lut.js';
import { orientationMarkers } from './orientation-markers.js';
import { formatPersonName } from '../../dicom/person-name.js';
import { declaresLossyCompression } from '../../dicom/lossy-compression.js';
import {
  PatientBirthDate,
  PatientID,
  PatientName,
  PatientSex,
  SOPInstanceUID,
  SeriesDescription,
  SeriesNumber,
  SliceLocation,
  SliceThickness,
  StudyDate,
  StudyDescription,
} from '../../dicom/tags.generated.js';

export interface OverlayInput {
  readonly viewport: {
    imageToCss(): Affine | undefined;
    readonly index: number;
    readonly imageCount: number;
    readonly clientWidth: number;
    readonly oneToOne: boolean;
    readonly locked: boolean;
  };
  readonly shown: ShownImage;
  readonly strings: ViewportStrings;
  readonly locale: Locale;
  readonly window: Required<VoiWindow> | undefined;
  readonly measurements: readonly Measurement[];
  readonly draft: MeasurementDraft | undefined;
}

/**
 * Four corners, orientation markers, scale bar and measurements. Every DICOM value goes
 * through a text binding (never innerHTML), so a Patient Name holding markup shows as text.
 */
export function renderOverlay(input: OverlayInput): TemplateResult {
  const { shown, strings, locale } = input;
  const ds = shown.image.dataset;
  const calibration = calibrationOf(ds, shown.image.frame);
  // Measurements stay attached to their own image: only this frame's are drawn.
  const sop = ds.string(SOPInstanceUID);
  const measurements = input.measurements.filter(
    (m) => m.sopInstanceUid === sop && m.frame === shown.image.frame,
  );
  const m = input.viewport.imageToCss();
  const n = (value: number | undefined, digits = 0): string =>
    value === undefined ? '' : formatNumber(locale, value, digits);
  const lines = (...values: (string | undefined)[]): string => values.filter((v) => v).join('\n');
  const scale = m ? Math.hypot(m.a, m.b) : 1;
  const patientName = ds.string(PatientName);
  const topLeft = lines(
    patientName === undefined ? undefined : formatPersonName(patientName),
    ds.string(PatientID),
    joined(formatDicomDate(locale, ds.string(PatientBirthDate)), ds.string(PatientSex)),
  );
  const topRight = lines(
    formatDicomDate(locale, ds.string(StudyDate)),
    ds.string(StudyDescription),
    ds.string(SeriesDescription),
  );
  const location = ds.number(SliceLocation);
  const thickness = ds.number(SliceThickness);
  const bottomLeft = lines(
    ds.string(SeriesNumber) ? `${strings.series}: ${ds.string(SeriesNumber) ?? ''}` : undefined,
    `${strings.image}: ${input.viewport.index + 1}/${input.viewport.imageCount}`,
    location === undefined ? undefined : `${strings.sliceLocation}: ${n(location, 1)} mm`,
    thickness === undefined ? undefined : `${strings.sliceThickness}: ${n(thickness, 1)} mm`,
  );
  const w = input.window;
  const bottomRight = lines(
    w && !shown.defaults.color
      ? `${strings.window}: ${n(w.windowWidth)} / ${n(w.windowCenter)}`
      : undefined,
    input.viewport.oneToOne
      ? `${strings.zoom}: ${strings.oneToOne}`
      : `${strings.zoom}: ${n(scale * 100)} %`,
  );
  const markers = m ? orientationMarkers(ds, shown.image.frame, m, strings) : undefined;
  return html`<div class="overlay" part="overlay">
      <div class="corner top-left">${topLeft}</div>
      <div class="corner top-right">${topRight}</div>
      <div class="corner bottom-left">${bottomLeft}</div>
      <div class="corner bottom-right">${bottomRight}</div>
      ${
        markers
          ? html`<div class="marker top">${markers.top}</div>
              <div class="marker bottom">${markers.bottom}</div>
              <div class="marker left">${markers.left}</div>
              <div class="marker right">${markers.right}</div>`
          : nothing
      }
      ${scaleBar(calibration, input.viewport.clientWidth, scale, strings, locale)}
      ${input.viewport.locked ? html`<div class="locked-note">${strings.locked}</div>` : nothing}
    </div>
    ${m ? annotations({ ...input, measurements }, m) : nothing}`;
}

function joined(...parts: (string | undefined)[]): string {
  return parts.filter((p) => p).join(' ');
}

/**
 * A bar of a round length in mm no wider than a quarter of the viewport, with what its mm are:
 * calibrated, estimated at the object (≈, with the magnification factor), or at the detector.
 */
function scaleBar(
  calibration: Calibration,
  viewportWidth: number,
  cssPerPixel: number,
  strings: ViewportStrings,
  locale: Locale,
): TemplateResult | typeof nothing {
  if (calibration.kind === 'none') return nothing;
  const cssPerMm = cssPerPixel / calibration.columnSpacing;
  const limit = viewportWidth / 4;
  const mm = [500, 200, 100, 50, 20, 10, 5, 2, 1].find((length) => length * cssPerMm <= limit);
  if (!mm) return nothing;
  const length = mm >= 10 && mm % 10 === 0 ? `${mm / 10} cm` : `${mm} mm`;
  const label = calibration.estimated ? `≈ ${length}` : length;
  return html`<div class="scale-bar" style="width: ${mm * cssPerMm}px">
    <span class="length">${label}</span>
    <span class="sizes">${sizesNote(calibration, strings, locale)}</span>
  </div>`;
}

/** Which spacing the sizes come from, and whether they are an estimate (PS3.3 10.7.1.3). */
export function sizesNote(
  calibration: Calibration,
  strings: ViewportStrings,
  locale: Locale,
): string {
  const sizes = strings.sizes;
  switch (calibration.kind) {
    case 'pixel-spacing':
      return calibration.estimated ? sizes.geometry : sizes.calibrated;
    case 'imager-pixel-spacing-magnified':
      // The factor as the header has it (up to 3 decimals, no trailing zeros): 1.15, not 1.150.
      return sizes.magnified(
        formatNumber(locale, calibration.magnification ?? 1, 3).replace(/(\d)[.,]?0+$/, '$1'),
      );
    case 'imager-pixel-spacing':
      return sizes.detector;
    case 'none':
      return strings.calibration.none;
  }
}

/** Each measurement drawn by its own tool (controllers/tools), titled with its name and calibration. */
function annotations(input: OverlayInput, m: Affine): TemplateResult {
  const { strings, locale } = input;
  const n = (value: number, digits: number): string => formatNumber(locale, value, digits);
  const shapes = input.measurements.map((measurement) => {
    const tool = measurementTool(measurement.kind);
    if (!tool) return nothing;
    const title = `${strings.tools[tool.label]} · ${strings.calibration[measurement.calibration]}`;
    // An estimated size (magnification factor) reads as one: ≈ before the value.
    const value = tool.caption(measurement, n, strings);
    const caption = measurement.estimated ? `≈ ${value}` : value;
    return svg`<g><title>${title}</title>${tool.draw(measurement.points, m, caption)}</g>`;
  });
  const draft = input.draft;
  return html`<svg class="annotations" aria-hidden="true">
    ${shapes}${draft ? draft.tool.draw(draft.points, m, undefined) : nothing}
  </svg>`;
}

/**
 * The mark over the final frame of a codestream cut short (DecodedFrame.partial): what arrived,
 * never to be read as the whole image, so it shows with `overlay="off"` too, like the stand-in mark.
 */
export function renderPartialMark(
  shown: ShownImage | undefined,
  strings: ViewportStrings,
): TemplateResult | typeof nothing {
  if (shown?.quality !== 'full' || shown.frame.partial !== true) return nothing;
  return html`<div class="partial" part="partial" role="status">${strings.partialImage}</div>`;
}

/**
 * "Lossy image: not for diagnosis" over a frame that went through lossy compression (a lossy
 * transfer syntax, or Lossy Image Compression "01" in its data set), previews included.
 */
export function renderLossyMark(
  shown: ShownImage | undefined,
  strings: ViewportStrings,
): TemplateResult | typeof nothing {
  if (!shown || !isShownLossy(shown)) return nothing;
  return html`<div class="lossy" part="lossy" role="status">${strings.lossyImage}</div>`;
}

export function isShownLossy(shown: ShownImage): boolean {
  return shown.frame.lossy === true || declaresLossyCompression(shown.image.dataset);
}

/**
 * The mark over a preview (a reduced JPEG 2000 decode, a server-rendered image) until the
 * diagnostic frame replaces it: shown with `overlay="off"` too, like the partial mark.
 */
export function renderPreviewMark(
  shown: ShownImage | undefined,
  strings: ViewportStrings,
): TemplateResult | typeof nothing {
  if (shown?.quality !== 'preview') return nothing;
  return html`<div class="preview" part="preview" role="status">${strings.previewImage}</div>`;
}

/** The loading bar while a stack fills (`loadProgress` set by whoever loads it). */
export function renderProgress(
  progress: { loaded: number; total: number } | undefined,
  strings: ViewportStrings,
): TemplateResult | typeof nothing {
  if (!progress || progress.total <= 0 || progress.loaded >= progress.total) return nothing;
  return html`<div
    class="progress"
    role="progressbar"
    aria-label=${strings.loading}
    aria-valuemin="0"
    aria-valuemax=${progress.total}
    aria-valuenow=${progress.loaded}
    style="width: ${(100 * progress.loaded) / progress.total}%"
  ></div>`;
}
