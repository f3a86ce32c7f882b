/**
 * The geometry of `<cb-mpr>`'s three linked planes, in the patient system (LPS, mm): where each
 * plane lies (its axes and the crosshair), and how a plane maps onto its pane (CSS pixels).
 * Pure functions: the element holds the state.
 */
import type { MprPlaneName } from '../../events/mpr-rendered.js';
import { transformPoint } from '../../volume/affine3.js';
import type { ReformatPlane } from '../../volume/reformat-plane.js';
import {
  planeNormal,
  rotateAxes,
  STANDARD_PLANE_AXES,
  type PlaneAxes,
} from '../../volume/standard-planes.js';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../../volume/vec3.js';
import type { VolumeGeometry } from '../../volume/volume-geometry.js';
import type { Affine } from '../../render/view-transform.js';

export const PLANE_NAMES: readonly MprPlaneName[] = ['axial', 'coronal', 'sagittal'];

export type PlaneAxesSet = Readonly<Record<MprPlaneName, PlaneAxes>>;

export const STANDARD_AXES: PlaneAxesSet = STANDARD_PLANE_AXES;

/** A pane's own view: zoom (1 = the volume fits) and pan (CSS pixels). */
export interface PaneView {
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
}

export const DEFAULT_VIEW: PaneView = { zoom: 1, pan: { x: 0, y: 0 } };

export const DEFAULT_VIEWS: Readonly<Record<MprPlaneName, PaneView>> = {
  axial: DEFAULT_VIEW,
  coronal: DEFAULT_VIEW,
  sagittal: DEFAULT_VIEW,
};

/** The centre of the voxel grid, where the crosshair starts. */
export function volumeCentre(geometry: VolumeGeometry): Vec3 {
  const [nx, ny, nz] = geometry.dimensions;
  return transformPoint(geometry.indexToPatient, [(nx - 1) / 2, (ny - 1) / 2, (nz - 1) / 2]);
}

/** One scroll step: the finest voxel spacing (a step never skips a voxel whatever the plane). */
export function scrollStep(geometry: VolumeGeometry): number {
  return Math.min(...geometry.spacing);
}

/** `planes` rotated by `radians` about `axis` (right-hand rule); the others as they were. */
export function rotatePlanes(
  axes: PlaneAxesSet,
  axis: Vec3,
  radians: number,
  planes: readonly MprPlaneName[] = PLANE_NAMES,
): PlaneAxesSet {
  const next = { ...axes };
  for (const name of planes) next[name] = rotateAxes(axes[name], normalize(axis), radians);
  return next;
}

/** The other two planes: what rotating in `name`'s pane turns (about `name`'s normal). */
export function othersOf(name: MprPlaneName): MprPlaneName[] {
  return PLANE_NAMES.filter((other) => other !== name);
}

/** Half the extent of the volume along `direction`, mm (corner centres plus half a voxel). */
function halfExtent(geometry: VolumeGeometry, direction: Vec3): number {
  const [nx, ny, nz] = geometry.dimensions;
  const centre = volumeCentre(geometry);
  let largest = 0;
  for (const i of [0, nx - 1])
    for (const j of [0, ny - 1])
      for (const k of [0, nz - 1]) {
        const corner = transformPoint(geometry.indexToPatient, [i, j, k]);
        largest = Math.max(largest, Math.abs(dot(sub(corner, centre), direction)));
      }
  return largest + scrollStep(geometry) / 2;
}

/**
 * How one plane sits in its pane: the volume's centre at the pane centre (plus pan), the whole
 * volume fitting the pane at zoom 1, the same mm per CSS pixel along both axes (square pixels,
 * so distances on screen are true in every plane).
 */
export class PaneMapping {
  /** CSS pixels per mm. */
  readonly scale: number;
  readonly #centre: Vec3;
  readonly #cx: number;
  readonly #cy: number;

  constructor(
    geometry: VolumeGeometry,
    readonly axes: PlaneAxes,
    readonly box: { readonly width: number; readonly height: number },
    view: PaneView,
  ) {
    this.#centre = volumeCentre(geometry);
    const fit = Math.min(
      box.width / (2 * halfExtent(geometry, axes.rowDirection)),
      box.height / (2 * halfExtent(geometry, axes.columnDirection)),
    );
    this.scale = (Number.isFinite(fit) && fit > 0 ? fit : 1) * view.zoom;
    this.#cx = box.width / 2 + view.pan.x;
    this.#cy = box.height / 2 + view.pan.y;
  }

  toCss(point: Vec3): { x: number; y: number } {
    const offset = sub(point, this.#centre);
    return {
      x: this.#cx + dot(offset, this.axes.rowDirection) * this.scale,
      y: this.#cy + dot(offset, this.axes.columnDirection) * this.scale,
    };
  }

  /** The patient point under (x, y) CSS pixels, at the depth of `depth` along the normal. */
  toPatient(x: number, y: number, depth: Vec3): Vec3 {
    const normal = planeNormal(this.axes);
    const u = (x - this.#cx) / this.scale;
    const v = (y - this.#cy) / this.scale;
    const along = dot(sub(depth, this.#centre), normal);
    return add(
      this.#centre,
      add(
        add(scale(this.axes.rowDirection, u), scale(this.axes.columnDirection, v)),
        scale(normal, along),
      ),
    );
  }

  /**
   * Reformat image coordinates → CSS pixels. Image (0, 0) is the top-left corner of the first
   * pixel (the measurement convention), so pixel x's centre is x + 0.5.
   */
  imageToCss(plane: ReformatPlane): Affine {
    const topLeft = add(
      plane.origin,
      add(
        scale(plane.rowDirection, -plane.columnSpacing / 2),
        scale(plane.columnDirection, -plane.rowSpacing / 2),
      ),
    );
    const at = this.toCss(topLeft);
    const s = this.scale;
    return {
      a: s * plane.columnSpacing * dot(plane.rowDirection, this.axes.rowDirection),
      b: s * plane.columnSpacing * dot(plane.rowDirection, this.axes.columnDirection),
      c: s * plane.rowSpacing * dot(plane.columnDirection, this.axes.rowDirection),
      d: s * plane.rowSpacing * dot(plane.columnDirection, this.axes.columnDirection),
      e: at.x,
      f: at.y,
    };
  }

  /** The direction, in CSS pixels (unit), of the line where plane `other` cuts this one. */
  lineDirection(other: PlaneAxes): { x: number; y: number } {
    const line = cross(planeNormal(this.axes), planeNormal(other));
    const x = dot(line, this.axes.rowDirection);
    const y = dot(line, this.axes.columnDirection);
    const length = Math.hypot(x, y);
    return length < 1e-9 ? { x: 1, y: 0 } : { x: x / length, y: y / length };
  }
}
