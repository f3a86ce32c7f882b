import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { Calibration, CalibrationKind } from './calibration.js';
import { applyModalityLut, type ModalityLut } from './modality-lut.js';
import type { PaddingRange } from './pixel-padding.js';

/** Image pixel coordinates: (0,0) is the top-left corner of the first pixel. */
export interface ImagePoint {
  readonly x: number;
  readonly y: number;
}

/** Region statistics in modality units (HU for CT), PS3.3 C.11.1 output values. */
export interface RegionStatistics {
  readonly mean: number;
  readonly standardDeviation: number;
  readonly min: number;
  readonly max: number;
  readonly pixelCount: number;
  /** Modality LUT Type / Rescale Type ('HU', 'OD' …) when known. */
  readonly unit: string | undefined;
}

/** What a tool measured from its points (controllers/tools: one file per tool). */
export interface MeasuredValue {
  /**
   * Length in mm/px, angle in degrees, area in mm²/px² for regions, the modality value (HU for
   * CT) under a point probe.
   */
  readonly value: number;
  /**
   * 'mm', 'px', 'deg', 'mm²', 'px²'; for a point probe the modality unit (Rescale Type or
   * Modality LUT Type, 'HU' for CT), '' when the header names none.
   */
  readonly unit: string;
  readonly statistics?: RegionStatistics;
  /** The stored pixel value under a point probe, before the Modality LUT. */
  readonly storedValue?: number;
}

/**
 * A measurement as data (`cb-measurement` detail, `CbViewport.measurements`). `kind` is the id
 * of the tool that made it (`MeasurementKind` for the built-in tools).
 */
export interface Measurement<Kind extends string = string> extends MeasuredValue {
  readonly id: string;
  readonly kind: Kind;
  /** Image coordinates: (0,0) is the top-left corner of the first pixel. */
  readonly points: readonly ImagePoint[];
  readonly calibration: CalibrationKind;
  /** Present when the mm are an estimate (magnification factor, PS3.3 C.8.11.7): shown with ≈. */
  readonly estimated?: true;
  readonly sopInstanceUid: string | undefined;
  readonly frame: number;
}

export function physicalLength(a: ImagePoint, b: ImagePoint, calibration: Calibration): number {
  const dx = (b.x - a.x) * calibration.columnSpacing;
  const dy = (b.y - a.y) * calibration.rowSpacing;
  return Math.hypot(dx, dy);
}

/** Angle at `vertex` between the two arms, in degrees, measured in physical space. */
export function physicalAngle(
  a: ImagePoint,
  vertex: ImagePoint,
  b: ImagePoint,
  calibration: Calibration,
): number {
  const ux = (a.x - vertex.x) * calibration.columnSpacing;
  const uy = (a.y - vertex.y) * calibration.rowSpacing;
  const vx = (b.x - vertex.x) * calibration.columnSpacing;
  const vy = (b.y - vertex.y) * calibration.rowSpacing;
  const cos = (ux * vx + uy * vy) / (Math.hypot(ux, uy) * Math.hypot(vx, vy));
  return (Math.acos(Math.min(Math.max(cos, -1), 1)) * 180) / Math.PI;
}

export function regionArea(
  kind: 'rectangle' | 'ellipse',
  a: ImagePoint,
  b: ImagePoint,
  calibration: Calibration,
): number {
  const width = Math.abs(b.x - a.x) * calibration.columnSpacing;
  const height = Math.abs(b.y - a.y) * calibration.rowSpacing;
  return kind === 'rectangle' ? width * height : (Math.PI * width * height) / 4;
}

/** Statistics over the pixels whose centres lie inside the region (grayscale frames only). */
export function regionStatistics(
  kind: 'rectangle' | 'ellipse',
  a: ImagePoint,
  b: ImagePoint,
  frame: DecodedFrame,
  modality: ModalityLut,
  padding?: PaddingRange,
): RegionStatistics | undefined {
  if (frame.samplesPerPixel !== 1) return undefined;
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const rx = (x1 - x0) / 2;
  const ry = (y1 - y0) / 2;
  let count = 0;
  let sum = 0;
  let sumSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(frame.rows, Math.ceil(y1)); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(frame.columns, Math.ceil(x1)); x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      if (px < x0 || px > x1 || py < y0 || py > y1) continue;
      if (kind === 'ellipse' && ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 > 1) continue;
      const stored = frame.pixels[y * frame.columns + x] ?? 0;
      // PS3.3 C.7.5.1.1.2: padding is not patient signal and stays out of statistics.
      if (padding && stored >= padding.low && stored <= padding.high) continue;
      const value = applyModalityLut(modality, stored);
      count++;
      sum += value;
      sumSquares += value * value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  if (count === 0) return undefined;
  const mean = sum / count;
  return {
    mean,
    // Population SD: the ROI is the whole population being described.
    standardDeviation: Math.sqrt(Math.max(sumSquares / count - mean * mean, 0)),
    min,
    max,
    pixelCount: count,
    unit: modality.unit,
  };
}
