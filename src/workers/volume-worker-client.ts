import * as Comlink from 'comlink';
import type { GrayscalePixels } from '../dicom/decoded-frame.js';
import { CourbarilError } from '../dicom/errors.js';
import type { ReformatImage, ReformatOptions, ReformatPlane } from '../volume/reformat-plane.js';
import type { SliceGeometry, SliceSource } from '../volume/slice-geometry.js';
import type { VolumeGeometry } from '../volume/volume-geometry.js';
import type { VoxelType } from '../volume/volume.js';
import { deserializeVolumeError } from './volume-errors-wire.js';
import type { VolumeBuildOptions, VolumeOutcome, VolumeWorkerApi } from './volume-protocol.js';
import { startVolumeWorker } from './start-volume-worker.js';

/** The volume worker stopped (its script failed to load, or it crashed, e.g. out of memory). */
export class VolumeWorkerError extends CourbarilError {
  override name = 'VolumeWorkerError';
}

/**
 * One volume worker and the volumes it holds. Each volume stays in the worker: the page sends
 * decoded slices (transferred, so a slice's buffer is the worker's afterwards) and receives
 * reformatted 2-D images (transferred back). No SharedArrayBuffer: it runs on pages without
 * cross-origin isolation and under the strict CSP.
 */
export class VolumeWorkerClient {
  readonly #worker: Worker;
  readonly #api: Comlink.Remote<VolumeWorkerApi>;
  readonly #stopped: Promise<never>;
  #disposed = false;

  constructor(startWorker: () => Worker = startVolumeWorker) {
    try {
      this.#worker = startWorker();
    } catch (error) {
      // module-worker.ts speaks the decode pool's DecodeError (e.g. a refused Trusted Types policy).
      if (error instanceof CourbarilError) throw new VolumeWorkerError(error.message);
      throw error;
    }
    this.#api = Comlink.wrap<VolumeWorkerApi>(this.#worker);
    this.#stopped = new Promise<never>((_, reject) => {
      // A module worker's error event carries no message (TOOLCHAIN.md): say what we know.
      this.#worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(
          new VolumeWorkerError('The volume worker failed (script not loaded, or out of memory)'),
        );
      });
    });
    this.#stopped.catch(() => undefined);
  }

  /** Checks the series' geometry and allocates its volume in the worker. */
  async create(
    slices: readonly SliceGeometry[],
    options: VolumeBuildOptions = {},
  ): Promise<RemoteVolume> {
    // Only the data crosses (a caller's options object may carry callbacks, which cannot).
    const { minSlices, spacingTolerance, allowShear, maxVolumeBytes } = options;
    const wire: VolumeBuildOptions = {
      ...(minSlices === undefined ? {} : { minSlices }),
      ...(spacingTolerance === undefined ? {} : { spacingTolerance }),
      ...(allowShear === undefined ? {} : { allowShear }),
      ...(maxVolumeBytes === undefined ? {} : { maxVolumeBytes }),
    };
    const summary = await this.#call(this.#api.create(slices, wire));
    return new RemoteVolume(this, summary.id, summary.geometry, summary.voxelType, summary.bytes);
  }

  /** @internal */
  async setSlice(id: number, source: SliceSource, pixels: GrayscalePixels): Promise<number> {
    return this.#call(this.#api.setSlice(id, source, Comlink.transfer(pixels, [pixels.buffer])));
  }

  /** @internal */
  reformat(id: number, plane: ReformatPlane, options: ReformatOptions): Promise<ReformatImage> {
    return this.#call(this.#api.reformat(id, plane, options));
  }

  /** @internal */
  async release(id: number): Promise<void> {
    if (!this.#disposed) await Promise.race([this.#api.release(id), this.#stopped]);
  }

  /** Stops the worker: every volume in it is freed at once. */
  dispose(): void {
    this.#disposed = true;
    this.#api[Comlink.releaseProxy]();
    this.#worker.terminate();
  }

  async #call<T>(call: Promise<VolumeOutcome<T>>): Promise<T> {
    if (this.#disposed) throw new VolumeWorkerError('The volume worker was disposed');
    const outcome = await Promise.race([call, this.#stopped]);
    if (!outcome.ok) throw deserializeVolumeError(outcome.error);
    return outcome.value;
  }
}

/** A volume held by a volume worker, as the page sees it: its geometry and what it can do. */
export class RemoteVolume {
  /** @internal */
  constructor(
    private readonly client: VolumeWorkerClient,
    readonly id: number,
    readonly geometry: VolumeGeometry,
    readonly voxelType: VoxelType,
    /** The voxel buffer's size in the worker. */
    readonly bytes: number,
  ) {}

  /**
   * Fills one slice from its decoded stored values. The pixels' buffer is transferred: pass a
   * copy of a frame something else still holds (a cache). Resolves to the loaded slice count.
   */
  setSlice(source: SliceSource, pixels: GrayscalePixels): Promise<number> {
    return this.client.setSlice(this.id, source, pixels);
  }

  /** Samples the volume on `plane` in the worker; unloaded slices show in the status mask. */
  reformat(plane: ReformatPlane, options: ReformatOptions = {}): Promise<ReformatImage> {
    return this.client.reformat(this.id, plane, options);
  }

  release(): Promise<void> {
    return this.client.release(this.id);
  }
}
