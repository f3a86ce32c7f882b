import type { GrayscalePixels } from '../dicom/decoded-frame.js';
import type { VolumeGeometry } from './volume-geometry.js';
import { VolumeTooLargeError } from './volume-errors.js';
import { DEFAULT_MAX_VOLUME_BYTES } from './volume-limits.js';

export { DEFAULT_MAX_VOLUME_BYTES };

/** Modality values, in the narrowest type that holds every value the slices may carry. */
export type VoxelArray = Int16Array | Uint16Array | Float32Array;
export type VoxelType = 'int16' | 'uint16' | 'float32';

/** Chooses the voxel type from the modality value range (PS3.3 C.11.1.1.2). */
export function voxelTypeOf(geometry: VolumeGeometry): VoxelType {
  const [low, high] = geometry.valueRange;
  if (!geometry.integerValues) return 'float32';
  if (low >= -32768 && high <= 32767) return 'int16';
  if (low >= 0 && high <= 65535) return 'uint16';
  return 'float32';
}

export function volumeBytes(geometry: VolumeGeometry, type = voxelTypeOf(geometry)): number {
  const [nx, ny, nz] = geometry.dimensions;
  return nx * ny * nz * (type === 'float32' ? 4 : 2);
}

/**
 * A series as one voxel grid, filled slice by slice as frames arrive: `loaded[k]` is 1 once
 * slice k holds its modality values, and reformats mark what they sample from unloaded slices.
 */
export class Volume {
  readonly voxels: VoxelArray;
  readonly loaded: Uint8Array;
  readonly voxelType: VoxelType;
  #loadedCount = 0;

  /** Allocates the grid, or throws VolumeTooLargeError above `maxBytes` before allocating. */
  constructor(
    readonly geometry: VolumeGeometry,
    maxBytes: number = DEFAULT_MAX_VOLUME_BYTES,
  ) {
    this.voxelType = voxelTypeOf(geometry);
    const bytes = volumeBytes(geometry, this.voxelType);
    if (bytes > maxBytes) throw new VolumeTooLargeError(bytes, maxBytes);
    const count = bytes / (this.voxelType === 'float32' ? 4 : 2);
    this.voxels =
      this.voxelType === 'int16'
        ? new Int16Array(count)
        : this.voxelType === 'uint16'
          ? new Uint16Array(count)
          : new Float32Array(count);
    this.loaded = new Uint8Array(geometry.dimensions[2]);
  }

  get loadedCount(): number {
    return this.#loadedCount;
  }

  /**
   * Fills slice `k` from its decoded stored values: modality value = stored × Rescale Slope +
   * Rescale Intercept (PS3.3 C.11.1.1.2), the slice's own rescale (it may differ per slice).
   */
  setSlice(k: number, stored: GrayscalePixels): void {
    const [nx, ny, nz] = this.geometry.dimensions;
    const rescale = this.geometry.sliceRescales[k];
    if (!Number.isInteger(k) || k < 0 || k >= nz || !rescale) {
      throw new RangeError(`slice ${k} is outside a volume of ${nz} slices`);
    }
    const size = nx * ny;
    if (stored.length !== size) {
      throw new RangeError(`slice ${k} holds ${stored.length} pixels, the volume ${size} a slice`);
    }
    const target = this.voxels.subarray(k * size, (k + 1) * size);
    const { slope, intercept } = rescale;
    if (slope === 1 && intercept === 0) target.set(stored);
    else for (let p = 0; p < size; p++) target[p] = (stored[p] ?? 0) * slope + intercept;
    if (this.loaded[k] === 0) this.#loadedCount++;
    this.loaded[k] = 1;
  }
}
