/**
 * Which window is in force on a viewport, and the display pipeline it makes: the `voi` property
 * if set, else the header preset chosen, else the header's default (PS3.3 C.11.2).
 */
import type { ShownImage } from '../../controllers/frame-stack-controller.js';
import type { DisplayDefaults, DisplayPipeline } from '../../render/display-pipeline.js';
import {
  normaliseWindow,
  windowFromRange,
  type VoiTransform,
  type VoiWindow,
} from '../../render/voi-lut.js';

export function voiInForce(
  defaults: DisplayDefaults | undefined,
  voi: VoiWindow | undefined,
  presetIndex: number | undefined,
): VoiTransform | undefined {
  if (!defaults) return undefined;
  if (voi) return { kind: 'window', window: normaliseWindow(voi) };
  const preset = presetIndex === undefined ? undefined : defaults.presets[presetIndex];
  return preset?.voi ?? defaults.defaultVoi;
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
  ): DisplayPipeline {
    const key = [shown.defaults, voi, presetIndex, invert];
    if (this.#pipeline && key.every((v, i) => v === this.#key[i])) return this.#pipeline;
    this.#key = key;
    this.#pipeline = {
      color: shown.defaults.color,
      modality: shown.defaults.modality,
      voi: voiInForce(shown.defaults, voi, presetIndex) ?? shown.defaults.defaultVoi,
      invert: shown.defaults.inverted !== invert,
    };
    return this.#pipeline;
  }
}
