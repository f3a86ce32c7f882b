import { CourbarilError } from '../dicom/errors.js';

/**
 * Why a series cannot be reformatted safely. Each is a property of the acquisition that a
 * volume built anyway would hide as distortion (a gap squeezed shut, a tilted stack drawn
 * straight), so the viewer says so instead.
 */
export type VolumeRefusal =
  | 'too-few-slices'
  | 'missing-geometry'
  | 'unsupported-pixels'
  | 'mixed-frame-of-reference'
  | 'mixed-dimensions'
  | 'mixed-pixel-spacing'
  | 'mixed-orientation'
  | 'duplicate-position'
  | 'gantry-tilt'
  | 'gap'
  | 'non-uniform-spacing';

/**
 * The series' geometry does not make one regular volume. The message names attributes, slice
 * indices and millimetres, never values that identify the patient.
 */
export class VolumeGeometryError extends CourbarilError {
  override name = 'VolumeGeometryError';
  constructor(
    readonly reason: VolumeRefusal,
    message: string,
    /** The largest deviation found, in mm (spacing, shear) or radians (orientation), when measured. */
    readonly deviation?: number,
  ) {
    super(message);
  }
}

/** The volume would need more memory than the configured bound; refused before allocation. */
export class VolumeTooLargeError extends CourbarilError {
  override name = 'VolumeTooLargeError';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(
      `A volume of ${bytes} bytes exceeds the limit of ${limit} bytes ` +
        `(raise maxVolumeBytes if this machine has the memory)`,
    );
  }
}
