import { affineFromColumns, invertAffine, type Affine3 } from './affine3.js';
import type { Rescale, SliceGeometry, SliceSource } from './slice-geometry.js';
import { add, cross, dot, norm, normalize, scale, sub, type Vec3 } from './vec3.js';
import { VolumeGeometryError } from './volume-errors.js';

export interface VolumeGeometryOptions {
  /** Fewest slices that make a volume. Default 3 (two steps, so spacing can be checked). */
  readonly minSlices?: number;
  /**
   * Largest distance, as a fraction of the slice step, between a slice's Image Position and
   * where a uniform grid puts it before the series is refused as non-uniform. Default 0.05.
   */
  readonly spacingTolerance?: number;
  /**
   * Build a sheared volume from a gantry-tilted stack (slices displaced in-plane along the
   * stack) instead of refusing it: the index→patient map then has a non-orthogonal slice
   * axis and every reformat is still geometrically exact. Default false.
   */
  readonly allowShear?: boolean;
}

/**
 * How voxel (i, j, k) sits in the patient: i along a row (column index), j down a column (row
 * index), k through the slices in the order of the slice axis.
 */
export interface VolumeGeometry {
  /** [columns, rows, slices]. */
  readonly dimensions: readonly [number, number, number];
  /** mm between voxel centres along i, j and k. */
  readonly spacing: Vec3;
  /** Unit vectors of the i, j, k axes in the patient (k is the slice normal unless sheared). */
  readonly direction: readonly [Vec3, Vec3, Vec3];
  /** Centre of voxel (0, 0, 0), mm. */
  readonly origin: Vec3;
  readonly indexToPatient: Affine3;
  readonly patientToIndex: Affine3;
  /** Slice k of the volume is this frame of this instance. */
  readonly sliceSources: readonly SliceSource[];
  readonly sliceRescales: readonly Rescale[];
  /** Largest distance (mm) from a slice's Image Position to its place on the uniform grid. */
  readonly maxSpacingDeviation: number;
  /** True when the slice axis is not the normal of the image planes (an accepted gantry tilt). */
  readonly sheared: boolean;
  /** The stored value range any slice may hold, after rescale: sizes the voxel type. */
  readonly valueRange: readonly [number, number];
  readonly integerValues: boolean;
}

const ORIENTATION_TOLERANCE = 1e-3; // radians between two slices' direction cosines
const PIXEL_SPACING_TOLERANCE = 1e-4; // relative
/** A stack whose in-plane drift end to end stays under this fraction of a pixel is not tilted. */
const SHEAR_TOLERANCE = 0.1;

/**
 * Orders the slices along their normal and checks that they form one regular grid; the
 * geometry comes only from Image Position / Orientation (Patient) and Pixel Spacing, never
 * from Slice Thickness (which is the reconstructed slab's width, not the slice step).
 */
export function planVolume(
  slices: readonly SliceGeometry[],
  options: VolumeGeometryOptions = {},
): VolumeGeometry {
  const minSlices = Math.max(2, options.minSlices ?? 3);
  const first = slices[0];
  if (!first || slices.length < minSlices) {
    throw new VolumeGeometryError(
      'too-few-slices',
      `A volume needs at least ${minSlices} slices; the series has ${slices.length}`,
    );
  }
  checkSameImagePlane(slices, first);
  const normal = normalize(cross(first.rowDirection, first.columnDirection));
  const ordered = [...slices].sort((a, b) => dot(a.position, normal) - dot(b.position, normal));
  const distances = ordered.map((slice) => dot(slice.position, normal));
  const step = checkSteps(distances);
  const start = ordered[0] ?? first;
  const end = ordered[ordered.length - 1] ?? first;
  const n = ordered.length;
  const stepVector = scale(sub(end.position, start.position), 1 / (n - 1));
  const inPlaneDrift = norm(sub(scale(stepVector, n - 1), scale(normal, step * (n - 1))));
  const pixel = Math.min(first.rowSpacing, first.columnSpacing);
  const sheared = inPlaneDrift > SHEAR_TOLERANCE * pixel;
  if (sheared && options.allowShear !== true) {
    const degrees = (Math.atan2(inPlaneDrift, step * (n - 1)) * 180) / Math.PI;
    throw new VolumeGeometryError(
      'gantry-tilt',
      `The slices are displaced in-plane along the stack (gantry tilt or a sheared stack, ` +
        `${degrees.toFixed(2)}°): reformatting it as a straight volume would distort it`,
      inPlaneDrift,
    );
  }
  const sliceAxis = sheared ? stepVector : scale(normal, step);
  // Every slice must sit on the grid p0 + k·step (C.7.6.2.1.1 per slice; the volume is their union).
  const maxSpacingDeviation = Math.max(
    ...ordered.map((slice, k) =>
      norm(sub(slice.position, add(start.position, scale(sliceAxis, k)))),
    ),
  );
  const tolerance = Math.max(0.01, (options.spacingTolerance ?? 0.05) * step);
  if (maxSpacingDeviation > tolerance) {
    throw new VolumeGeometryError(
      'non-uniform-spacing',
      `The slice positions deviate up to ${maxSpacingDeviation.toFixed(3)} mm from a uniform ` +
        `${step.toFixed(3)} mm grid (tolerance ${tolerance.toFixed(3)} mm)`,
      maxSpacingDeviation,
    );
  }
  const i = scale(first.rowDirection, first.columnSpacing);
  const j = scale(first.columnDirection, first.rowSpacing);
  const indexToPatient = affineFromColumns(i, j, sliceAxis, start.position);
  const values = ordered.map(valueRangeOf);
  return {
    dimensions: [first.columns, first.rows, n],
    spacing: [first.columnSpacing, first.rowSpacing, norm(sliceAxis)],
    direction: [first.rowDirection, first.columnDirection, normalize(sliceAxis)],
    origin: start.position,
    indexToPatient,
    patientToIndex: invertAffine(indexToPatient),
    sliceSources: ordered.map((slice) => slice.source),
    sliceRescales: ordered.map((slice) => slice.rescale),
    maxSpacingDeviation,
    sheared,
    valueRange: [Math.min(...values.map((v) => v[0])), Math.max(...values.map((v) => v[1]))],
    integerValues: ordered.every(
      (slice) => Number.isInteger(slice.rescale.slope) && Number.isInteger(slice.rescale.intercept),
    ),
  };
}

