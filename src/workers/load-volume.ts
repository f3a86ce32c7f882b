import type { DicomDataset } from '../dicom/dataset.js';
import { slicesOf } from '../volume/slice-geometry.js';
import type { FrameLoader } from './frame-loader.js';
import type { VolumeBuildOptions } from './volume-protocol.js';
import type { RemoteVolume, VolumeWorkerClient } from './volume-worker-client.js';

export interface LoadVolumeOptions extends VolumeBuildOptions {
  readonly signal?: AbortSignal;
  /** After each slice is in the volume: reformat again to show it. */
  readonly onSlice?: (loaded: number, total: number) => void;
  /** Frames asked for at once. Default 4. */
  readonly concurrency?: number;
}

export interface VolumeLoad {
  /** Usable at once: reformats mark the slices not loaded yet. */
  readonly volume: RemoteVolume;
  /** Settles when every slice is in (or rejects with the first failure, or the abort). */
  readonly complete: Promise<void>;
}

/**
 * Builds the volume of a series in `client`'s worker and streams its slices in through
 * `loader`, from the middle of the stack outwards (where the three planes' crosshair starts).
 * The geometry is checked before any pixel is fetched: a series that cannot be reformatted
 * safely rejects here with a VolumeGeometryError, and one too large with VolumeTooLargeError.
 */
export async function loadVolume(
  client: VolumeWorkerClient,
  datasets: readonly DicomDataset[],
  loader: FrameLoader,
  options: LoadVolumeOptions = {},
): Promise<VolumeLoad> {
  const volume = await client.create(slicesOf(datasets), options);
  const sources = volume.geometry.sliceSources;
  const middle = (sources.length - 1) / 2;
  const order = sources
    .map((source, k) => ({ source, distance: Math.abs(k - middle) }))
    .sort((a, b) => a.distance - b.distance);
  const signal = options.signal ?? new AbortController().signal;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let item = order[next++]; item; item = order[next++]) {
      signal.throwIfAborted();
      const dataset = datasets[item.source.instance];
      if (!dataset) continue;
      const frame = await loader.load(dataset, item.source.frame, {
        signal,
        priority: item.distance,
      });
      // A loader with a memory tier keeps its frames: send a copy, since sending transfers.
      const pixels = loader.holdsDecodedFrames === true ? frame.pixels.slice() : frame.pixels;
      const loaded = await volume.setSlice(item.source, pixels);
      options.onSlice?.(loaded, sources.length);
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 4, order.length));
  const complete = Promise.all(Array.from({ length: lanes }, worker)).then(() => undefined);
  complete.catch(() => undefined);
  return { volume, complete };
}
