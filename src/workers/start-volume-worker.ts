import { bundledVolumeWorkerUrl, startBundledVolumeWorker } from './bundled-volume-worker.js';
import { startModuleWorker } from './module-worker.js';
import { workerOptions } from './worker-options.js';

/** Where the volume worker sits in a copy of the standalone build (see WorkerOptions.assetBase). */
export const STANDALONE_VOLUME_WORKER_PATH = 'assets/volume-worker.js';

/**
 * Starts a volume worker as the page's worker options say, like the decode worker: from
 * `assetBase`, through the host's `createWorker` whenever the URL is known, or the worker the
 * build bundled.
 */
export function startVolumeWorker(): Worker {
  const { assetBase, createWorker } = workerOptions();
  const url =
    assetBase === undefined
      ? bundledVolumeWorkerUrl()
      : new URL(
          STANDALONE_VOLUME_WORKER_PATH,
          new URL(String(assetBase), globalThis.location.href),
        );
  if (url && createWorker) return createWorker(url);
  return url ? startModuleWorker(url) : startBundledVolumeWorker();
}
