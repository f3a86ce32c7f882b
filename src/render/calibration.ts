import type { DicomDataset } from '../dicom/dataset.js';
import {
  EstimatedRadiographicMagnificationFactor,
  ImagerPixelSpacing,
  PerFrameFunctionalGroupsSequence,
  PixelMeasuresSequence,
  PixelSpacing,
  PixelSpacingCalibrationType,
  SharedFunctionalGroupsSequence,
} from '../dicom/tags.generated.js';

/**
 * How image pixels map to millimetres (PS3.3 10.7.1.3 "Pixel Spacing Value Order and Valid
 * Values"): which attribute was used is always reported with a measurement.
 * - 'pixel-spacing': Pixel Spacing (0028,0030), in the patient (CT, MR, or calibrated projection).
 * - 'imager-pixel-spacing-magnified': Imager Pixel Spacing (0018,1164) ÷ Estimated Radiographic
 *   Magnification Factor (0018,1114), i.e. at the isocentre plane (mammography, PS3.3 C.8.11.7).
 * - 'imager-pixel-spacing': at the detector plane, no magnification known.
 * - 'none': no spacing; measurements are in pixels.
 */
export type CalibrationKind =
  'pixel-spacing' | 'imager-pixel-spacing-magnified' | 'imager-pixel-spacing' | 'none';

export interface Calibration {
  readonly kind: CalibrationKind;
  /** mm between the centres of adjacent rows (vertical) — first value of Pixel Spacing. */
  readonly rowSpacing: number;
  /** mm between the centres of adjacent columns (horizontal) — second value. */
  readonly columnSpacing: number;
  /**
   * The mm are an estimate at the object, not a calibration: the detector spacing corrected by
   * the Estimated Radiographic Magnification Factor (PS3.3 C.8.11.7; "estimated" because the
   * breast is not a plane at one height), or a Pixel Spacing whose Pixel Spacing Calibration
   * Type (0028,0A02) is GEOMETRY, which is that same correction (PS3.3 10.7.1.3). The IHE
   * Mammography Image profile asks a display to say so wherever it shows a size.
   */
  readonly estimated?: true;
  /** The Estimated Radiographic Magnification Factor (0018,1114) that divided the spacing. */
  readonly magnification?: number;
}

export function calibrationOf(dataset: DicomDataset, frame = 0): Calibration {
  // Enhanced multi-frame IODs put Pixel Spacing in the Pixel Measures functional group (PS3.3 C.7.6.16.2.1).
  const perFrame = dataset.sequence(PerFrameFunctionalGroupsSequence)[frame];
  const shared = dataset.sequence(SharedFunctionalGroupsSequence)[0];
  const spacing =
    pair(dataset.numbers(PixelSpacing)) ??
    pair(perFrame?.sequence(PixelMeasuresSequence)[0]?.numbers(PixelSpacing) ?? []) ??
    pair(shared?.sequence(PixelMeasuresSequence)[0]?.numbers(PixelSpacing) ?? []);
  if (spacing) {
    const calibrated = {
      kind: 'pixel-spacing',
      rowSpacing: spacing[0],
      columnSpacing: spacing[1],
    } as const;
    const type = dataset.string(PixelSpacingCalibrationType)?.toUpperCase();
    return type === 'GEOMETRY' ? { ...calibrated, estimated: true } : calibrated;
  }
  const imager = pair(dataset.numbers(ImagerPixelSpacing));
  if (imager) {
    const magnification = dataset.number(EstimatedRadiographicMagnificationFactor);
    if (magnification !== undefined && magnification > 0) {
      return {
        kind: 'imager-pixel-spacing-magnified',
        rowSpacing: imager[0] / magnification,
        columnSpacing: imager[1] / magnification,
        estimated: true,
        magnification,
      };
    }
    return { kind: 'imager-pixel-spacing', rowSpacing: imager[0], columnSpacing: imager[1] };
  }
  return { kind: 'none', rowSpacing: 1, columnSpacing: 1 };
}

function pair(values: number[]): [number, number] | undefined {
  const [row, column] = values;
  if (row === undefined || column === undefined || !(row > 0) || !(column > 0)) return undefined;
  return [row, column];
}
