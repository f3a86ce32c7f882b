/**
 * Which window is in force on a viewport, and the display pipeline it makes: the `voi` property
 * if set, else the header preset chosen, else the header's default (PS3.3 C.11.2).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ShownImage } from '../../controllers/frame-stack-controller.js';
import { VoiChangeEvent } from '../../events/voi-change.js';
import type { DisplayDefaults, DisplayPipeline } from '../../render/display-pipeline.js';
import type { AppliedPresentation } from '../../render/presentation-display.js';
import {
  normaliseWindow,
  windowFromRange,
  type VoiPreset,
  type VoiTransform,
  type VoiWindow,
} from '../../render/voi-lut.js';

export function voiInForce(
  defaults: DisplayDefaults | undefined,
  voi: VoiWindow | undefined,
  presetIndex: number | undefined,
  presentation?: AppliedPresentation,
): VoiTransform | undefined {
  if (!defaults) return undefined;
  if (voi) return { kind: 'window', window: normaliseWindow(voi) };
  const preset = presetIndex === undefined ? undefined : defaults.presets[presetIndex];
  // A presentation state's Softcopy VOI LUT replaces the header's (PS3.4 N.2); a reader's choice wins.
  return preset?.voi ?? presentation?.voi ?? defaults.defaultVoi;
}

/** The window in force as numbers (a VOI LUT table is approximated by the data range). */
export function windowInForce(
  defaults: DisplayDefaults | undefined,
  voi: VoiTransform | undefined,
): Required<VoiWindow> | undefined {
  if (!voi) return undefined;
  if (voi.kind === 'window') return voi.window;
  const range = defaults?.modalityRange ?? [0, 255];
  return windowFromRange(range[0], range[1]);
}

/** One pipeline object per distinct input, so the Canvas2D path can skip unchanged redraws. */
export class PipelineMemo {
  #key: readonly unknown[] = [];
  #pipeline: DisplayPipeline | undefined;

  get(
    shown: ShownImage,
    voi: VoiWindow | undefined,
    presetIndex: number | undefined,
    invert: boolean,
    presentation: AppliedPresentation | undefined,
  ): DisplayPipeline {
    const key = [shown.defaults, voi, presetIndex, invert, presentation];
    if (this.#pipeline && key.every((v, i) => v === this.#key[i])) return this.#pipeline;
    this.#key = key;
    this.#pipeline = {
      color: shown.defaults.color,
      modality: presentation?.modality ?? shown.defaults.modality,
      voi: voiInForce(shown.defaults, voi, presetIndex, presentation) ?? shown.defaults.defaultVoi,
      // PS3.3 C.11.6.1: the state's Presentation LUT Shape decides, MONOCHROME1 included.
      invert: (presentation ? presentation.inverse : shown.defaults.inverted) !== invert,
    };
    return this.#pipeline;
  }
}

export interface VoiHost extends ReactiveControllerHost, EventTarget {
  voi: VoiWindow | undefined;
  readonly presets: readonly VoiPreset[];
}

/**
 * The header preset chosen, and `cb-voi-change` for every window change: `source: 'user'` for
 * a tool, key or the toolbar, `'api'` when the host set `voi`.
 */
export class VoiController implements ReactiveController {
  /** The header preset in force (0-based), when one was chosen and `voi` is unset. */
  presetIndex: number | undefined;
  #setByUser = false;
  #lastVoi: VoiWindow | undefined;

  constructor(private readonly host: VoiHost) {
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.host.voi !== this.#lastVoi && !this.#setByUser) {
      this.host.dispatchEvent(
        new VoiChangeEvent({ voi: this.host.voi, preset: undefined, source: 'api' }),
      );
    }
    this.#lastVoi = this.host.voi;
    this.#setByUser = false;
  }

  /** Forgets the preset chosen (a new stack, a reset). */
  clearPreset(): void {
    this.presetIndex = undefined;
    this.host.requestUpdate();
  }

  selectPreset(index: number): void {
    const preset = this.host.presets[index];
    if (!preset) return;
    this.host.voi = undefined;
    this.#setByUser = true;
    this.presetIndex = index;
    this.host.requestUpdate();
    this.host.dispatchEvent(
      new VoiChangeEvent({
        voi: preset.voi.kind === 'window' ? preset.voi.window : undefined,
        preset: preset.label,
        source: 'user',
      }),
    );
  }

  cyclePreset(): void {
    const count = this.host.presets.length;
    // With no preset chosen and no window set, the first preset is already the one shown.
    const current = this.presetIndex ?? (this.host.voi ? -1 : 0);
    if (count > 0) this.selectPreset((current + 1) % count);
  }

  setWindowFromUser(window: VoiWindow): void {
    this.host.voi = normaliseWindow(window);
    this.#setByUser = true;
    this.host.dispatchEvent(
      new VoiChangeEvent({ voi: this.host.voi, preset: undefined, source: 'user' }),
    );
  }
}
