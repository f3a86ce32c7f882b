/**
 * What an MPR element asks of the session layer: a series' volume, built in a volume worker of
 * its own and filled as the slices stream in, and the series' data sets when the element was
 * given only a server, a study and a series (STYLE.md: elements never touch DICOMweb or a
 * worker themselves).
 */
import type { ViewerServices } from '../context/viewer-services.js';
import type { DicomDataset } from '../dicom/dataset.js';
import { CourbarilError } from '../dicom/errors.js';
import { SeriesLoader } from '../dicomweb/series-loader.js';
import type { FrameLoader } from '../workers/frame-loader.js';
import { loadVolume } from '../workers/load-volume.js';
import { VolumeWorkerClient, VolumeWorkerError } from '../workers/volume-worker-client.js';
import type { ReformatImage, ReformatOptions, ReformatPlane } from '../volume/reformat-plane.js';
import { VolumeGeometryError, VolumeTooLargeError } from '../volume/volume-errors.js';
import type { VolumeGeometry } from '../volume/volume-geometry.js';

/** A volume an MPR element draws from; `dispose()` stops its worker and frees its voxels. */
export interface MprVolume {
  readonly geometry: VolumeGeometry;
  /** Bytes the voxels take in the worker. */
  readonly bytes: number;
  readonly totalSlices: number;
  readonly loadedSlices: number;
  /** Settles once every slice is in; rejects with the first failure. */
  readonly complete: Promise<void>;
  reformat(plane: ReformatPlane, options: ReformatOptions): Promise<ReformatImage>;
  dispose(): void;
}

export interface OpenMprVolumeOptions {
  readonly signal: AbortSignal;
  /** Called after each slice is in (redraw the planes). */
  readonly onSlice: (loaded: number, total: number) => void;
  /** Default: the volume worker's 1 GiB bound. */
  readonly maxVolumeBytes?: number | undefined;
  /** The host's worker starter (tests); default the bundled volume worker. */
  readonly startWorker?: (() => Worker) | undefined;
}

/**
 * Why a series shows no MPR, as a stable code: a geometry refusal (VolumeRefusal), `too-large`
 * (over the memory bound), `worker` (the volume worker could not run), `load` (slices failed).
 */
export function volumeFailureReason(error: unknown): string {
  if (error instanceof VolumeGeometryError) return error.reason;
  if (error instanceof VolumeTooLargeError) return 'too-large';
  if (error instanceof VolumeWorkerError) return 'worker';
  return 'load';
}

/** The message safe to show and log: ours name no patient data (volume-errors.ts). */
export function volumeFailureMessage(error: unknown): string {
  return error instanceof CourbarilError ? error.message : 'The slices could not be loaded';
}

/**
 * Builds the series' volume in a new volume worker and starts streaming its slices in through
 * `loader`, middle slice first. Rejects (worker stopped) with VolumeGeometryError when the
 * series cannot be reformatted safely, VolumeTooLargeError above the bound.
 */
export async function openMprVolume(
  datasets: readonly DicomDataset[],
  loader: FrameLoader,
  options: OpenMprVolumeOptions,
): Promise<MprVolume> {
  const client = new VolumeWorkerClient(options.startWorker);
  let stopped = false;
  const stop = (): void => {
    if (!stopped) client.dispose();
    stopped = true;
  };
  options.signal.addEventListener('abort', stop, { once: true });
  let loaded = 0;
  try {
    const { volume, complete } = await loadVolume(client, datasets, loader, {
      signal: options.signal,
      ...(options.maxVolumeBytes === undefined ? {} : { maxVolumeBytes: options.maxVolumeBytes }),
      onSlice: (count, total) => {
        loaded = count;
        options.onSlice(count, total);
      },
    });
    const totalSlices = volume.geometry.sliceSources.length;
    return {
      geometry: volume.geometry,
      bytes: volume.bytes,
      totalSlices,
      get loadedSlices() {
        return loaded;
      },
      complete,
      reformat: (plane, reformatOptions) => volume.reformat(plane, reformatOptions),
      dispose: () => {
        options.signal.removeEventListener('abort', stop);
        stop();
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}

/**
 * The data sets of a series on the viewer's server, from its metadata (WADO-RS), whose frames
 * the viewer's frame loader fetches, caches and decodes on demand.
 */
export async function seriesDatasets(
  services: ViewerServices,
  studyInstanceUid: string,
  seriesInstanceUid: string,
  signal: AbortSignal,
): Promise<DicomDataset[]> {
  const instances = await services.client.retrieveSeriesMetadata(
    studyInstanceUid,
    seriesInstanceUid,
    { signal },
  );
  const loader = new SeriesLoader({
    client: services.client,
    scheduler: services.scheduler,
    studyInstanceUid,
    seriesInstanceUid,
    instances,
    store: services.cache,
  });
  return [...new Set(loader.slices.map((slice) => slice.dataset))];
}
