import { calibrationOf } from '../render/calibration.js';
import { paddingRangeOf } from '../render/pixel-padding.js';
import type { ImagePoint, Measurement } from '../render/measurement.js';
import type { ShownImage } from './frame-stack-controller.js';
import type { MeasurementToolDefinition } from './tools/tool-definition.js';
import { SOPInstanceUID } from '../dicom/tags.generated.js';

let sequence = 0;

/**
 * Turns the points a tool collected into a measurement: the tool measures (in mm, or px when
 * uncalibrated), this adds what every measurement carries (id, image, calibration used).
 */
export function createMeasurement(
  tool: MeasurementToolDefinition,
  points: readonly ImagePoint[],
  shown: ShownImage,
): Measurement | undefined {
  const [first] = points;
  // Two or more points in one place measure nothing (a click without a drag).
  if (!first || (points.length > 1 && points.every((p) => p.x === first.x && p.y === first.y)))
    return undefined;
  const calibration = calibrationOf(shown.image.dataset, shown.image.frame);
  const measured = tool.measure(points, {
    calibration,
    frame: shown.frame,
    modality: shown.defaults.modality,
    padding: paddingRangeOf(shown.image.dataset),
  });
  if (!measured) return undefined;
  return {
    id: `m${Date.now().toString(36)}-${(sequence++).toString(36)}`,
    kind: tool.id,
    points,
    calibration: calibration.kind,
    ...(calibration.estimated ? { estimated: true } : {}),
    sopInstanceUid: shown.image.dataset.string(SOPInstanceUID),
    frame: shown.image.frame,
    ...measured,
  };
}
