/** One plane's pane of `<cb-mpr>`: its canvas placed on the plane's mapping, overlay and label. */
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import { stringsFor, type Locale, type MprStrings } from '../../i18n/strings.js';
import type { Measurement } from '../../render/measurement.js';
import type { ReformatPlane, Slab } from '../../volume/reformat-plane.js';
import { dot, sub, type Vec3 } from '../../volume/vec3.js';
import type { DrawnPlane } from './mpr-drawing.js';
import type { PaneMapping, PlaneAxesSet } from './mpr-geometry.js';
import type { MprInput } from './mpr-input.js';
import type { MprSourceState } from './mpr-source.js';
import { renderPaneOverlay, type MprLength } from './mpr-overlay.js';

export interface PaneInput {
  readonly name: MprPlaneName;
  readonly locale: Locale;
  readonly mapping: PaneMapping | undefined;
  readonly drawn: DrawnPlane | undefined;
  readonly axes: PlaneAxesSet;
  readonly crosshair: Vec3;
  readonly slab: Slab | undefined;
  readonly tolerance: number;
  readonly lengths: readonly MprLength[];
  readonly draft: readonly Vec3[] | undefined;
  readonly input: MprInput;
}

export function renderPane(pane: PaneInput): TemplateResult {
  const { name, locale, mapping, drawn, slab, input } = pane;
  const strings = stringsFor(locale);
  const m = mapping && drawn ? mapping.imageToCss(drawn.plane) : undefined;
  // The canvas holds one pixel per reformat pixel; CSS scales it onto the plane's mapping.
  const canvasStyle =
    m && drawn
      ? {
          left: `${m.e}px`,
          top: `${m.f}px`,
          width: `${m.a * drawn.image.width}px`,
          height: `${m.d * drawn.image.height}px`,
        }
      : { display: 'none' };
  const number = new Intl.NumberFormat(locale);
  return html`<div
    class="pane"
    part="pane"
    data-plane=${name}
    tabindex="0"
    role="group"
    aria-label=${strings.mpr.planes[name]}
    @pointerdown=${(event: PointerEvent) => {
      input.pointerDown(name, event);
    }}
    @pointermove=${(event: PointerEvent) => {
      input.pointerMove(name, event);
    }}
    @pointerup=${(event: PointerEvent) => {
      input.pointerUp(name, event);
    }}
    @pointercancel=${() => {
      input.pointerCancel();
    }}
    @wheel=${(event: WheelEvent) => {
      input.wheel(name, event);
    }}
    @keydown=${(event: KeyboardEvent) => {
      input.keyDown(name, event);
    }}
  >
    <canvas data-plane=${name} style=${styleMap(canvasStyle)}></canvas>
    ${
      mapping
        ? html`<svg class="overlay" aria-hidden="true">
            ${renderPaneOverlay({
              name,
              mapping,
              axes: pane.axes,
              crosshair: pane.crosshair,
              slabThickness: slab?.thickness ?? 0,
              tolerance: pane.tolerance,
              lengths: pane.lengths,
              draft: pane.draft,
              strings: strings.viewport,
              format: (value, digits) =>
                value.toLocaleString(locale, {
                  minimumFractionDigits: digits,
                  maximumFractionDigits: digits,
                }),
            })}
          </svg>`
        : nothing
    }
    <div class="label">
      ${strings.mpr.planes[name]}${
        slab ? ` · ${strings.mpr.slabModes[slab.mode]} ${number.format(slab.thickness)} mm` : ''
      }
    </div>
  </div>`;
}

/** The panes' sizes now, or undefined when none changed (no re-render needed). */
export function measurePanes(
  root: ParentNode,
  boxes: ReadonlyMap<MprPlaneName, { width: number; height: number }>,
): Map<MprPlaneName, { width: number; height: number }> | undefined {
  let changed = false;
  const next = new Map(boxes);
  for (const pane of root.querySelectorAll<HTMLElement>('.pane')) {
    const name = pane.dataset['plane'] as MprPlaneName;
    const box = { width: pane.clientWidth, height: pane.clientHeight };
    const old = next.get(name);
    if (old?.width !== box.width || old.height !== box.height) {
      next.set(name, box);
      changed = true;
    }
  }
  return changed ? next : undefined;
}

/**
 * A distance as the `cb-measurement` detail: the mm between its patient points (true in any
 * plane, oblique included), its points in `plane`'s image coordinates (top-left pixel corner 0).
 */
export function lengthMeasurement(item: MprLength, plane: ReformatPlane): Measurement {
  const imagePoint = (p: Vec3): { x: number; y: number } => ({
    x: dot(sub(p, plane.origin), plane.rowDirection) / plane.columnSpacing + 0.5,
    y: dot(sub(p, plane.origin), plane.columnDirection) / plane.rowSpacing + 0.5,
  });
  return {
    id: item.id,
    kind: 'length',
    value: item.value,
    unit: 'mm',
    points: item.points.map(imagePoint),
    calibration: 'pixel-spacing',
    sopInstanceUid: undefined,
    frame: 0,
  };
}

/** Why nothing is drawn (a refusal, as an alert), or how far the slices are (a status). */
export function renderNotice(
  state: MprSourceState,
  strings: MprStrings,
): TemplateResult | typeof nothing {
  if (state.kind === 'failed')
    return html`<div class="notice refusal" part="notice" role="alert">
      <strong>${strings.refused}</strong>
      <p>${state.message}</p>
    </div>`;
  const volume = state.kind === 'open' ? state.volume : undefined;
  const text =
    volume && volume.loadedSlices < volume.totalSlices
      ? strings.slices(volume.loadedSlices, volume.totalSlices)
      : state.kind === 'opening'
        ? strings.opening
        : undefined;
  return text ? html`<div class="notice" part="notice" role="status">${text}</div>` : nothing;
}
