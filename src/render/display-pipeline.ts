import type { DicomDataset } from '../dicom/dataset.js';
import type { DecodedFrame } from '../dicom/decoded-frame.js';
import {
  applyModalityLut,
  modalityLutOf,
  modalityRange,
  type ModalityLut,
} from './modality-lut.js';
import { paddingRangeOf, storedRange } from './pixel-padding.js';
import { presentationInverted } from './presentation-lut.js';
import {
  applyVoi,
  voiPresetsOf,
  windowFromContinuousRange,
  windowFromRange,
  type VoiPreset,
  type VoiTransform,
  type VoiWindow,
} from './voi-lut.js';

/** Everything a renderer needs to turn stored values into display grey levels. */
export interface DisplayPipeline {
  /** RGB frames are shown directly (PALETTE COLOR and YBR arrive as RGB from the decoder). */
  readonly color: boolean;
  readonly modality: ModalityLut;
  readonly voi: VoiTransform;
  /** MONOCHROME1 / INVERSE shape, XOR the user's invert. */
  readonly invert: boolean;
}

/** What the header and the pixels say about displaying one frame. */
export interface DisplayDefaults {
  readonly color: boolean;
  readonly modality: ModalityLut;
  readonly presets: readonly VoiPreset[];
  /** First header preset, else a window over the data range (padding excluded). */
  readonly defaultVoi: VoiTransform;
  readonly inverted: boolean;
  /** Stored-value range without padding; undefined for colour or all-padding frames. */
  readonly storedRange: readonly [number, number] | undefined;
  readonly modalityRange: readonly [number, number] | undefined;
}

export function displayDefaultsOf(dataset: DicomDataset, frame: DecodedFrame): DisplayDefaults {
  const color = frame.samplesPerPixel === 3;
  const modality = modalityLutOf(dataset);
  const stored = color ? undefined : storedRange(frame.pixels, paddingRangeOf(dataset));
  const range = stored ? modalityRange(modality, stored[0], stored[1]) : undefined;
  const presets = voiPresetsOf(dataset, (range?.[0] ?? 0) < 0 || frame.signed);
  return {
    color,
    modality,
    presets,
    defaultVoi: presets[0]?.voi ?? { kind: 'window', window: fallbackWindow(frame, range) },
    inverted: !color && presentationInverted(dataset),
    storedRange: stored,
    modalityRange: range,
  };
}

/**
 * The window when the header has none. One-bit frames (segmentations, PS3.3 C.8.20.2) always
 * show 0 black and 1 white, even when a frame holds only one of them; float frames (parametric
 * maps) span their own range continuously, however narrow (an ADC map's 0.001 mm²/s); integers
 * span their range, else everything Bits Stored can hold.
 */
function fallbackWindow(
  frame: DecodedFrame,
  range: readonly [number, number] | undefined,
): Required<VoiWindow> {
  if (frame.bitsStored === 1 && frame.samplesPerPixel === 1) return windowFromRange(0, 1);
  const float = frame.pixels instanceof Float32Array || frame.pixels instanceof Float64Array;
  if (float && range) return windowFromContinuousRange(range[0], range[1]);
  const [min, max] = range ?? [0, 2 ** frame.bitsStored - 1];
  return windowFromRange(min, max);
}

/** The whole grayscale chain for one stored value, in [0, 1] (the Canvas2D path and tests use it). */
export function displayValue(pipeline: DisplayPipeline, stored: number): number {
  const y = applyVoi(pipeline.voi, applyModalityLut(pipeline.modality, stored));
  const clamped = Math.min(Math.max(y, 0), 1);
  return pipeline.invert ? 1 - clamped : clamped;
}

/**
 * A stored value → 8-bit grey table over [min, max], so the CPU path costs one lookup a
 * pixel however long the chain is. Integer stored values only.
 */
export function displayTable8(
  pipeline: DisplayPipeline,
  min: number,
  max: number,
): Uint8ClampedArray {
  const table = new Uint8ClampedArray(max - min + 1);
  for (let v = min; v <= max; v++) table[v - min] = Math.round(displayValue(pipeline, v) * 255);
  return table;
}