function checkSameImagePlane(slices: readonly SliceGeometry[], first: SliceGeometry): void {
  slices.forEach((slice, index) => {
    if (
      slice.frameOfReferenceUid !== undefined &&
      first.frameOfReferenceUid !== undefined &&
      slice.frameOfReferenceUid !== first.frameOfReferenceUid
    ) {
      throw new VolumeGeometryError(
        'mixed-frame-of-reference',
        `Slice ${index} has another Frame of Reference UID (0020,0052) than slice 0: its positions are in another coordinate system`,
      );
    }
    if (slice.rows !== first.rows || slice.columns !== first.columns) {
      throw new VolumeGeometryError(
        'mixed-dimensions',
        `Slice ${index} is ${slice.columns}×${slice.rows} pixels, slice 0 ${first.columns}×${first.rows}: Rows and Columns must match`,
      );
    }
    const spacingChange = Math.max(
      Math.abs(slice.rowSpacing - first.rowSpacing) / first.rowSpacing,
      Math.abs(slice.columnSpacing - first.columnSpacing) / first.columnSpacing,
    );
    if (spacingChange > PIXEL_SPACING_TOLERANCE) {
      throw new VolumeGeometryError(
        'mixed-pixel-spacing',
        `Slice ${index} has another Pixel Spacing (0028,0030) than slice 0`,
      );
    }
    const angle = Math.max(
      angleBetween(slice.rowDirection, first.rowDirection),
      angleBetween(slice.columnDirection, first.columnDirection),
    );
    if (angle > ORIENTATION_TOLERANCE) {
      throw new VolumeGeometryError(
        'mixed-orientation',
        `Slice ${index} is oriented ${((angle * 180) / Math.PI).toFixed(2)}° away from slice 0 ` +
          `(Image Orientation (Patient) (0020,0037)): the series mixes planes`,
        angle,
      );
    }
  });
}

/** The nominal step (mm) between consecutive distances along the normal, or a refusal. */
function checkSteps(distances: readonly number[]): number {
  const steps = distances.slice(1).map((d, k) => d - (distances[k] ?? d));
  const duplicate = steps.findIndex((s) => s < 1e-3);
  if (duplicate >= 0) {
    throw new VolumeGeometryError(
      'duplicate-position',
      `Slices ${duplicate} and ${duplicate + 1} (in stack order) share one position: ` +
        `the series holds more than one acquisition of the same place`,
    );
  }
  const sorted = [...steps].sort((a, b) => a - b);
  // The lower median: with few slices a gap must not become the nominal step.
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  const gap = steps.findIndex((s) => s > 1.5 * median);
  if (gap >= 0) {
    const size = steps[gap] ?? 0;
    const missing = Math.round(size / median) - 1;
    throw new VolumeGeometryError(
      'gap',
      `The stack has a gap of ${size.toFixed(3)} mm after slice ${gap} (in stack order) where ` +
        `the step is ${median.toFixed(3)} mm: about ${missing} slice${missing === 1 ? ' is' : 's are'} missing`,
      size - median,
    );
  }
  return ((distances[distances.length - 1] ?? 0) - (distances[0] ?? 0)) / (distances.length - 1);
}

function angleBetween(a: Vec3, b: Vec3): number {
  return Math.acos(Math.min(1, Math.max(-1, dot(normalize(a), normalize(b)))));
}

/** The modality values a slice's stored values can take (PS3.3 C.11.1.1.2). */
function valueRangeOf(slice: SliceGeometry): [number, number] {
  const bits = Math.min(Math.max(slice.bitsStored, 1), 32);
  const low = slice.signed ? -(2 ** (bits - 1)) : 0;
  const high = slice.signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const a = low * slice.rescale.slope + slice.rescale.intercept;
  const b = high * slice.rescale.slope + slice.rescale.intercept;
  return [Math.min(a, b), Math.max(a, b)];
}
