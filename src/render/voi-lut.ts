import type { DicomDataset } from '../dicom/dataset.js';
import { lookup, readLutTable, type LutTable } from './lut-data.js';
import {
  VOILUTFunction,
  VOILUTSequence,
  WindowCenter,
  WindowCenterWidthExplanation,
  WindowWidth,
} from '../dicom/tags.generated.js';

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3. */
export type VoiFunction = 'LINEAR' | 'LINEAR_EXACT' | 'SIGMOID';

/** A window as the public `viewport.voi` property carries it. */
export interface VoiWindow {
  readonly windowCenter: number;
  readonly windowWidth: number;
  readonly function?: VoiFunction;
}

/** Modality values → display in [0, 1]: a window function or a VOI LUT Sequence table. */
export type VoiTransform =
  | { readonly kind: 'window'; readonly window: Required<VoiWindow> }
  | { readonly kind: 'table'; readonly table: LutTable };

export interface VoiPreset {
  /** Window Center & Width Explanation or LUT Explanation, when the header gives one. */
  readonly label: string | undefined;
  readonly voi: VoiTransform;
}

export function voiFunctionOf(text: string | undefined): VoiFunction {
  return text === 'LINEAR_EXACT' || text === 'SIGMOID' ? text : 'LINEAR';
}

/** Smallest acceptable width: PS3.3 C.11.2.1.2.1 requires ≥ 1 for LINEAR, C.11.2.1.3.x > 0 otherwise. */
export function minimumWidth(fn: VoiFunction): number {
  return fn === 'LINEAR' ? 1 : Number.EPSILON;
}

export function normaliseWindow(window: VoiWindow): Required<VoiWindow> {
  const fn = window.function ?? 'LINEAR';
  return {
    windowCenter: window.windowCenter,
    windowWidth: Math.max(window.windowWidth, minimumWidth(fn)),
    function: fn,
  };
}

/**
 * Every VOI the header offers, windows first (PS3.3 C.11.2.1.2: multiple Window Center/Width
 * pairs are alternative views), then VOI LUT Sequence items. `modalitySigned` tells whether a
 * VOI LUT's first-mapped value is to be read as signed (C.11.2.1.1).
 */
export function voiPresetsOf(dataset: DicomDataset, modalitySigned: boolean): VoiPreset[] {
  const presets: VoiPreset[] = [];
  const centers = dataset.numbers(WindowCenter);
  const widths = dataset.numbers(WindowWidth);
  const explanations = dataset.strings(WindowCenterWidthExplanation);
  const fn = voiFunctionOf(dataset.string(VOILUTFunction));
  for (let i = 0; i < Math.min(centers.length, widths.length); i++) {
    const windowCenter = centers[i];
    const windowWidth = widths[i];
    if (windowCenter === undefined || windowWidth === undefined) continue;
    if (!Number.isFinite(windowCenter) || !(windowWidth >= minimumWidth(fn))) continue;
    presets.push({
      label: explanations[i] || undefined,
      voi: { kind: 'window', window: { windowCenter, windowWidth, function: fn } },
    });
  }
  for (const item of dataset.sequence(VOILUTSequence)) {
    const table = readLutTable(item, modalitySigned);
    if (table) presets.push({ label: table.explanation, voi: { kind: 'table', table } });
  }
  return presets;
}

/**
 * A LINEAR window that maps the modality range [min, max] exactly onto [0, 1]
 * (PS3.3 C.11.2.1.2.1 solved for the end points), used when the header has no VOI.
 */
export function windowFromRange(min: number, max: number): Required<VoiWindow> {
  const windowWidth = Math.max(max - min + 1, 1);
  return { windowCenter: min + 0.5 + (windowWidth - 1) / 2, windowWidth, function: 'LINEAR' };
}

/**
 * A LINEAR_EXACT window (PS3.3 C.11.2.1.3.2) mapping [min, max] of real values onto [0, 1]:
 * LINEAR's width − 1 assumes integer steps and would flatten a range narrower than 1.
 */
export function windowFromContinuousRange(min: number, max: number): Required<VoiWindow> {
  const windowWidth = max > min ? max - min : Math.max(Math.abs(min), 1);
  return { windowCenter: (min + max) / 2, windowWidth, function: 'LINEAR_EXACT' };
}

/** The window formulas of PS3.3 C.11.2.1.2.1 (LINEAR), C.11.2.1.3.2 (LINEAR_EXACT), C.11.2.1.3.1 (SIGMOID), with y in [0, 1]. */
export function applyWindow(window: Required<VoiWindow>, x: number): number {
  const c = window.windowCenter;
  const w = window.windowWidth;
  switch (window.function) {
    case 'LINEAR': {
      if (x <= c - 0.5 - (w - 1) / 2) return 0;
      if (x > c - 0.5 + (w - 1) / 2) return 1;
      return (x - (c - 0.5)) / (w - 1) + 0.5;
    }
    case 'LINEAR_EXACT': {
      if (x <= c - w / 2) return 0;
      if (x > c + w / 2) return 1;
      return (x - c) / w + 0.5;
    }
    case 'SIGMOID':
      return 1 / (1 + Math.exp((-4 * (x - c)) / w));
  }
}

export function applyVoi(voi: VoiTransform, x: number): number {
  if (voi.kind === 'window') return applyWindow(voi.window, x);
  // PS3.3 C.11.2.1.1: the output range is 0 … 2^bits − 1.
  return lookup(voi.table, x) / (2 ** voi.table.bitsPerEntry - 1);
}
