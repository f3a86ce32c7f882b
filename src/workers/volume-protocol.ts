/**
 * The message format between a VolumeWorkerClient and its volume worker (driven through
 * comlink). The volume lives only in the worker: slices go in by transfer, reformatted images
 * come back by transfer, and the voxel buffer itself never crosses (no copy, and no
 * SharedArrayBuffer, so no cross-origin isolation).
 */
import type { GrayscalePixels } from '../dicom/decoded-frame.js';
import type { ReformatImage, ReformatOptions, ReformatPlane } from '../volume/reformat-plane.js';
import type { SliceGeometry, SliceSource } from '../volume/slice-geometry.js';
import type { VolumeRefusal } from '../volume/volume-errors.js';
import type { VolumeGeometry, VolumeGeometryOptions } from '../volume/volume-geometry.js';
import type { VoxelType } from '../volume/volume.js';

export interface VolumeBuildOptions extends VolumeGeometryOptions {
  /** The worker refuses a volume above this many bytes (default DEFAULT_MAX_VOLUME_BYTES, 1 GiB). */
  readonly maxVolumeBytes?: number;
}

export interface VolumeSummary {
  readonly id: number;
  readonly geometry: VolumeGeometry;
  readonly voxelType: VoxelType;
  readonly bytes: number;
}

/** Typed errors cross the worker boundary as data and are rebuilt as their classes. */
export type SerializedVolumeError =
  | {
      readonly name: 'VolumeGeometryError';
      readonly message: string;
      readonly reason: VolumeRefusal;
      readonly deviation: number | undefined;
    }
  | {
      readonly name: 'VolumeTooLargeError';
      readonly message: string;
      readonly bytes: number;
      readonly limit: number;
    }
  | { readonly name: 'Error'; readonly message: string };

export type VolumeOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: SerializedVolumeError };

export interface VolumeWorkerApi {
  /** Checks the geometry and allocates the voxels (refusing above the byte limit). */
  create(
    slices: readonly SliceGeometry[],
    options: VolumeBuildOptions,
  ): Promise<VolumeOutcome<VolumeSummary>>;
  /** Fills the slice decoded from `source` (its stored values, transferred); answers how many are loaded. */
  setSlice(
    id: number,
    source: SliceSource,
    pixels: GrayscalePixels,
  ): Promise<VolumeOutcome<number>>;
  reformat(
    id: number,
    plane: ReformatPlane,
    options: ReformatOptions,
  ): Promise<VolumeOutcome<ReformatImage>>;
  /** Drops the volume and its buffer. */
  release(id: number): Promise<void>;
}
