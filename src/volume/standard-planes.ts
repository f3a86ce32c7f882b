import { transformPoint } from './affine3.js';
import type { ReformatPlane } from './reformat-plane.js';
import { add, cross, dot, normalize, rotate, scale, sub, type Vec3 } from './vec3.js';
import type { VolumeGeometry } from './volume-geometry.js';

/** The in-plane axes of a reformat: where +x and +y of the output image point in the patient. */
export interface PlaneAxes {
  readonly rowDirection: Vec3;
  readonly columnDirection: Vec3;
}

export type StandardPlane = 'axial' | 'coronal' | 'sagittal';

/**
 * The radiological display of each standard plane in the patient system (LPS, PS3.3
 * C.7.6.2.1.1): axial seen from the feet (patient's left on the screen's right, posterior
 * down), coronal seen from the front (head up), sagittal seen from the patient's left
 * (anterior on the screen's left, head up).
 */
export const STANDARD_PLANE_AXES: Readonly<Record<StandardPlane, PlaneAxes>> = {
  axial: { rowDirection: [1, 0, 0], columnDirection: [0, 1, 0] },
  coronal: { rowDirection: [1, 0, 0], columnDirection: [0, 0, -1] },
  sagittal: { rowDirection: [0, 1, 0], columnDirection: [0, 0, -1] },
};

/** The plane normal (row × column): the direction a slab extends and a scroll moves. */
export function planeNormal(axes: PlaneAxes): Vec3 {
  return normalize(cross(axes.rowDirection, axes.columnDirection));
}

/** `axes` rotated by `radians` about `axis` (an oblique reformat; right-hand rule). */
export function rotateAxes(axes: PlaneAxes, axis: Vec3, radians: number): PlaneAxes {
  return {
    rowDirection: normalize(rotate(axes.rowDirection, axis, radians)),
    columnDirection: normalize(rotate(axes.columnDirection, axis, radians)),
  };
}

/**
 * The plane with these axes through `centre` (the crosshair), large enough to show the whole
 * volume, with square pixels of `pixelSpacing` mm (default: the volume's finest spacing).
 * The centre falls exactly on a pixel centre, so the crosshair and reference lines are exact.
 */
export function planeThrough(
  geometry: VolumeGeometry,
  axes: PlaneAxes,
  centre: Vec3,
  pixelSpacing = Math.min(...geometry.spacing),
): ReformatPlane {
  const [nx, ny, nz] = geometry.dimensions;
  const us: number[] = [];
  const vs: number[] = [];
  for (const i of [0, nx - 1]) {
    for (const j of [0, ny - 1]) {
      for (const k of [0, nz - 1]) {
        const offset = sub(transformPoint(geometry.indexToPatient, [i, j, k]), centre);
        us.push(dot(offset, axes.rowDirection));
        vs.push(dot(offset, axes.columnDirection));
      }
    }
  }
  const before = (values: number[]): number =>
    Math.max(0, Math.ceil(-Math.min(...values) / pixelSpacing - 1e-9));
  const after = (values: number[]): number =>
    Math.max(0, Math.floor(Math.max(...values) / pixelSpacing + 1e-9));
  const x0 = before(us);
  const y0 = before(vs);
  return {
    origin: add(
      centre,
      add(
        scale(axes.rowDirection, -x0 * pixelSpacing),
        scale(axes.columnDirection, -y0 * pixelSpacing),
      ),
    ),
    rowDirection: axes.rowDirection,
    columnDirection: axes.columnDirection,
    rowSpacing: pixelSpacing,
    columnSpacing: pixelSpacing,
    width: x0 + after(us) + 1,
    height: y0 + after(vs) + 1,
  };
}

/** The patient position (mm) of output pixel (x, y), fractional pixels allowed. */
export function planeToPatient(plane: ReformatPlane, x: number, y: number): Vec3 {
  return add(
    plane.origin,
    add(
      scale(plane.rowDirection, x * plane.columnSpacing),
      scale(plane.columnDirection, y * plane.rowSpacing),
    ),
  );
}

/**
 * Where a patient point projects in the plane: its pixel (x, y) and its signed distance (mm)
 * from the plane along the normal (crosshair and reference lines in the other views).
 */
export function patientToPlane(
  plane: ReformatPlane,
  point: Vec3,
): { readonly x: number; readonly y: number; readonly distance: number } {
  const offset = sub(point, plane.origin);
  return {
    x: dot(offset, plane.rowDirection) / plane.columnSpacing,
    y: dot(offset, plane.columnDirection) / plane.rowSpacing,
    distance: dot(offset, planeNormal(plane)),
  };
}
