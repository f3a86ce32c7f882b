import { calibrationOf } from '../render/calibration.js';
import { paddingRangeOf } from '../render/pixel-padding.js';
import {
  physicalAngle,
  physicalLength,
  regionArea,
  regionStatistics,
  type ImagePoint,
  type Measurement,
  type MeasurementKind,
} from '../render/measurement.js';
import type { ShownImage } from './frame-stack-controller.js';
import { SOPInstanceUID } from '../dicom/tags.generated.js';

let sequence = 0;

/** Turns the points a tool collected into a measurement in mm (or px when uncalibrated). */
export function createMeasurement(
  kind: MeasurementKind,
  points: readonly ImagePoint[],
  shown: ShownImage,
): Measurement | undefined {
  const calibration = calibrationOf(shown.image.dataset, shown.image.frame);
  const mm = calibration.kind !== 'none';
  const base = {
    id: `m${Date.now().toString(36)}-${(sequence++).toString(36)}`,
    kind,
    points,
    calibration: calibration.kind,
    sopInstanceUid: shown.image.dataset.string(SOPInstanceUID),
    frame: shown.image.frame,
  };
  const [a, b, c] = points;
  if (!a || !b) return undefined;
  switch (kind) {
    case 'length':
      return { ...base, value: physicalLength(a, b, calibration), unit: mm ? 'mm' : 'px' };
    case 'angle':
      if (!c) return undefined;
      return { ...base, value: physicalAngle(a, b, c, calibration), unit: 'deg' };
    case 'rectangle':
    case 'ellipse': {
      const statistics = regionStatistics(
        kind,
        a,
        b,
        shown.frame,
        shown.defaults.modality,
        paddingRangeOf(shown.image.dataset),
      );
      const measurement: Measurement = {
        ...base,
        value: regionArea(kind, a, b, calibration),
        unit: mm ? 'mm²' : 'px²',
      };
      return statistics ? { ...measurement, statistics } : measurement;
    }
  }
}
