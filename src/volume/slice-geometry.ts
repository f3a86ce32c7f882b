import type { DicomDataset } from '../dicom/dataset.js';
import * as Tag from '../dicom/tags.js';
import type { Vec3 } from './vec3.js';
import { VolumeGeometryError } from './volume-errors.js';

/** Which frame of which data set (index into the list given to `slicesOf`) a slice is. */
export interface SliceSource {
  readonly instance: number;
  readonly frame: number;
}

/** Stored value → modality value (PS3.3 C.11.1.1.2): value = stored × slope + intercept. */
export interface Rescale {
  readonly slope: number;
  readonly intercept: number;
}

/**
 * One image plane as the Image Plane Module (PS3.3 C.7.6.2) or the Plane Position / Plane
 * Orientation / Pixel Measures functional groups (C.7.6.16.2.1-3) describe it. Plain data, so
 * it crosses to a worker by structured clone.
 */
export interface SliceGeometry {
  readonly source: SliceSource;
  /** Image Position (Patient): the centre of the first transmitted pixel, mm. */
  readonly position: Vec3;
  /** First triplet of Image Orientation (Patient): the direction of increasing column index. */
  readonly rowDirection: Vec3;
  /** Second triplet: the direction of increasing row index. */
  readonly columnDirection: Vec3;
  readonly rows: number;
  readonly columns: number;
  /** Pixel Spacing first value: mm between the centres of adjacent rows. */
  readonly rowSpacing: number;
  /** Pixel Spacing second value: mm between the centres of adjacent columns. */
  readonly columnSpacing: number;
  readonly bitsStored: number;
  readonly signed: boolean;
  readonly rescale: Rescale;
  /** Frame of Reference UID (0020,0052): slices of different frames cannot share a volume. */
  readonly frameOfReferenceUid: string | undefined;
}

/**
 * The geometry of every frame of `datasets`: single-frame images from their top-level
 * attributes, enhanced multi-frame images from their per-frame functional groups (falling
 * back on the shared ones, C.7.6.16.1). Throws VolumeGeometryError naming the missing
 * attribute and the instance's index, never its identifiers.
 */
export function slicesOf(datasets: readonly DicomDataset[]): SliceGeometry[] {
  return datasets.flatMap((dataset, instance) => {
    const perFrame = dataset.sequence(Tag.PerFrameFunctionalGroupsSequence);
    const frames =
      perFrame.length > 0 ? perFrame.length : (dataset.number(Tag.NumberOfFrames) ?? 1);
    return Array.from({ length: frames }, (_, frame) => sliceOf(dataset, { instance, frame }));
  });
}

function sliceOf(dataset: DicomDataset, source: SliceSource): SliceGeometry {
  const where = `instance ${source.instance} frame ${source.frame}`;
  const samples = dataset.number(Tag.SamplesPerPixel) ?? 1;
  if (samples !== 1 || dataset.sequence(Tag.ModalityLUTSequence).length > 0) {
    // A volume holds one modality value per voxel: colour, or a Modality LUT table (C.11.1),
    // would need another representation.
    throw new VolumeGeometryError(
      'unsupported-pixels',
      `Cannot build a volume from ${where}: only grayscale images with Rescale Slope/Intercept are reformatted`,
    );
  }
  const group = functionalGroup(dataset, source.frame);
  const position = triplet(group(Tag.PlanePositionSequence, Tag.ImagePositionPatient));
  const orientation = group(Tag.PlaneOrientationSequence, Tag.ImageOrientationPatient);
  const spacing = group(Tag.PixelMeasuresSequence, Tag.PixelSpacing);
  const rows = dataset.number(Tag.Rows);
  const columns = dataset.number(Tag.Columns);
  const missing = (attribute: string): VolumeGeometryError =>
    new VolumeGeometryError(
      'missing-geometry',
      `Cannot build a volume: ${where} has no valid ${attribute}`,
    );
  if (!position) throw missing('Image Position (Patient) (0020,0032)');
  const rowDirection = triplet(orientation.slice(0, 3));
  const columnDirection = triplet(orientation.slice(3, 6));
  if (!rowDirection || !columnDirection || !orthonormal(rowDirection, columnDirection)) {
    throw missing('Image Orientation (Patient) (0020,0037)');
  }
  const [rowSpacing, columnSpacing] = spacing;
  if (
    rowSpacing === undefined ||
    columnSpacing === undefined ||
    !(rowSpacing > 0) ||
    !(columnSpacing > 0)
  ) {
    throw missing('Pixel Spacing (0028,0030)');
  }
  if (rows === undefined || columns === undefined || !(rows > 0) || !(columns > 0)) {
    throw missing('Rows (0028,0010) and Columns (0028,0011)');
  }
  const slope = group(Tag.PixelValueTransformationSequence, Tag.RescaleSlope)[0];
  const intercept = group(Tag.PixelValueTransformationSequence, Tag.RescaleIntercept)[0];
  return {
    source,
    position,
    rowDirection,
    columnDirection,
    rows,
    columns,
    rowSpacing,
    columnSpacing,
    bitsStored: dataset.number(Tag.BitsStored) ?? dataset.number(Tag.BitsAllocated) ?? 16,
    signed: dataset.number(Tag.PixelRepresentation) === 1,
    rescale: {
      // A slope of 0 would collapse the image; treat it as absent as modality-lut.ts does.
      slope: slope !== undefined && slope !== 0 && Number.isFinite(slope) ? slope : 1,
      intercept: intercept !== undefined && Number.isFinite(intercept) ? intercept : 0,
    },
    frameOfReferenceUid: dataset.string(Tag.FrameOfReferenceUID),
  };
}

/**
 * An attribute's values for one frame: the frame's functional group item, else the shared
 * one (PS3.3 C.7.6.16.1), else the top level (single-frame Image Plane / Pixel Measures).
 */
function functionalGroup(
  dataset: DicomDataset,
  frame: number,
): (sequence: number, tag: number) => number[] {
  const perFrame = dataset.sequence(Tag.PerFrameFunctionalGroupsSequence)[frame];
  const shared = dataset.sequence(Tag.SharedFunctionalGroupsSequence)[0];
  return (sequence, tag) => {
    for (const item of [perFrame, shared]) {
      const values = item?.sequence(sequence)[0]?.numbers(tag) ?? [];
      if (values.length > 0) return values;
    }
    return dataset.numbers(tag);
  };
}

function triplet(values: readonly number[]): Vec3 | undefined {
  const [x, y, z] = values;
  if (x === undefined || y === undefined || z === undefined) return undefined;
  return [x, y, z].every(Number.isFinite) ? [x, y, z] : undefined;
}

/** C.7.6.2.1.1: the two direction cosines are unit vectors and orthogonal. */
function orthonormal(row: Vec3, column: Vec3): boolean {
  const tolerance = 1e-3;
  const lengthRow = Math.hypot(...row);
  const lengthColumn = Math.hypot(...column);
  const dotProduct = row[0] * column[0] + row[1] * column[1] + row[2] * column[2];
  return (
    Math.abs(lengthRow - 1) < tolerance &&
    Math.abs(lengthColumn - 1) < tolerance &&
    Math.abs(dotProduct) < tolerance
  );
}
