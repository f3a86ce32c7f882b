import { add, cross, dot, normalize, scale, type Vec3 } from './vector.js';

/** Where one slice lies in the patient: PS3.3 C.7.6.2 Image Plane Module values. */
export interface SlicePlane {
  /** Image Position (Patient) (0020,0032): centre of the first transmitted pixel, mm. */
  readonly imagePositionPatient: Vec3;
  /** Image Orientation (Patient) (0020,0037): row direction cosines then column direction cosines. */
  readonly imageOrientationPatient: readonly [number, number, number, number, number, number];
  readonly frameOfReferenceUid?: string | undefined;
  /** With rows, columns and spacing the slice centre is used, which matters for non-parallel planes. */
  readonly rows?: number | undefined;
  readonly columns?: number | undefined;
  /** Pixel Spacing (0028,0030): [between rows, between columns], mm. */
  readonly pixelSpacing?: readonly [number, number] | undefined;
}

/** A translation from the source's patient coordinates to the target's (one click pair). */
export interface Registration {
  readonly translation: Vec3;
}

export interface NearestSlice {
  /** Index into the target stack as given. */
  readonly index: number;
  /** Distance along the target normal between the source point and that slice, mm. */
  readonly distanceMm: number;
}

export interface NearestSliceOptions {
  /** Required when the frames of reference differ (or either is unknown); otherwise ignored. */
  readonly registration?: Registration | undefined;
  /** No answer when the nearest slice is farther than this (the source lies outside the stack). */
  readonly maxDistanceMm?: number;
}

/** Unit normal of a slice: row direction × column direction (PS3.3 C.7.6.2.1.1). */
export function sliceNormal(plane: SlicePlane): Vec3 | undefined {
  const [rx, ry, rz, cx, cy, cz] = plane.imageOrientationPatient;
  return normalize(cross([rx, ry, rz], [cx, cy, cz]));
}

/**
 * Patient coordinates of a pixel (column i, row j, zero-based): PS3.3 C.7.6.2.1.1 equation
 * P = S + X·Δi·i + Y·Δj·j, with X the row direction, Δi the column spacing (second value).
 */
export function imageToPatient(plane: SlicePlane, column: number, row: number): Vec3 {
  const [rx, ry, rz, cx, cy, cz] = plane.imageOrientationPatient;
  const [rowSpacing, columnSpacing] = plane.pixelSpacing ?? [1, 1];
  return add(
    plane.imagePositionPatient,
    add(scale([rx, ry, rz], columnSpacing * column), scale([cx, cy, cz], rowSpacing * row)),
  );
}

/** The slice centre when its size is known, otherwise its first pixel. */
export function slicePoint(plane: SlicePlane): Vec3 {
  if (plane.rows === undefined || plane.columns === undefined || plane.pixelSpacing === undefined) {
    return plane.imagePositionPatient;
  }
  return imageToPatient(plane, (plane.columns - 1) / 2, (plane.rows - 1) / 2);
}

/** True when both name the same Frame of Reference UID: their coordinates are comparable. */
export function sameFrameOfReference(a: SlicePlane, b: SlicePlane): boolean {
  return a.frameOfReferenceUid !== undefined && a.frameOfReferenceUid === b.frameOfReferenceUid;
}

/**
 * The target slice nearest the source slice along the target's normal. Patient coordinates are
 * only comparable inside one Frame of Reference (PS3.3 C.7.4.1.1.1); across frames the user's
 * registration translates the source point first, and without one there is no answer.
 */
export function nearestSlice(
  source: SlicePlane,
  target: readonly SlicePlane[],
  options: NearestSliceOptions = {},
): NearestSlice | undefined {
  const first = target[0];
  if (first === undefined) return undefined;
  const normal = sliceNormal(first);
  if (normal === undefined) return undefined;
  let point = slicePoint(source);
  if (!target.every((plane) => sameFrameOfReference(source, plane))) {
    if (options.registration === undefined) return undefined;
    point = add(point, options.registration.translation);
  }
  const wanted = dot(normal, point);
  let best: NearestSlice | undefined;
  target.forEach((plane, index) => {
    const distanceMm = Math.abs(dot(normal, plane.imagePositionPatient) - wanted);
    if (best === undefined || distanceMm < best.distanceMm) best = { index, distanceMm };
  });
  if (
    best !== undefined &&
    options.maxDistanceMm !== undefined &&
    best.distanceMm > options.maxDistanceMm
  ) {
    return undefined;
  }
  return best;
}
