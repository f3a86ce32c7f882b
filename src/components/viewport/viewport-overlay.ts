import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ShownImage } from '../../controllers/frame-stack-controller.js';
import { formatDicomDate, formatNumber } from '../../i18n/locale.js';
import type { Locale, ViewportStrings } from '../../i18n/strings.js';
import { calibrationOf, type Calibration } from '../../render/calibration.js';
import type { ImagePoint, Measurement, MeasurementKind } from '../../render/measurement.js';
import { apply, type Affine } from '../../render/view-transform.js';
import type { VoiWindow } from '../../render/voi-lut.js';
import { orientationMarkers } from './orientation-markers.js';
import { formatPersonName } from '../../dicom/person-name.js';
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
  };
  readonly shown: ShownImage;
  readonly strings: ViewportStrings;
  readonly locale: Locale;
  readonly window: Required<VoiWindow> | undefined;
  readonly measurements: readonly Measurement[];
  readonly draft: { kind: MeasurementKind; points: ImagePoint[] } | undefined;
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
    `${strings.zoom}: ${n(scale * 100)} %`,
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
      ${scaleBar(calibration, input.viewport.clientWidth, scale)}
    </div>
    ${m ? annotations({ ...input, measurements }, m) : nothing}`;
}

function joined(...parts: (string | undefined)[]): string {
  return parts.filter((p) => p).join(' ');
}

/** A bar of a round length in mm no wider than a quarter of the viewport. */
function scaleBar(
  calibration: Calibration,
  viewportWidth: number,
  cssPerPixel: number,
): TemplateResult | typeof nothing {
  if (calibration.kind === 'none') return nothing;
  const cssPerMm = cssPerPixel / calibration.columnSpacing;
  const limit = viewportWidth / 4;
  const mm = [500, 200, 100, 50, 20, 10, 5, 2, 1].find((length) => length * cssPerMm <= limit);
  if (!mm) return nothing;
  const label = mm >= 10 && mm % 10 === 0 ? `${mm / 10} cm` : `${mm} mm`;
  return html`<div class="scale-bar" style="width: ${mm * cssPerMm}px"><span>${label}</span></div>`;
}

function annotations(input: OverlayInput, m: Affine): TemplateResult {
  const shapes: TemplateResult[] = input.measurements.map(
    (measurement) =>
      svg`<g><title>${input.strings.calibration[measurement.calibration]}</title>${shape(
        measurement.kind,
        measurement.points,
        m,
        label(measurement, input),
      )}</g>`,
  );
  if (input.draft) shapes.push(shape(input.draft.kind, input.draft.points, m, undefined));
  return html`<svg class="annotations" aria-hidden="true">${shapes}</svg>`;
}

function label(measurement: Measurement, input: OverlayInput): string {
  const n = (value: number, digits: number): string => formatNumber(input.locale, value, digits);
  const value = `${n(measurement.value, measurement.unit === 'deg' ? 1 : 2)} ${measurement.unit === 'deg' ? '°' : measurement.unit}`;
  const s = measurement.statistics;
  if (!s) return value;
  const unit = s.unit ? ` ${s.unit}` : '';
  const t = input.strings.statistics;
  return `${t.mean} ${n(s.mean, 1)}${unit} ${t.sd} ${n(s.standardDeviation, 1)} ${t.min} ${n(s.min, 0)} ${t.max} ${n(s.max, 0)} ${t.area} ${value}`;
}

function shape(
  kind: MeasurementKind,
  points: readonly ImagePoint[],
  m: Affine,
  text: string | undefined,
): TemplateResult {
  const p = points.map((point) => apply(m, point.x, point.y));
  const [a, b, c] = p;
  // A keyboard draft starts as a lone cursor point, drawn as a cross until the next Enter.
  if (a && !b)
    return svg`<path class="shape cursor" d="M${a.x - 8} ${a.y}h16M${a.x} ${a.y - 8}v16"></path>`;
  if (!a || !b) return svg``;
  const caption = text ? svg`<text x=${b.x + 6} y=${b.y - 6}>${text}</text>` : svg``;
  switch (kind) {
    case 'length':
      return svg`<line class="shape" x1=${a.x} y1=${a.y} x2=${b.x} y2=${b.y}></line>${caption}`;
    case 'angle':
      return svg`<polyline class="shape" points=${[a, b, c ?? b].map((q) => `${q.x},${q.y}`).join(' ')}></polyline>${caption}`;
    case 'rectangle':
    case 'ellipse': {
      // Corners come from image space: with rotation the region stays axis-aligned in the image.
      const corners = [
        points[0],
        { x: points[1]?.x ?? 0, y: points[0]?.y ?? 0 },
        points[1],
        { x: points[0]?.x ?? 0, y: points[1]?.y ?? 0 },
      ].map((q) => apply(m, q?.x ?? 0, q?.y ?? 0));
      if (kind === 'rectangle') {
        return svg`<polygon class="shape" points=${corners.map((q) => `${q.x},${q.y}`).join(' ')}></polygon>${caption}`;
      }
      const cx = (a.x + b.x) / 2;
      const cy = (a.y + b.y) / 2;
      const [c0, c1, , c3] = corners;
      const rx = c0 && c1 ? Math.hypot(c1.x - c0.x, c1.y - c0.y) / 2 : 0;
      const ry = c0 && c3 ? Math.hypot(c3.x - c0.x, c3.y - c0.y) / 2 : 0;
      const angle = c0 && c1 ? (Math.atan2(c1.y - c0.y, c1.x - c0.x) * 180) / Math.PI : 0;
      return svg`<ellipse class="shape" cx=${cx} cy=${cy} rx=${rx} ry=${ry} transform="rotate(${angle} ${cx} ${cy})"></ellipse>${caption}`;
    }
  }
}

/** The loading bar while a stack fills (`loadProgress` set by whoever loads it). */
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
