import type { Vec3 } from './vec3.js';

/**
 * An output image placed in the patient: pixel (x, y) is at
 * `origin + x · columnSpacing · rowDirection + y · rowSpacing · columnDirection`, the same
 * convention as the Image Plane Module (PS3.3 C.7.6.2.1.1), so a reformat could be written out
 * as an image with these as its Image Position / Orientation and Pixel Spacing.
 */
export interface ReformatPlane {
  /** Centre of the top-left output pixel, mm. */
  readonly origin: Vec3;
  /** Unit vector along a row (increasing x). */
  readonly rowDirection: Vec3;
  /** Unit vector down a column (increasing y), orthogonal to `rowDirection`. */
  readonly columnDirection: Vec3;
  /** mm between adjacent output rows. */
  readonly rowSpacing: number;
  /** mm between adjacent output columns. */
  readonly columnSpacing: number;
  readonly width: number;
  readonly height: number;
}

/** How the values along the plane normal are combined across a slab (thick reformat). */
export type SlabMode = 'mip' | 'minip' | 'average';

export interface Slab {
  /** Full thickness in mm, centred on the plane. */
  readonly thickness: number;
  readonly mode: SlabMode;
}

export type ReformatInterpolation = 'trilinear' | 'nearest';

export interface ReformatOptions {
  /** Default 'trilinear'. */
  readonly interpolation?: ReformatInterpolation;
  /** Absent or thickness 0: a thin reformat (one sample per pixel). */
  readonly slab?: Slab;
  /**
   * 'interactive', for the frames drawn while the user drags, rotates or scrolls: every
   * second pixel each way is sampled and fills its 2 × 2 block, and a slab is sampled every
   * second step along its normal — about a quarter of the work for a plane, an eighth for a
   * slab. Ask 'full' (the default) once the interaction pauses.
   */
  readonly quality?: 'full' | 'interactive';
}

/** Per output pixel: what its value is. */
export const PixelStatus = {
  /** Sampled from loaded slices. */
  sampled: 0,
  /** Every sample fell outside the volume: the value is 0 and means nothing. */
  outside: 1,
  /** A sample needed a slice not loaded yet: the value is 0 until it arrives. */
  notLoaded: 2,
} as const;

export interface ReformatImage {
  readonly width: number;
  readonly height: number;
  /** Modality values (e.g. HU), row by row. */
  readonly pixels: Float32Array;
  /** One PixelStatus per pixel. */
  readonly status: Uint8Array;
}
